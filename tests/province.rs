//! Many communes in one build: `site.yaml` with `communes:` (or an `xa/` folder)
//! builds each commune under `xa/<slug>/`, a top index and shared data.

mod common;

use common::{assert_links_resolve, path_str, SiteTest};

#[test]
fn province_builds_every_commune_an_index_and_shared_data() {
    let t = SiteTest::fixture("province");
    let run = t.build_on("01/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = t.output_files();
    for f in [
        "index.html",
        "xa/cam-ngoc/index.html",
        "xa/cam-ngoc/lich/dong-lao/index.html",
        "xa/cam-son/index.html",
        "xa/cam-son/lich/lang-chieng/index.html",
        "du-lieu/lich.json",
        "du-lieu/lich.csv",
        "assets/style.css",
    ] {
        assert!(files.contains(&f.to_string()), "missing {f}");
    }
    let index = t.page("index.html");
    assert_eq!(
        index.select_texts("ul.communes h2"),
        vec!["UBND xã Cẩm Ngọc", "UBND xã Cẩm Sơn"]
    );
    assert_eq!(
        index.attrs("ul.communes h2 a", "href"),
        vec!["xa/cam-ngoc/index.html", "xa/cam-son/index.html"]
    );
    // Next sessions from --today, linked to the commune's hamlet pages.
    let next: Vec<String> = index.select_texts("ul.communes > li:nth-child(2) .when");
    assert_eq!(
        next,
        vec![
            "Thứ Sáu, 02/12/2022, 08:00–11:00",
            "Thứ Bảy, 03/12/2022, 14:00–17:00"
        ]
    );
    assert!(index
        .attrs("ul.communes a", "href")
        .contains(&"xa/cam-son/lich/lang-chieng/index.html".to_string()));
    assert_links_resolve(&t.out);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.output_file("du-lieu/lich.json")).unwrap())
            .unwrap();
    assert_eq!(json["version"], 1);
    let communes = json["communes"].as_array().unwrap();
    assert_eq!(communes.len(), 2);
    assert_eq!(communes[1]["slug"], "cam-son");
    assert_eq!(communes[1]["path"], "xa/cam-son/");
    assert_eq!(communes[1]["data"]["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(communes[0]["data"]["version"], 1);

    let csv = std::fs::read(t.output_file("du-lieu/lich.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "Xã");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4 + 2);
    assert_eq!(
        (&rows[4][0], &rows[4][1], &rows[4][4]),
        ("UBND xã Cẩm Sơn", "cam-son", "thôn Làng Chiềng")
    );
}

#[test]
fn each_commune_is_exactly_the_site_it_is_alone() {
    let t = SiteTest::fixture("province");
    assert_eq!(t.build_on("01/12/2022").code, 0);
    let alone = t.root.parent().unwrap().join("alone");
    let run = t.run(&[
        "build",
        "--root",
        path_str(&t.root.join("xa/cam-ngoc")),
        "--output",
        path_str(&alone),
        "--today",
        "01/12/2022",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&alone)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&alone).unwrap();
        if rel == std::path::Path::new(".bangtin") {
            continue;
        }
        let inside = t.out.join("xa/cam-ngoc").join(rel);
        assert!(
            std::fs::read(entry.path()).unwrap() == std::fs::read(&inside).unwrap_or_default(),
            "{} differs",
            rel.display()
        );
        compared += 1;
    }
    assert!(compared > 20, "{compared}");
}

#[test]
fn an_error_names_the_communes_own_file() {
    let t = SiteTest::fixture("province");
    t.write(
        "xa/cam-son/schedules/lich.yaml",
        "sessions:\n  - hamlet: Làng Chiềng\n    date: 31/02/2023\n",
    );
    t.write(
        "xa/cam-ngoc/schedules/them.yaml",
        "sessions:\n  - hamlet: Không Có\n    date: 01/12/2022\n",
    );
    let run = t.build();
    assert_eq!(run.code, 1);
    // Every commune's problems at once, each with its own path and line.
    assert!(
        run.stderr.contains("xa/cam-son/schedules/lich.yaml:3:11"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("xa/cam-ngoc/schedules/them.yaml:2:13"),
        "{}",
        run.stderr
    );
    assert!(!t.out.exists());
    let check = t.check();
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("Có 2 lỗi"), "{}", check.stderr);
}

#[test]
fn an_xa_folder_is_found_without_a_list() {
    let t = SiteTest::fixture("province");
    t.write(
        "site.yaml",
        "title: Huyện Cẩm Thủy\nauthority: UBND huyện Cẩm Thủy\n",
    );
    let run = t.build_on("01/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        t.output_file("xa/cam-ngoc/index.html").is_file()
            && t.output_file("xa/cam-son/index.html").is_file()
    );
}

#[test]
fn a_commune_folder_outside_the_province_is_refused() {
    let t = SiteTest::fixture("province");
    t.write(
        "site.yaml",
        "title: T\nauthority: A\ncommunes:\n  - ../khac\n  - xa/khong-co\n",
    );
    let run = t.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml:4:5") && run.stderr.contains("site.yaml:5:5"),
        "{}",
        run.stderr
    );
}
