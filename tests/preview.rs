//! Preview images: a 1200×630 PNG per week and per hamlet still to come,
//! named as `og:image` (an absolute URL, so only with `base_url`), drawn with
//! the bundled font: the diacritics are checked by reading the image back
//! with tesseract's Vietnamese OCR.

mod common;

use std::path::Path;
use std::process::Command;

use common::SiteTest;

const BASE: &str = "https://camngoc.example.vn";
const WEEK_IMAGE: &str = "chia-se/tuan-2022-48/anh.png";
const HAMLET_IMAGE: &str = "chia-se/dong-lao/anh.png";

/// Width, height, and the PNG's size in bytes, decoded with the png crate.
fn png_info(path: &Path) -> (u32, u32, usize) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut pixels).expect("its pixels decode");
    let info = reader.info();
    (info.width, info.height, bytes.len())
}

/// The page's `<meta property=…>` content.
fn meta(page: &common::Page, property: &str) -> Vec<String> {
    page.attrs(&format!("meta[property=\"{property}\"]"), "content")
}

fn built(base_url: bool, today: &str) -> SiteTest {
    let t = SiteTest::fixture("minimal");
    // A session in the next week too.
    t.write(
        "schedules/sau.yaml",
        "sessions:\n  - {hamlet: Song, date: 06/12/2022, time: 19h-21h}\n",
    );
    let mut args = vec!["--today", today];
    if base_url {
        args.extend(["--base-url", BASE]);
    }
    let run = t.build_with(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    t
}

#[test]
fn each_week_and_hamlet_has_a_preview_image_named_as_og_image() {
    let t = built(true, "28/11/2022");
    for image in [WEEK_IMAGE, HAMLET_IMAGE, "chia-se/song/anh.png"] {
        let (width, height, size) = png_info(&t.output_file(image));
        assert_eq!((width, height), (1200, 630), "{image}");
        // A palette PNG: tens of KB, light enough for a phone on 3G.
        assert!((5_000..150_000).contains(&size), "{image}: {size} bytes");
    }
    for (page, image, alt) in [
        (
            "lich/tuan-2022-48/index.html",
            WEEK_IMAGE,
            "Lịch tuần 48 (28/11 – 04/12/2022), UBND xã Cẩm Ngọc",
        ),
        (
            "lich/dong-lao/index.html",
            HAMLET_IMAGE,
            "Lịch của thôn Đông Lão, UBND xã Cẩm Ngọc",
        ),
        // The home page shows the week of the build date.
        (
            "index.html",
            WEEK_IMAGE,
            "Lịch tuần 48 (28/11 – 04/12/2022), UBND xã Cẩm Ngọc",
        ),
    ] {
        let page = t.page(page);
        assert_eq!(meta(&page, "og:image"), [format!("{BASE}/{image}")]);
        assert_eq!(meta(&page, "og:image:width"), ["1200"]);
        assert_eq!(meta(&page, "og:image:height"), ["630"]);
        assert_eq!(meta(&page, "og:image:alt"), [alt]);
        assert_eq!(
            page.attrs("meta[name=\"twitter:card\"]", "content"),
            ["summary_large_image"]
        );
    }
    // Every og:image names a file of the site.
    for entry in walkdir::WalkDir::new(&t.out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(&t.out).unwrap();
            for url in meta(&t.page(&rel.to_string_lossy()), "og:image") {
                let file = url.strip_prefix(&format!("{BASE}/")).expect("absolute");
                assert!(t.output_file(file).is_file(), "{url} in {}", rel.display());
            }
        }
    }
    // The share page offers each image to post with the texts.
    let share = t.page("chia-se/index.html");
    let links = share.attrs("a", "href");
    for image in [WEEK_IMAGE, HAMLET_IMAGE] {
        assert!(links.contains(&format!("../{image}")), "{image}: {links:?}");
    }
    common::assert_links_resolve(&t.out);
}

