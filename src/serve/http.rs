//! Answering one request of the preview: a file of the last good build, the
//! error page, or the build number that open pages poll to reload.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// What a path in a `Location` header may not hold as it is.
const PATH_TO_ENCODE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

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
    /// A HEAD request: the headers only.
    pub head_only: bool,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            location: None,
            head_only: false,
        }
    }

    fn text(status: u16, text: &str) -> Answer {
        Answer::new(status, "text/plain; charset=utf-8", text)
    }
}

/// The most a request's head (request line and headers) may take: a
/// browser's is under 2 KB. A client that sends more gets 431 and is closed,
/// having cost at most this much memory.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The most headers a request may have (browsers send about 15).
const MAX_HEADERS: usize = 64;
/// A client that sends nothing for this long is dropped.
const IDLE: Duration = Duration::from_secs(10);

/// Read one request from `stream` and answer it, then close: one request per
/// connection keeps this simple, and on loopback a connection costs nothing.
/// The request's body, if any, is never read.
pub fn serve_connection(mut stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let answer = match read_head(&mut stream) {
        Ok(head) => respond(&head, state),
        Err(HeadError::TooLarge) => Answer::text(431, "Yêu cầu quá lớn."),
        Err(HeadError::Malformed) => Answer::text(400, "Yêu cầu không hợp lệ."),
        Err(HeadError::Closed) => return,
    };
    let _ = write_answer(&mut stream, &answer);
    // Let the client read the answer before the socket goes: a close with
    // unread input would reset the connection.
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = std::io::copy(
        &mut (&mut stream).take(MAX_HEAD_BYTES as u64),
        &mut std::io::sink(),
    );
}

/// What the answer depends on in a request.
pub struct Head {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
}

enum HeadError {
    TooLarge,
    Malformed,
    Closed,
}

fn read_head(stream: &mut TcpStream) -> Result<Head, HeadError> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Closed),
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buf) {
            Ok(httparse::Status::Complete(_)) => {
                let host = request
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case("host"))
                    .map(|h| String::from_utf8_lossy(h.value).into_owned());
                return Ok(Head {
                    method: request.method.unwrap_or_default().to_string(),
                    target: request.path.unwrap_or_default().to_string(),
                    host,
                });
            }
            Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD_BYTES => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Err(HeadError::TooLarge)
            }
            Err(_) => return Err(HeadError::Malformed),
        }
    }
}

fn respond(head: &Head, state: &Mutex<State>) -> Answer {
    let mut answer = match head.method.as_str() {
        _ if !head.host.as_deref().is_none_or(is_loopback_host) => {
            Answer::text(403, "Bản xem trước chỉ mở được từ chính máy này.")
        }
        "GET" | "HEAD" => answer(&head.target, &snapshot(state)),
        _ => Answer::text(405, "Chỉ hỗ trợ GET và HEAD."),
    };
    if head.method == "HEAD" {
        answer.head_only = true;
    }
    answer
}

fn write_answer(stream: &mut TcpStream, answer: &Answer) -> std::io::Result<()> {
    let reason = match answer.status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n",
        answer.status,
        answer.content_type,
        answer.body.len()
    );
    if let Some(location) = &answer.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = std::io::BufWriter::new(stream);
    out.write_all(head.as_bytes())?;
    if !answer.head_only {
        out.write_all(&answer.body)?;
    }
    out.flush()
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
    /// Held while reading a file of `site` (see `State::readers`).
    pub readers: Arc<RwLock<()>>,
}

fn snapshot(state: &Mutex<State>) -> Snapshot {
    let s = lock(state);
    Snapshot {
        generation: s.generation,
        site: s.site.clone(),
        problems: s.problems.clone(),
        root: s.root.clone(),
        readers: s.readers.clone(),
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
    // Not while `serve` swaps the parts of the site an edit changed.
    let _reading = now.readers.read().unwrap_or_else(PoisonError::into_inner);
    let file = site.join(&rel);
    if file.is_dir() {
        // `lich` → `lich/`, so the page's relative links resolve from inside
        // the folder. Made from the cleaned path, never the raw one: `//lich`
        // would send the browser to the host "lich".
        let mut location = format!("/{}/", utf8_percent_encode(&rel, PATH_TO_ENCODE));
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
