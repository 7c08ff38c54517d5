//! `serve` on a province rebuilds only the communes an edit changed
//! (`build::update`, keyed by the content of each commune's files): the
//! output must be byte for byte what a whole build of the edited site writes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bangtin::build::{self, BuildOptions, Cache, Changed, Update};
use common::SiteTest;

fn options(root: &Path, output: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: Some("http://127.0.0.1:1111".into()),
        today: Some(chrono::NaiveDate::from_ymd_opt(2022, 12, 1).unwrap()),
        ..BuildOptions::default()
    }
}

/// Every file under `dir` (the marker too), by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The updated output against a whole build of the same content, byte for byte.
fn assert_same_as_whole_build(t: &SiteTest, what: &str) {
    let cold = t.out.with_file_name("whole");
    build::build(&options(&t.root, &cold)).unwrap();
    let (updated, whole) = (files(&t.out), files(&cold));
    assert_eq!(
        updated.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>(),
        "{what}: the files differ"
    );
    for (rel, bytes) in &updated {
        assert!(bytes == &whole[rel], "{what}: {rel} differs");
    }
}

fn update(t: &SiteTest, cache: &mut Option<Cache>) -> Update {
    build::update(&options(&t.root, &t.out), cache, Changed::Unknown)
}

#[cfg(unix)]
fn inode(path: PathBuf) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

#[test]
fn an_edit_rebuilds_only_its_commune_and_gives_the_whole_build_bytes() {
    let t = SiteTest::fixture("province");
    let mut cache = None;
    build::build_keeping(&options(&t.root, &t.out), &mut cache).unwrap();
    assert!(cache.is_some());
    #[cfg(unix)]
    let untouched = inode(t.out.join("xa/cam-ngoc/index.html"));

    // Nothing changed: nothing to do.
    assert!(matches!(update(&t, &mut cache), Update::Done(_)));

    // One commune's schedule.
    let schedule = t
        .read_source("xa/cam-son/schedules/lich.yaml")
        .replace("14h-17h", "13h-16h30");
    t.write("xa/cam-son/schedules/lich.yaml", &schedule);
    let Update::Done(summary) = update(&t, &mut cache) else {
        panic!("a schedule edit needs no whole build");
    };
    assert!(summary.pages > 0);
    let page = t.page("xa/cam-son/index.html");
    assert!(
        page.select_texts("main").join(" ").contains("13:00–16:30"),
        "the edit is not on the commune's page"
    );
    assert_same_as_whole_build(&t, "schedule edit");
    // The other commune was not rewritten.
    #[cfg(unix)]
    assert_eq!(inode(t.out.join("xa/cam-ngoc/index.html")), untouched);

    // Another commune's guide, and a new image in its static folder.
    let guide = t.read_source("xa/cam-ngoc/guides/cai-dat.md") + "\nMột dòng mới.\n";
    t.write("xa/cam-ngoc/guides/cai-dat.md", &guide);
    t.write_bytes("xa/cam-ngoc/static/anh/moi.txt", b"moi");
    assert!(matches!(update(&t, &mut cache), Update::Done(_)));
    assert_same_as_whole_build(&t, "guide edit");
    assert!(t.out.join("xa/cam-ngoc/anh/moi.txt").is_file());

    // A file removed.
    t.remove("xa/cam-ngoc/static/anh/moi.txt");
    assert!(matches!(update(&t, &mut cache), Update::Done(_)));
    assert_same_as_whole_build(&t, "file removed");
}

#[test]
fn an_edit_with_errors_leaves_the_output_and_the_fix_updates_it() {
    let t = SiteTest::fixture("province");
    let mut cache = None;
    build::build_keeping(&options(&t.root, &t.out), &mut cache).unwrap();
    let before = files(&t.out);

    let good = t.read_source("xa/cam-son/schedules/lich.yaml");
    t.write(
        "xa/cam-son/schedules/lich.yaml",
        &good.replace("Làng Chiềng", "Làng Không Có"),
    );
    let Update::Failed(failure) = update(&t, &mut cache) else {
        panic!("an unknown hamlet is an error");
    };
    assert!(failure.diagnostics.iter().any(|d| d.is_error()));
    assert!(
        files(&t.out) == before,
        "a failed update changed the output"
    );

    // Fixed differently from the start: the output follows the content.
    t.write(
        "xa/cam-son/schedules/lich.yaml",
        &good.replace("02/12/2022", "05/12/2022"),
    );
    assert!(matches!(update(&t, &mut cache), Update::Done(_)));
    assert_same_as_whole_build(&t, "fixed edit");
}

