//! Answering one request of the preview: a file of the last good build, the
//! error page, or the build number that open pages poll to reload.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use percent_encoding::percent_decode_str;

use super::{error_page, lock, State};
use crate::diagnostics::Diagnostic;

/// Open pages poll this and reload when the number changes.
pub const VERSION_PATH: &str = "/__bangtin/version";
/// Query that asks for the last good build of a page while the content has errors.
pub const OLD_VERSION_QUERY: &str = "ban-cu";

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn text(status: u16, text: &str) -> Answer {
        Answer::new(status, "text/plain; charset=utf-8", text)
    }
}

pub fn respond(request: tiny_http::Request, state: &Mutex<State>) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    let answer = match request.method() {
        _ if !host.as_deref().is_none_or(is_loopback_host) => {
            Answer::text(403, "Bản xem trước chỉ mở được từ chính máy này.")
        }
        tiny_http::Method::Get | tiny_http::Method::Head => answer(request.url(), &snapshot(state)),
        _ => Answer::text(405, "Chỉ hỗ trợ GET và HEAD."),
    };
    let mut response = tiny_http::Response::from_data(answer.body).with_status_code(answer.status);
    let headers = [
        Some(("Content-Type", answer.content_type)),
        // A preview must always show the latest build.
        Some(("Cache-Control", "no-store")),
        answer.location.as_deref().map(|l| ("Location", l)),
    ];
    for (name, value) in headers.into_iter().flatten() {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

/// A page on another web site can make the browser send requests to
/// 127.0.0.1 under its own host name (DNS rebinding) and read the answers;
/// answering only requests addressed to this computer prevents that.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "::1"
    )
}

/// The state as one request needs it, so the lock is not held while reading files.
pub struct Snapshot {
    pub generation: u64,
    pub site: Option<PathBuf>,
    pub problems: Vec<Diagnostic>,
    pub root: PathBuf,
}

fn snapshot(state: &Mutex<State>) -> Snapshot {
    let s = lock(state);
    Snapshot {
        generation: s.generation,
        site: s.site.clone(),
        problems: s.problems.clone(),
        root: s.root.clone(),
    }
}

pub fn answer(url: &str, now: &Snapshot) -> Answer {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == VERSION_PATH {
        return Answer::text(200, &now.generation.to_string());
    }
    let Some(rel) = file_path(path) else {
        return not_found(now);
    };
    let wants_old = query
        .split('&')
        .any(|q| q == OLD_VERSION_QUERY || q.starts_with("ban-cu="));
    let is_page = rel.ends_with(".html");
    let failing = !now.problems.is_empty();
    if failing && is_page && (!wants_old || now.site.is_none()) {
        let html = error_page::render(&now.problems, &now.root, now.site.is_some());
        return Answer::new(
            500,
            "text/html; charset=utf-8",
            inject(&html, now.generation, None),
        );
    }
    let Some(site) = &now.site else {
        return Answer::text(404, "Trang chưa được dựng.");
    };
    let file = site.join(&rel);
    if file.is_dir() {
        // `lich` → `lich/`, so the page's relative links resolve from inside the folder.
        let mut location = format!("{path}/");
        if !query.is_empty() {
            location.push('?');
            location.push_str(query);
        }
        return Answer {
            location: Some(location),
            ..Answer::text(301, "")
        };
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_page => {
            let banner = (failing && wants_old).then_some(path);
            let html = String::from_utf8_lossy(&bytes);
            Answer::new(
                200,
                content_type(&rel),
                inject(&html, now.generation, banner),
            )
        }
        Ok(bytes) => Answer::new(200, content_type(&rel), bytes),
        Err(_) => not_found(now),
    }
}

/// The site's own 404 page, or a line of text before there is a site.
fn not_found(now: &Snapshot) -> Answer {
    let page = now
        .site
        .as_ref()
        .and_then(|site| std::fs::read_to_string(site.join(crate::plan::NOT_FOUND)).ok());
    match page {
        Some(html) => Answer::new(
            404,
            "text/html; charset=utf-8",
            inject(&html, now.generation, None),
        ),
        None => Answer::text(404, "Không tìm thấy."),
    }
}

/// The file a URL path names inside the site, with `/` separators, or None
/// for anything that could leave the site folder or reach a hidden file
/// (bangtin's `.bangtin` marker).
pub fn file_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode_str(url_path).decode_utf8().ok()?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => continue,
            p if p.starts_with('.') || p.contains(['\\', ':', '\0']) => return None,
            p => parts.push(p),
        }
    }
    if decoded.ends_with('/') || parts.is_empty() {
        parts.push("index.html");
    }
    let rel = parts.join("/");
    // Belt and braces: a plain relative path with normal parts only.
    Path::new(&rel)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then_some(rel)
}

fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xml") => "application/xml",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("mp3") => "audio/mpeg",
        Some("ogg") => "audio/ogg",
        Some("wav") => "audio/wav",
        Some("woff2") => "font/woff2",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The served page with the reload script before `</body>` and, for the old
/// version of a page while the content has errors, a banner after `<body>`.
/// Only `serve` does this: `bangtin build` output never has either. HTML
/// without a `</body>` (a fragment meant to be pasted into a portal article)
/// is served as it is, so what the officer copies from the preview is clean.
pub fn inject(html: &str, generation: u64, old_version_of: Option<&str>) -> String {
    let script = RELOAD_SCRIPT.replace("GENERATION", &generation.to_string());
    let mut out = html.to_string();
    let lower = out.to_ascii_lowercase();
    let Some(body_end) = lower.rfind("</body>") else {
        return out;
    };
    out.insert_str(body_end, &script);
    if let Some(path) = old_version_of {
        let banner = format!(
            "<div role=\"alert\" style=\"background:#fff3cd;color:#3d2c00;border-bottom:3px solid #b58100;padding:.6em 1em;font:1rem/1.4 sans-serif\">\
             Nội dung mới đang có lỗi, nên đây là <strong>bản cũ</strong> của trang (bản dựng tốt gần nhất). \
             <a href=\"{}\">Xem lỗi cần sửa</a></div>",
            tera::escape_html(path)
        );
        let body_open = lower
            .find("<body")
            .and_then(|at| lower[at..].find('>').map(|end| at + end + 1));
        if let Some(at) = body_open {
            out.insert_str(at, &banner);
        }
    }
    out
}

/// Polls the build number and reloads when it changes; the old version of a
/// page (`?ban-cu`) goes back to the page itself, which shows the new build or
/// the new errors. Without JavaScript the preview still works; reload by hand.
const RELOAD_SCRIPT: &str = r#"<script>
/* bangtin serve: tự tải lại trang khi nội dung được dựng lại (chỉ khi xem trước). */
(function () {
  var built = "GENERATION";
  function check() {
    fetch("/__bangtin/version", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (now) {
        if (now === built) { setTimeout(check, 500); return; }
        if (/(^|[?&])ban-cu(=|&|$)/.test(location.search)) {
          location.replace(location.pathname + location.hash);
        } else {
          location.reload();
        }
      }, function () { setTimeout(check, 2000); });
  }
  setTimeout(check, 500);
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_stay_inside_the_site() {
        let cases = [
            ("/", Some("index.html")),
            ("/lich/", Some("lich/index.html")),
            (
                "/lich/dong-lao/index.html",
                Some("lich/dong-lao/index.html"),
            ),
            ("/lich", Some("lich")),
            (
                "/van%20ban/c%C3%B4ng%20v%C4%83n.pdf",
                Some("van ban/công văn.pdf"),
            ),
            ("//lich//index.html", Some("lich/index.html")),
            ("/../etc/passwd", None),
            ("/lich/%2e%2e/%2e%2e/x", None),
            ("/.bangtin", None),
            ("/a/..%5c..%5cx", None),
            ("/C:/Windows", None),
            ("/%ff", None),
        ];
        for (url, expected) in cases {
            assert_eq!(file_path(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn fragments_are_served_as_they_are() {
        let fragment = "<table><tr><td>Kìm</td></tr></table>";
        assert_eq!(inject(fragment, 3, Some("/nhung/lich.html")), fragment);
    }

    #[test]
    fn only_requests_addressed_to_this_computer_are_answered() {
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "192.168.1.5:1111",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn script_goes_before_body_end_and_banner_after_body_start() {
        let html = "<html><body class=\"x\"><p>a</p></BODY></html>";
        let out = inject(html, 7, Some("/lich/index.html"));
        let script = out.find("<script>").unwrap_or(usize::MAX);
        assert!(script < out.find("</BODY>").unwrap_or(0), "{out}");
        assert!(out.contains("var built = \"7\""), "{out}");
        let banner = out.find("role=\"alert\"").unwrap_or(usize::MAX);
        assert!(out.find("<body class=\"x\">").unwrap_or(usize::MAX) < banner);
        assert!(banner < out.find("<p>a</p>").unwrap_or(0), "{out}");
        let doc = scraper::Html::parse_document(&out);
        let link =
            scraper::Selector::parse("div[role=alert] a").unwrap_or_else(|e| panic!("{e:?}"));
        let hrefs: Vec<&str> = doc
            .select(&link)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(hrefs, ["/lich/index.html"]);
    }
}
