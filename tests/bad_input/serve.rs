//! `bangtin serve` against a hostile client and a hostile site folder
//! (issue 20, findings 5, 10, 11): the watcher follows no link out of the
//! site, no redirect leaves the preview, and a request's head is bounded.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use crate::common::server::{Server, PATIENCE};
use crate::common::SiteTest;

/// `bytes` sent as they are (by a thread, which stops at the first failed
/// write), and what the server answered before closing.
fn raw_request(server: &Server, bytes: Vec<u8>) -> String {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, server.port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        for chunk in bytes.chunks(64 * 1024) {
            if writer.write_all(chunk).is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    drop(stream);
    sending.join().unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The server process's peak resident memory in KiB (Linux).
#[cfg(target_os = "linux")]
fn peak_memory_kib(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A 200 MB header took 247 MB of the server's memory; 10,000 headers too.
/// Now the head is cut at 16 KB with 431, and the server goes on.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_request_head_is_refused_within_a_bound() {
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    let before = peak_memory_kib(&server);
    let mut huge = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Dai: ".to_vec();
    huge.resize(huge.len() + 200 * 1024 * 1024, b'a');
    huge.extend_from_slice(b"\r\n\r\n");
    let answer = raw_request(&server, huge);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");

    let mut many = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".to_vec();
    for i in 0..10_000 {
        many.extend_from_slice(format!("X-{i}: a\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    let answer = raw_request(&server, many);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");

    assert_eq!(server.get("/").status, 200, "the server stopped answering");
    let grown = peak_memory_kib(&server).saturating_sub(before);
    assert!(grown < 64 * 1024, "the server grew by {grown} KiB");
}

/// `GET //lich` answered `Location: //lich/`, which a browser reads as the
/// host "lich": a redirect off the preview.
#[test]
fn redirects_stay_on_the_preview() {
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    for (path, expected) in [
        ("/lich", "/lich/"),
        ("//lich", "/lich/"),
        ("///lich?ban-cu", "/lich/?ban-cu"),
        ("/./lich", "/lich/"),
        ("//huong-dan//cai-dat", "/huong-dan/cai-dat/"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 301, "{path}");
        assert_eq!(r.header("Location").as_deref(), Some(expected), "{path}");
    }
}

/// `static/usr` linked to `/usr` had the watcher register 26,790 folders
/// (and `/` walked the whole disk); `build` refuses such links. Now only
/// the site's own folders are watched, and edits are still seen.
#[cfg(target_os = "linux")]
#[test]
fn the_watcher_follows_no_link_out_of_the_site() {
    let t = SiteTest::fixture("minimal");
    std::os::unix::fs::symlink("/usr", t.root.join("static/usr")).unwrap();
    std::os::unix::fs::symlink("/", t.root.join("static/goc")).unwrap();
    std::fs::create_dir_all(t.root.join(".git/objects/ab")).unwrap();
    let mut server = Server::start(&t);
    server.wait_for_output("Nội dung có lỗi");
    let watches = inotify_watches(server.child.id());
    assert!(watches < 40, "{watches} folders watched");

    // The links go, a guide is edited: rebuilt as before.
    std::fs::remove_file(t.root.join("static/usr")).unwrap();
    std::fs::remove_file(t.root.join("static/goc")).unwrap();
    let guide = t
        .read_source("guides/cai-dat.md")
        .replace("title:", "title: Đã sửa ·");
    t.write("guides/cai-dat.md", &guide);
    server.wait_until("/huong-dan/cai-dat/", "the edit", |r| {
        r.status == 200 && r.body.contains("Đã sửa ·")
    });
    // A folder made after the start is watched too.
    t.write(
        "news/tin-moi.md",
        "---\ntitle: Tin mới\ndate: 28/11/2022\n---\nNội dung.\n",
    );
    server.wait_until("/tin-tuc/", "the new folder's news", |r| {
        r.body.contains("Tin mới")
    });
}

/// How many inotify watches the process `pid` holds.
#[cfg(target_os = "linux")]
fn inotify_watches(pid: u32) -> usize {
    let mut watches = 0;
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap() {
        let fd = fd.unwrap();
        let is_inotify = std::fs::read_link(fd.path())
            .is_ok_and(|target| target.to_string_lossy().contains("inotify"));
        if is_inotify {
            let info = std::fs::read_to_string(format!(
                "/proc/{pid}/fdinfo/{}",
                fd.file_name().to_string_lossy()
            ))
            .unwrap();
            watches += info.lines().filter(|l| l.starts_with("inotify")).count();
        }
    }
    watches
}

/// A template that includes itself aborted `serve` with a stack overflow,
/// its preview folder left behind (issue 20, finding 6). Now it is an error
/// on the error page, the last good site is still served, and a preview
/// folder left by a killed `serve` is removed by the next.
#[cfg(unix)]
#[test]
fn a_template_calling_itself_leaves_the_preview_up_and_the_old_site_served() {
    let t = SiteTest::fixture("minimal");
    let server = Server::start(&t);
    let old = server.get("/gioi-thieu/");
    assert_eq!(old.status, 200);
    t.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n{% include \"page.html\" %}{% endblock content %}\n",
    );
    let error = server.wait_until("/gioi-thieu/", "the error page", |r| r.status == 500);
    assert!(
        error.body.contains("gọi vòng lại chính nó"),
        "{}",
        error.body
    );
    assert!(error.body.contains("page.html:2:1"), "{}", error.body);
    let kept = server.get("/gioi-thieu/?ban-cu");
    assert_eq!(kept.status, 200);
    assert!(kept.body.contains("bản cũ"), "{}", kept.body);

    // Killed (no Ctrl+C): its preview folder stays until the next `serve`.
    let tmp = server.tmp.clone();
    let left = server.preview_folders();
    assert_eq!(left.len(), 1);
    drop(server); // SIGKILL
    assert!(tmp.join(&left[0]).is_dir());
    std::fs::remove_file(t.root.join("templates/page.html")).unwrap();
    let next = Server::start(&t);
    assert_eq!(next.preview_folders().len(), 1);
    assert!(
        !tmp.join(&left[0]).exists(),
        "the killed preview's folder is still there"
    );
}
