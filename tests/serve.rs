//! `bangtin serve`: the real binary answers HTTP on 127.0.0.1, rebuilds when a
//! content file changes, shows a Vietnamese error page for broken content
//! while the last good site is still served, and cleans up on Ctrl+C.

mod common;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::server::{wait_with_timeout, Server};
use common::{path_str, SiteTest};

#[test]
fn serves_the_built_site_on_loopback_with_a_reload_script() {
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    assert!(
        server
            .output()
            .contains("Đang xem trước trang tại: http://127.0.0.1:"),
        "{}",
        server.output()
    );

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control").as_deref(), Some("no-store"));
    let page = home.page();
    assert_eq!(
        page.select_texts(".site-title"),
        ["Đăng ký tài khoản định danh điện tử"]
    );
    let script = page.select_texts("body > script").join("");
    assert!(script.contains("/__bangtin/version"), "{}", home.body);

    // The same schedule as `bangtin build` writes, and none of serve's script
    // there (a week's sheet: serve builds on the clock's day, the schedule
    // page leads with the sessions coming from it).
    assert_eq!(t.build().code, 0);
    let built = t.page("lich/tuan-2022-48/index.html");
    let served = server.get("/lich/tuan-2022-48/").page();
    assert!(!built.table_rows("table.week").is_empty());
    assert_eq!(
        served.table_rows("table.week"),
        built.table_rows("table.week")
    );
    assert_eq!(built.table_rows("table.week").len(), 4);
    for file in t.output_files() {
        let bytes = std::fs::read(t.output_file(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__bangtin"),
            "{file} of `bangtin build` has serve's script"
        );
    }

    let folder = server.get("/lich");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location").as_deref(), Some("/lich/"));
    let css = server.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("Content-Type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(server.get("/img/logo.gif").status, 200);

    let missing = server.get("/khong-co/index.html");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.page().select_texts("h1"), ["Không tìm thấy trang"]);
    for sneaky in ["/../site.yaml", "/%2e%2e/site/site.yaml", "/.bangtin"] {
        assert_eq!(server.get(sneaky).status, 404, "{sneaky}");
    }
    // Only requests addressed to this computer (no DNS rebinding from a web page).
    assert_eq!(server.get_from("/", "localhost:1111").status, 200);
    assert_eq!(server.get_from("/", "evil.example:1111").status, 403);
    assert_eq!(server.version(), 1);
}

#[test]
fn an_edited_file_is_rebuilt_and_served() {
    let t = SiteTest::fixture("minimal");
    let mut server = Server::start(&t);
    // Building reads every content file; reading must not count as a change
    // (or the server would rebuild forever).
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(server.version(), 1, "{}", server.output());

    let before = server.get("/lich/dong-lao/index.html");
    assert!(before.body.contains("Nhà văn hóa thôn Đông Lão"));
    let edited = t
        .read_source("schedules/lich.yaml")
        .replace("Nhà văn hóa thôn Đông Lão", "Hội trường thôn Đông Lão");
    t.write("schedules/lich.yaml", &edited);

    let after = server.wait_until("/lich/dong-lao/index.html", "the edit", |r| {
        r.body.contains("Hội trường thôn Đông Lão")
    });
    assert_eq!(after.status, 200);
    // On the clock's day the session is past: listed compactly, at its new place.
    let past = after.page().select_texts("ul.compact li");
    assert!(
        past[0].starts_with("Hội trường thôn Đông Lão: 29/11"),
        "{past:?}"
    );
    assert!(server.version() >= 2);
    let line = server.wait_for_output("tệp thay đổi");
    assert!(line.contains("schedules/lich.yaml"), "{line}");
}

#[test]
fn a_broken_file_shows_the_error_page_while_the_old_site_stays() {
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    let good_rows = server
        .get("/lich/tuan-2022-48/index.html")
        .page()
        .table_rows("table.week");
    assert!(!good_rows.is_empty());
    let good = t.read_source("schedules/lich.yaml");
    t.write(
        "schedules/lich.yaml",
        &good.replacen("date: 29/11/2022", "date: 31/02/2022", 1),
    );

    let error = server.wait_until("/lich/index.html", "the error page", |r| r.status == 500);
    let page = error.page();
    assert_eq!(page.select_texts("html[lang=vi]").len(), 1);
    assert!(
        page.select_texts("h1")[0].starts_with("Nội dung có 1 lỗi"),
        "{}",
        error.body
    );
    let place = page.select_texts("li.error .where code");
    assert_eq!(place.len(), 1, "{}", error.body);
    assert!(place[0].ends_with("schedules/lich.yaml:3:11"), "{place:?}");
    let what = page.select_texts("li.error .what");
    assert!(what[0].contains("31/02/2022 không có thật"), "{what:?}");
    assert!(page.select_texts("li.error pre")[0].contains("date: 31/02/2022"));
    assert!(page.select_texts("li.error .fix")[0].starts_with("Cách sửa:"));
    assert_eq!(page.attrs("a.old", "href"), ["?ban-cu"]);
    // Every page shows the errors, with the reload script to come back by itself.
    let other = server.get("/lich/dong-lao/");
    assert_eq!(other.status, 500);
    assert!(other.body.contains("/__bangtin/version"));

    // The last good site is still there: the old page behind the link, and the
    // files pages need.
    let old = server.get("/lich/tuan-2022-48/index.html?ban-cu");
    assert_eq!(old.status, 200);
    assert_eq!(old.page().table_rows("table.week"), good_rows);
    assert!(
        old.page().select_texts("div[role=alert]")[0].contains("bản cũ"),
        "{}",
        old.body
    );
    assert_eq!(server.get("/assets/style.css").status, 200);
    assert_eq!(server.get("/img/logo.gif").status, 200);

    // Fixed: the page is back, with the fix.
    t.write(
        "schedules/lich.yaml",
        &good.replace("Nhà văn hóa thôn Đông Lão", "Nhà văn hóa mới"),
    );
    let fixed = server.wait_until("/lich/tuan-2022-48/index.html", "the fixed page", |r| {
        r.status == 200
    });
    assert_eq!(
        fixed.page().table_rows("table.week")[0][3],
        "Nhà văn hóa mới"
    );
}

#[test]
fn a_site_that_never_built_shows_only_the_error_page() {
    let t = SiteTest::fixture("minimal");
    t.write("site.yaml", "title: [\n");
    let server = Server::start(&t);
    let home = server.get("/");
    assert_eq!(home.status, 500);
    let places = home.page().select_texts("li.error .where code");
    assert!(
        places.iter().any(|p| p.ends_with("site.yaml:1:8")),
        "{places:?}"
    );
    assert!(home.body.contains("Chưa có bản nào dựng được"));
    assert_eq!(home.page().count("a.old"), 0);
    // Nothing old to fall back to.
    assert_eq!(server.get("/?ban-cu").status, 500);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_removes_its_preview_folder() {
    let t = SiteTest::fixture("minimal");
    let mut server = Server::start(&t);
    assert_eq!(server.preview_folders().len(), 1);
    let pid = server.child.id().to_string();
    let sent = Command::new("sh")
        .args(["-c", &format!("kill -INT {pid}")])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = wait_with_timeout(&mut server.child);
    assert!(status.success(), "{status}");
    server.wait_for_output("Đã dừng xem trước.");
    assert_eq!(server.preview_folders(), Vec::<String>::new());
}

#[test]
fn a_busy_port_or_missing_folder_is_explained() {
    let t = SiteTest::fixture("minimal");
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    for (args, expected) in [
        (
            vec![
                "serve",
                "--root",
                path_str(&t.root),
                "--port",
                port.as_str(),
            ],
            format!("Cổng {port} đang được một chương trình khác dùng"),
        ),
        (
            vec!["serve", "--root", "khong-co-thu-muc", "--port", "0"],
            "Không tìm thấy thư mục nội dung khong-co-thu-muc.".to_string(),
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
            .args(&args)
            .current_dir(t.root.parent().unwrap())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_with_timeout(&mut child);
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(2), "{err}");
        assert!(err.contains(&expected), "{err}");
        assert!(err.contains("Cách sửa:"), "{err}");
    }
}

/// Chromium for the browser test: None (with a note) when it is missing here,
/// a failure when it is missing in CI.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is required in CI (see .ci/run)"
        );
        eprintln!("note: Chromium not found, browser test skipped");
    }
    found
}

