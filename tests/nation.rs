//! A nation of provinces (`site.yaml` with `provinces:`): each province is
//! built under `tinh/<slug>/` exactly as it is built alone, with an index of
//! the provinces; and one build per province (`--province`), put together,
//! is the whole build, file for file (a CI job matrix over provinces).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{path_str, repo_path, SiteTest};

const BASE: &str = "https://dinhdanh.example.gov.vn";

/// Every file under `dir` by relative path (the `.bangtin` marker too).
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

/// Two provinces, each a copy of the province fixture under `tinh/`.
fn nation() -> SiteTest {
    nation_of([("thanh-hoa", "Thanh Hóa"), ("kien-giang", "Kiên Giang")])
}

/// Provinces (folder under `tinh/`, name), each a copy of the province fixture.
fn nation_of(provinces: [(&str, &str); 2]) -> SiteTest {
    let t = SiteTest::fixture("minimal");
    std::fs::remove_dir_all(&t.root).unwrap();
    let fixture = repo_path("tests/fixtures/province");
    for (folder, title) in provinces {
        for (rel, bytes) in files(&fixture) {
            let bytes = match rel.as_str() {
                "site.yaml" => String::from_utf8(bytes)
                    .unwrap()
                    .replace("huyện Cẩm Thủy", &format!("tỉnh {title}"))
                    .into_bytes(),
                _ => bytes,
            };
            t.write_bytes(&format!("tinh/{folder}/{rel}"), &bytes);
        }
    }
    let listed: String = provinces
        .iter()
        .map(|(folder, _)| format!("  - tinh/{folder}\n"))
        .collect();
    t.write(
        "site.yaml",
        &format!("title: Định danh điện tử toàn quốc\nauthority: Bộ Công an\nprovinces:\n{listed}"),
    );
    t
}

fn build(t: &SiteTest, out: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "build",
        "--root",
        path_str(&t.root),
        "--output",
        path_str(out),
        "--today",
        "01/12/2022",
        "--base-url",
        BASE,
    ];
    args.extend_from_slice(extra);
    t.run(&args)
}

#[test]
fn a_nation_builds_each_province_as_alone_and_an_index() {
    let t = nation();
    let run = build(&t, &t.out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = t.page("index.html");
    assert_eq!(
        index.select_texts("ul.provinces h2"),
        [
            "Định danh điện tử tỉnh Thanh Hóa",
            "Định danh điện tử tỉnh Kiên Giang"
        ]
    );
    assert_eq!(
        index.attrs("ul.provinces h2 a", "href"),
        ["tinh/thanh-hoa/index.html", "tinh/kien-giang/index.html"]
    );
    common::assert_links_resolve(&t.out);

    // A province alone, at the address the nation gives it.
    let alone = t.out.with_file_name("alone");
    let province = t.root.join("tinh/kien-giang");
    let run = t.run(&[
        "build",
        "--root",
        path_str(&province),
        "--output",
        path_str(&alone),
        "--today",
        "01/12/2022",
        "--base-url",
        &format!("{BASE}/tinh/kien-giang"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let whole = files(&t.out);
    let mut alone = files(&alone);
    alone.remove(".bangtin");
    assert!(alone.len() > 20);
    for (rel, bytes) in &alone {
        let inside = format!("tinh/kien-giang/{rel}");
        assert!(whole.get(&inside) == Some(bytes), "{inside} differs");
    }
}

#[test]
fn one_build_per_province_put_together_is_the_whole_build() {
    let t = nation();
    assert_eq!(build(&t, &t.out, &[]).code, 0);
    let whole = files(&t.out);
    let mut together = BTreeMap::new();
    for slug in ["thanh-hoa", "kien-giang"] {
        let part = t.out.with_file_name(format!("part-{slug}"));
        let run = build(&t, &part, &["--province", slug]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for (rel, bytes) in files(&part) {
            // The index and the assets are in every part, alike.
            if let Some(before) = together.insert(rel.clone(), bytes.clone()) {
                assert!(before == bytes, "{rel} differs between two parts");
            }
        }
    }
    assert_eq!(
        together.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &together {
        assert!(bytes == &whole[rel], "{rel} differs from the whole build");
    }
}

#[test]
fn an_unknown_province_or_a_province_option_off_a_nation_is_refused() {
    let t = nation();
    let run = build(&t, &t.out, &["--province", "ha-noi"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("Không có tỉnh \"ha-noi\" trong trang toàn quốc."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("thanh-hoa, kien-giang"),
        "{}",
        run.stderr
    );
    assert!(!t.out.exists());

    let province = SiteTest::fixture("province");
    let run = province.build_with(&["--province", "thanh-hoa"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("Tùy chọn --province chỉ dùng cho trang toàn quốc"),
        "{}",
        run.stderr
    );
}

/// A province folder named as a Windows device (`tinh/con/`, `tinh/LPT1/`)
/// builds, but its pages cannot be copied to a Windows computer: the same
/// warning as a commune folder's, naming the folder, in `build`,
/// `build --province` and `check`.
#[test]
fn a_province_folder_windows_keeps_for_a_device_is_warned_about() {
    let t = nation_of([("con", "Thanh Hóa"), ("LPT1", "Kiên Giang")]);
    let says = |stderr: &str, name: &str, folder: &str| {
        let line = stderr
            .lines()
            .find(|l| {
                l.contains(&format!(
                    "Tên \"{name}\" là tên Windows dành riêng cho thiết bị"
                ))
            })
            .unwrap_or_else(|| panic!("no warning for {name}: {stderr}"));
        assert!(line.starts_with("cảnh báo"), "{line}");
        assert!(line.contains(&format!("tinh/{name}")), "{line}");
        assert!(
            stderr.contains(&format!("ví dụ \"{folder}-1\"")),
            "{stderr}"
        );
    };
    let run = build(&t, &t.out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run.stderr, "con", "con");
    says(&run.stderr, "LPT1", "lpt1");
    assert!(t.out.join("tinh/con/index.html").is_file());
    assert!(t.out.join("tinh/lpt1/index.html").is_file());

    let part = t.out.with_file_name("part");
    let run = build(&t, &part, &["--province", "con"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run.stderr, "con", "con");

    let run = t.run(&[
        "check",
        "--root",
        path_str(&t.root),
        "--today",
        "01/12/2022",
    ]);
    says(&run.stderr, "con", "con");
    says(&run.stderr, "LPT1", "lpt1");
}