#[test]
fn without_base_url_or_for_past_weeks_there_is_no_image() {
    // og:image needs an absolute address: without base_url no image is drawn.
    let t = built(false, "28/11/2022");
    assert!(!t.output_file(WEEK_IMAGE).exists());
    assert!(meta(&t.page("lich/tuan-2022-48/index.html"), "og:image").is_empty());

    // Once the week is over, nobody shares it: no image, no og:image.
    let t = built(true, "05/12/2022");
    assert!(!t.output_file(WEEK_IMAGE).exists());
    assert!(!t.output_file(HAMLET_IMAGE).exists());
    let week = t.page("lich/tuan-2022-48/index.html");
    assert!(meta(&week, "og:image").is_empty());
    assert_eq!(meta(&week, "og:url").len(), 1);
    // Song still has a session to come (06/12), in week 49.
    assert!(t.output_file("chia-se/song/anh.png").is_file());
    assert!(t.output_file("chia-se/tuan-2022-49/anh.png").is_file());
    assert_eq!(
        meta(&t.page("index.html"), "og:image"),
        [format!("{BASE}/chia-se/tuan-2022-49/anh.png")]
    );
}

fn tesseract_installed() -> bool {
    let found = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == "vie")
        });
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tesseract with Vietnamese is needed (.ci/run installs tesseract-ocr-vie)"
        );
        eprintln!("note: tesseract or its Vietnamese data missing, OCR test skipped");
    }
    found
}

/// The image read back by tesseract's Vietnamese OCR, NFC.
fn ocr(path: &Path) -> String {
    let out = Command::new("tesseract")
        .arg(path)
        .args(["-", "-l", "vie"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use unicode_normalization::UnicodeNormalization;
    String::from_utf8_lossy(&out.stdout).nfc().collect()
}

#[test]
fn the_images_say_the_schedule_with_every_diacritic() {
    if !tesseract_installed() {
        return;
    }
    let t = built(true, "28/11/2022");
    let hamlet = ocr(&t.output_file(HAMLET_IMAGE));
    // Letters with two marks (ọ, ậ, ể, ị, ộ) and đ are where a font or a
    // renderer without Vietnamese fails.
    for words in [
        "UBND xã Cẩm Ngọc",
        "Đợt cao điểm thu nhận hồ sơ định danh điện tử",
        "Lịch của thôn Đông Lão",
        "T3 29/11",
        "Nhà văn hóa thôn Đông Lão",
        "Hỏi đáp: Công an xã Cẩm Ngọc",
    ] {
        assert!(hamlet.contains(words), "{words:?} not read in:\n{hamlet}");
    }
    let week = ocr(&t.output_file(WEEK_IMAGE));
    for words in ["Lịch tuần 48", "Tổ dân phố 3", "thôn Sống", "CN 04/12"] {
        assert!(week.contains(words), "{words:?} not read in:\n{week}");
    }
}

#[test]
fn the_image_names_whom_to_ask_never_an_emergency_number() {
    if !tesseract_installed() {
        return;
    }
    // The commune's only phone is 113; Đông Lão has its own head of hamlet.
    let t = SiteTest::fixture("minimal");
    let original = t.read_source("site.yaml");
    let site = original
        .replace(
            "  - {name: Công an xã Cẩm Ngọc, phone: \"0237 3830 050\", hours: 07:30-22:00}\n",
            "  - {name: Công an xã Cẩm Ngọc, hours: 07:30-22:00}\n",
        )
        .replace(
            "  - name: Đông Lão\n",
            "  - name: Đông Lão\n    contacts:\n      - {name: Trưởng thôn Đông Lão, phone: \"0912 345 678\"}\n",
        );
    assert!(
        site.contains("Trưởng thôn") && !site.contains("0237"),
        "both edits made"
    );
    t.write("site.yaml", &site);
    let run = t.build_with(&["--today", "28/11/2022", "--base-url", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hamlet = ocr(&t.output_file(HAMLET_IMAGE));
    assert!(
        hamlet.contains("Hỏi đáp: Trưởng thôn Đông Lão"),
        "the hamlet's own contact:\n{hamlet}"
    );
    let week = ocr(&t.output_file(WEEK_IMAGE));
    assert!(
        !week.contains("113") && !week.contains("Hỏi đáp"),
        "no number to ask, so the site's title:\n{week}"
    );
}
