//! Hidden and editor files are not content, in any folder (issue 20,
//! finding 9): a macOS `._` file, an Emacs lock link, a hidden draft, Office
//! lock files and Windows' folder files are skipped as `static/` skips them.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::common::SiteTest;

/// What macOS writes beside a file copied to a USB stick: binary, NUL bytes.
const APPLE_DOUBLE: &[u8] = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02";

#[test]
fn hidden_and_editor_files_are_skipped_in_every_folder() {
    let t = SiteTest::fixture("minimal");
    let draft = "---\ntitle: Bản nháp chưa đăng\n---\nKhông được đăng.\n";
    for rel in [
        "schedules/._lich.yaml",
        "guides/._cai-dat.md",
        "pages/._gioi-thieu.md",
        "news/._tin.md",
        "templates/._base.html",
        "schedules/~$lich.xlsx",
        "schedules/Thumbs.db",
        "static/desktop.ini",
        "static/._logo.gif",
    ] {
        t.write_bytes(rel, APPLE_DOUBLE);
    }
    t.write("guides/.nhap-an.md", draft);
    t.write("guides/#cai-dat.md#", draft);
    t.write("guides/cai-dat.md~", draft);
    t.write("pages/.nhap.md", draft);
    t.write(
        "static/.git/config",
        "[remote] url = https://token@example.com\n",
    );
    // Emacs marks a file being edited with a link to nowhere.
    symlink(
        "root@may-van-phong.4242:1700000000",
        t.root.join("schedules/.#lich.yaml"),
    )
    .unwrap();
    symlink(
        "root@may-van-phong.4242:1700000000",
        t.root.join("guides/.#cai-dat.md"),
    )
    .unwrap();

    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["._", ".#", "~$", "Thumbs", "desktop.ini", "nhap", ".git"] {
        assert!(
            !run.stderr.contains(name),
            "{name} was read:\n{}",
            run.stderr
        );
    }
    let files = t.output_files();
    for published in &files {
        assert!(
            !published.contains("nhap") && !published.contains(".git"),
            "{published} was published"
        );
        let name = published.rsplit('/').next().unwrap();
        assert!(
            !name.starts_with("._") && name != "desktop.ini",
            "{published} was published"
        );
    }
    let guides = t.page("huong-dan/index.html").text;
    assert!(!guides.contains("Bản nháp"), "the hidden draft is listed");
    assert_eq!(t.check().code, 0);
}