#[test]
fn a_province_edit_or_another_output_needs_a_whole_build() {
    let t = SiteTest::fixture("province");
    let mut cache = None;
    build::build_keeping(&options(&t.root, &t.out), &mut cache).unwrap();
    let other = t.out.with_file_name("other");
    assert!(matches!(
        build::update(&options(&t.root, &other), &mut cache, Changed::Unknown),
        Update::Whole
    ));
    assert!(
        cache.is_none(),
        "a whole build is needed: the cache is gone"
    );

    build::build_keeping(&options(&t.root, &t.out), &mut cache).unwrap();
    let province = t.read_source("site.yaml").replace("title:", "title: Mới:");
    t.write("site.yaml", &province);
    assert!(matches!(update(&t, &mut cache), Update::Whole));
}

#[test]
fn the_watchers_paths_say_which_communes_to_read_again() {
    let t = SiteTest::fixture("province");
    let mut cache = None;
    build::build_keeping(&options(&t.root, &t.out), &mut cache).unwrap();
    let saved = |rel: &str| vec![t.root.join(rel)];
    let update_after = |cache: &mut Option<Cache>, paths: &[PathBuf]| {
        build::update(&options(&t.root, &t.out), cache, Changed::Paths(paths))
    };

    // The commune the watcher names is read again and rebuilt.
    let schedule = t
        .read_source("xa/cam-son/schedules/lich.yaml")
        .replace("14h-17h", "13h-16h30");
    t.write("xa/cam-son/schedules/lich.yaml", &schedule);
    let paths = saved("xa/cam-son/schedules/lich.yaml");
    assert!(matches!(update_after(&mut cache, &paths), Update::Done(_)));
    assert_same_as_whole_build(&t, "schedule edit the watcher saw");

    // A guide's edit: the shared data stays the same file, not rewritten.
    #[cfg(unix)]
    let data = inode(t.out.join("du-lieu/lich.json"));
    let guide = t.read_source("xa/cam-ngoc/guides/cai-dat.md") + "\nMột dòng mới.\n";
    t.write("xa/cam-ngoc/guides/cai-dat.md", &guide);
    let paths = saved("xa/cam-ngoc/guides/cai-dat.md");
    assert!(matches!(update_after(&mut cache, &paths), Update::Done(_)));
    assert_same_as_whole_build(&t, "guide edit the watcher saw");
    #[cfg(unix)]
    assert_eq!(inode(t.out.join("du-lieu/lich.json")), data);

    // Only the named communes are read: an edit the watcher did not report
    // waits for a path it does not place (here the province's own file),
    // after which every commune is read again.
    let guide = t.read_source("xa/cam-ngoc/guides/cai-dat.md") + "\nDòng thứ hai.\n";
    t.write("xa/cam-ngoc/guides/cai-dat.md", &guide);
    let paths = saved("xa/cam-son/schedules/lich.yaml");
    assert!(matches!(update_after(&mut cache, &paths), Update::Done(_)));
    let page = t.page("xa/cam-ngoc/huong-dan/cai-dat/index.html");
    assert!(!page.select_texts("main").join(" ").contains("Dòng thứ hai"));
    let paths = saved("site.yaml");
    assert!(matches!(update_after(&mut cache, &paths), Update::Done(_)));
    assert_same_as_whole_build(&t, "edit found by reading every commune");
}

#[test]
fn a_reader_holding_the_output_readers_lock_never_finds_a_page_missing_mid_swap() {
    use std::sync::{Arc, RwLock};

    let t = SiteTest::fixture("province");
    let readers = Arc::new(RwLock::new(()));
    let options = BuildOptions {
        output_readers: Some(readers.clone()),
        ..options(&t.root, &t.out)
    };
    let mut cache = None;
    build::build_keeping(&options, &mut cache).unwrap();
    let page = t.out.join("xa/cam-ngoc/index.html");
    let (mut reads, mut missing) = (0u32, 0u32);
    std::thread::scope(|s| {
        let updates = s.spawn(|| {
            // Each update swaps the commune's folder out and the new one in.
            for n in 0..15 {
                let guide = format!(
                    "{}\nSửa lần {n}.\n",
                    t.read_source("xa/cam-ngoc/guides/cai-dat.md")
                );
                t.write("xa/cam-ngoc/guides/cai-dat.md", &guide);
                let changed = [t.root.join("xa/cam-ngoc/guides/cai-dat.md")];
                let updated = build::update(&options, &mut cache, Changed::Paths(&changed));
                assert!(matches!(updated, Update::Done(_)), "update {n}");
            }
        });
        // What `serve` does for each request.
        while !updates.is_finished() {
            let _reading = readers.read().unwrap();
            reads += 1;
            if std::fs::read(&page).is_err() {
                missing += 1;
            }
        }
    });
    assert!(reads > 0);
    assert_eq!(
        missing, 0,
        "the page was missing on {missing} of {reads} reads"
    );
    assert_same_as_whole_build(&t, "after the reads");
}
