//! Printing pages as an officer would: headless Chromium's Ctrl+P to PDF,
//! measured with poppler's pdfinfo and read back with pdftotext; and reading
//! back the QR codes printed on the sheets.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// A4 portrait in points, as pdfinfo gives it.
pub const A4: (u32, u32) = (595, 842);

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Chromium, pdfinfo and pdftotext, or None (a skip) outside CI.
pub fn tools() -> Option<PathBuf> {
    let browser = BROWSERS.iter().find_map(|b| on_path(b));
    let poppler = on_path("pdfinfo").is_some() && on_path("pdftotext").is_some();
    match (browser, poppler) {
        (Some(browser), true) => Some(browser),
        _ if std::env::var_os("CI").is_some() => {
            panic!("chromium and poppler-utils are needed (.ci/run installs them)")
        }
        _ => {
            eprintln!("note: chromium or poppler-utils missing, print test skipped");
            None
        }
    }
}

/// Print `html` to `pdf` as an officer would (Ctrl+P, no header/footer).
pub fn print_to_pdf(browser: &Path, html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = super::headless_chromium(browser)
        .args(["--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    // A guard against a hung browser, not a timing assertion.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish printing {}", html.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(pdf.is_file(), "no PDF written for {}", html.display());
}

pub struct PdfInfo {
    pub pages: u32,
    /// Page size in points, rounded.
    pub size: (u32, u32),
}

pub fn pdf_info(pdf: &Path) -> PdfInfo {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in pdfinfo output:\n{text}"))
            .to_string()
    };
    let size = field("Page size:");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    PdfInfo {
        pages: field("Pages:").parse().unwrap(),
        size: (numbers[0].round() as u32, numbers[1].round() as u32),
    }
}

/// The text of the PDF, whitespace collapsed so wrapped lines still match.
pub fn pdf_text(pdf: &Path) -> String {
    pdftotext(pdf, &[])
}

/// The text of one page, whitespace collapsed so wrapped cells still match.
pub fn pdf_page_text(pdf: &Path, page: u32) -> String {
    let page = page.to_string();
    pdftotext(pdf, &["-f", &page, "-l", &page])
}

fn pdftotext(pdf: &Path, options: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(options)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout)
        .expect("pdftotext writes UTF-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The PDF's words from top to bottom, with where each is on its page
/// (pdftotext -bbox: points from the top): (top, bottom, word).
pub fn pdf_words(pdf: &Path) -> Vec<(f64, f64, String)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let word = rest.split("</word>").next().unwrap();
            (attr(tag, "yMin"), attr(tag, "yMax"), word.to_string())
        })
        .collect()
}

/// The QR code of an inline SVG bangtin wrote (dark runs as
/// "M{x} {y}h{run}v1h-{run}z"), drawn into a picture rqrr decodes.
pub fn decode_qr_svg(svg: &str) -> String {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|w| w.parse().ok())
        .expect("viewBox");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .expect("path")
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; size * size];
    for module in path.split('M').filter(|m| !m.is_empty()) {
        let (x, rest) = module.split_once(' ').unwrap();
        let (y, rest) = rest.split_once('h').unwrap();
        let run = rest.split('v').next().unwrap();
        let (x, y, run): (usize, usize, usize) =
            (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
        for dx in 0..run {
            dark[y * size + x + dx] = true;
        }
    }
    let scale = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
            if dark[(y / scale) * size + x / scale] {
                0
            } else {
                255
            }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("QR decodes").1
}
