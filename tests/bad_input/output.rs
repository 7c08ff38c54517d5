//! Output folders that would destroy the content or someone's files: refused
//! in every spelling, relative or absolute, through `..` or a link.

use std::path::Path;

use crate::assert_refused;
use crate::common::{path_str, Run, SiteTest};

/// `bangtin build --root site --output <output>`, run from the folder holding `site`.
fn build_into(t: &SiteTest, output: &str) -> Run {
    t.run(&[
        "build",
        "--root",
        "site",
        "--output",
        output,
        "--today",
        "28/11/2022",
    ])
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Refused by name with `says`, and the content folder untouched.
fn assert_output_refused(output: &str, says: &str) {
    let t = SiteTest::fixture("minimal");
    let work = t.root.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(work.join("x")).unwrap();
    let content = snapshot(&t.root);
    let run = build_into(&t, output);
    assert_refused(&run, 1, &[], &[says, "--output"]);
    assert!(
        run.stderr.contains(&format!("lỗi: {output}: ")),
        "{output} not named:\n{}",
        run.stderr
    );
    assert!(
        snapshot(&t.root) == content,
        "{output}: the content changed"
    );
    assert!(!t.root.join(".bangtin").exists());
}

#[test]
fn output_equal_to_the_content_folder() {
    assert_output_refused("site", "chính là thư mục nội dung");
    assert_output_refused("site/", "chính là thư mục nội dung");
    assert_output_refused("./x/../site", "chính là thư mục nội dung");
}

#[test]
fn output_inside_the_content_folder() {
    assert_output_refused("site/public", "nằm trong thư mục nội dung");
    assert_output_refused("site/static/ban-dung", "nằm trong thư mục nội dung");
    assert_output_refused("x/../site/public", "nằm trong thư mục nội dung");
    assert_output_refused("chua-co/../site/public", "nằm trong thư mục nội dung");
}

#[test]
fn output_inside_the_content_folder_given_absolute() {
    let t = SiteTest::fixture("minimal");
    let inside = t.root.join("public");
    let run = build_into(&t, path_str(&inside));
    assert_refused(&run, 1, &[], &["nằm trong thư mục nội dung"]);
    assert!(!inside.exists());
}

#[test]
fn output_containing_the_content_folder() {
    assert_output_refused(".", "chứa thư mục nội dung");
    assert_output_refused("site/..", "chứa thư mục nội dung");
    assert_output_refused("/", "chứa thư mục nội dung");
}

#[cfg(unix)]
#[test]
fn output_reaching_the_content_folder_through_a_link() {
    let t = SiteTest::fixture("minimal");
    let work = t.root.parent().unwrap();
    std::os::unix::fs::symlink("site", work.join("lien-ket")).unwrap();
    let content = snapshot(&t.root);
    let run = build_into(&t, "lien-ket/public");
    assert_refused(&run, 1, &[], &["nằm trong thư mục nội dung"]);
    let run = build_into(&t, "lien-ket");
    assert_refused(&run, 1, &[], &["chính là thư mục nội dung"]);
    assert!(snapshot(&t.root) == content);
}

#[test]
fn output_that_is_a_file() {
    let t = SiteTest::fixture("minimal");
    let file = t.root.parent().unwrap().join("ghi-chu.txt");
    std::fs::write(&file, "đừng xóa").unwrap();
    let run = build_into(&t, "ghi-chu.txt");
    assert_refused(&run, 1, &[], &["là một tệp"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "đừng xóa");
}

#[test]
fn output_folder_holding_files_bangtin_did_not_make() {
    let t = SiteTest::fixture("minimal");
    let out = t.root.parent().unwrap().join("tai-lieu");
    std::fs::create_dir_all(out.join("2022")).unwrap();
    std::fs::write(out.join("2022/bao-cao.docx"), "báo cáo").unwrap();
    std::fs::write(out.join("index.html"), "<p>trang riêng</p>").unwrap();
    let before = snapshot(&out);
    let run = build_into(&t, "tai-lieu");
    assert_refused(&run, 1, &[], &["không do bangtin tạo"]);
    assert!(snapshot(&out) == before);
}

#[test]
fn an_empty_folder_is_used_and_a_marked_one_replaced_whole() {
    let t = SiteTest::fixture("minimal");
    let out = t.root.parent().unwrap().join("trong");
    std::fs::create_dir_all(&out).unwrap();
    assert_eq!(build_into(&t, "trong").code, 0);
    assert!(out.join(".bangtin").is_file());
    // A marked folder is bangtin's: a file added by hand does not survive.
    std::fs::write(out.join("them-tay.html"), "x").unwrap();
    assert_eq!(build_into(&t, "trong").code, 0);
    assert!(!out.join("them-tay.html").exists());
    assert!(out.join("index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_linked_output_is_rebuilt_where_it_points_and_the_link_kept() {
    let t = SiteTest::fixture("minimal");
    let work = t.root.parent().unwrap();
    std::fs::create_dir_all(work.join("www/camngoc")).unwrap();
    std::os::unix::fs::symlink("www/camngoc", work.join("public")).unwrap();
    for _ in 0..2 {
        let run = build_into(&t, "public");
        assert_eq!(run.code, 0, "{}", run.stderr);
        let link = std::fs::symlink_metadata(work.join("public")).unwrap();
        assert!(link.file_type().is_symlink());
        assert!(work.join("www/camngoc/index.html").is_file());
    }
    // Beside the real folder: the folder, and the lock file builds take
    // turns on, nothing left over.
    let mut beside: Vec<_> = std::fs::read_dir(work.join("www"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    beside.sort();
    assert_eq!(beside, [".camngoc.bangtin-lock", "camngoc"]);
}

#[cfg(unix)]
#[test]
fn a_broken_output_link() {
    let t = SiteTest::fixture("minimal");
    let work = t.root.parent().unwrap();
    std::os::unix::fs::symlink("khong-co", work.join("public")).unwrap();
    let run = build_into(&t, "public");
    assert_refused(&run, 1, &[], &["liên kết (symlink) hỏng"]);
    assert!(!work.join("khong-co").exists());
}
