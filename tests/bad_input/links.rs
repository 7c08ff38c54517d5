//! Symbolic links in the site folder: followed only while they stay inside it.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use crate::assert_refused;
use crate::common::SiteTest;

const SECRET: &str = "mat-khau-may-chu: 123456";

/// A built site and a secret file beside (outside) its folder.
fn site_with_secret_beside() -> (SiteTest, PathBuf) {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let outside = t.root.parent().unwrap().join("ngoai");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("bi-mat.md"),
        format!("---\ntitle: Bí mật\n---\n{SECRET}\n"),
    )
    .unwrap();
    (t, outside)
}

/// The link is refused by name, nothing is published, the old site stays.
fn assert_link_refused(t: &SiteTest, link: &str, says: &str) {
    let before = t.snapshot_output();
    let run = t.build();
    assert_refused(&run, 1, &[link], &[says]);
    assert!(before == t.snapshot_output(), "the previous site changed");
    assert_refused(&t.check(), 1, &[link], &[says]);
}

#[test]
fn a_guide_linked_to_a_file_outside_the_site() {
    let (t, outside) = site_with_secret_beside();
    symlink(outside.join("bi-mat.md"), t.root.join("guides/bi-mat.md")).unwrap();
    assert_link_refused(&t, "guides/bi-mat.md", "ra ngoài thư mục trang");
}

#[test]
fn a_static_file_linked_outside_the_site() {
    let (t, outside) = site_with_secret_beside();
    symlink(outside.join("bi-mat.md"), t.root.join("static/bi-mat.txt")).unwrap();
    assert_link_refused(&t, "static/bi-mat.txt", "ra ngoài thư mục trang");
}

#[test]
fn a_static_folder_linked_outside_the_site() {
    let (t, outside) = site_with_secret_beside();
    symlink(&outside, t.root.join("static/tai-lieu")).unwrap();
    assert_link_refused(&t, "static/tai-lieu", "ra ngoài thư mục trang");
}

#[test]
fn the_whole_guides_folder_linked_outside_the_site() {
    let (t, outside) = site_with_secret_beside();
    std::fs::rename(t.root.join("guides"), t.root.join("guides-cu")).unwrap();
    symlink(&outside, t.root.join("guides")).unwrap();
    assert_link_refused(&t, "guides", "ra ngoài thư mục trang");
}

#[test]
fn site_yaml_and_a_template_linked_outside_the_site() {
    let (t, outside) = site_with_secret_beside();
    std::fs::copy(t.root.join("site.yaml"), outside.join("site.yaml")).unwrap();
    std::fs::remove_file(t.root.join("site.yaml")).unwrap();
    symlink(outside.join("site.yaml"), t.root.join("site.yaml")).unwrap();
    std::fs::create_dir_all(t.root.join("templates")).unwrap();
    symlink(
        outside.join("bi-mat.md"),
        t.root.join("templates/base.html"),
    )
    .unwrap();
    let before = t.snapshot_output();
    let run = t.build();
    assert_refused(
        &run,
        1,
        &["site.yaml", "templates/base.html"],
        &["ra ngoài thư mục trang"],
    );
    assert!(before == t.snapshot_output());
}

#[test]
fn a_broken_link() {
    let (t, _) = site_with_secret_beside();
    symlink(
        t.root.join("static/khong-con.png"),
        t.root.join("static/anh.png"),
    )
    .unwrap();
    assert_link_refused(&t, "static/anh.png", "liên kết (symlink) hỏng");
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let t = SiteTest::fixture("minimal");
    symlink("../pages/gioi-thieu.md", t.root.join("guides/ban-sao.md")).unwrap();
    symlink("img/logo.gif", t.root.join("static/logo.gif")).unwrap();
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(t.output_file("huong-dan/ban-sao/index.html").is_file());
    assert!(t.output_file("logo.gif").is_file());
}