/// Serves `html` (built as number 1) for the first page request and, like
/// `serve`, the page of build `version` after that; answers `version` at
/// /__bangtin/version; records the page paths the browser asked for.
fn stand_in_server(html: String, version: String) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let pages = Arc::new(Mutex::new(Vec::new()));
    let seen = pages.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut byte = [0u8; 1];
            while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                request.push(byte[0]);
            }
            let request = String::from_utf8_lossy(&request).into_owned();
            let path = request.split(' ').nth(1).unwrap_or("/").to_string();
            let (status, body) = if path == "/__bangtin/version" {
                ("200 OK", version.clone())
            } else if path.starts_with("/lich/") {
                let mut seen = seen.lock().unwrap();
                let page = match seen.len() {
                    0 => html.clone(),
                    _ => html.replace("var built = \"1\"", &format!("var built = \"{version}\"")),
                };
                seen.push(path);
                ("200 OK", page)
            } else {
                ("404 Not Found", String::new())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, pages)
}

/// The reload script that `serve` puts in pages, run in a real browser against
/// a stand-in server whose build number is under the test's control: the page
/// reloads when the number changes (and leaves `?ban-cu` when it does), and
/// stays put while it does not.
#[test]
fn served_pages_reload_in_a_browser_when_the_build_changes() {
    let Some(browser) = chromium() else { return };
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    let html = server.get("/lich/index.html").body;
    assert!(html.contains("var built = \"1\""), "{html}");
    drop(server);

    for (version, first, expect_reload_to) in [
        ("2", "/lich/index.html", Some("/lich/index.html")),
        ("2", "/lich/index.html?ban-cu", Some("/lich/index.html")),
        ("1", "/lich/index.html", None),
    ] {
        let (port, pages) = stand_in_server(html.clone(), version.to_string());
        let profile = tempfile::tempdir().unwrap();
        let mut child = common::headless_chromium(&browser)
            .args(["--virtual-time-budget=5000", "--dump-dom"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("http://127.0.0.1:{port}{first}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_with_timeout(&mut child);
        let pages = pages.lock().unwrap().clone();
        assert_eq!(pages.first().map(String::as_str), Some(first), "{pages:?}");
        match expect_reload_to {
            Some(path) => assert_eq!(
                pages.get(1).map(String::as_str),
                Some(path),
                "build {version}: {pages:?}"
            ),
            None => assert_eq!(pages.len(), 1, "reloaded without a new build: {pages:?}"),
        }
    }
}
