//! Week sheets on paper: printed with headless Chromium, measured with
//! poppler's pdfinfo and read back with pdftotext, the way an officer prints.
//!
//! Needs `chromium` and `poppler-utils` (`.ci/run` installs both). Without
//! them these tests fail when `CI` is set, and skip with a note otherwise.

mod common;

use common::print::{pdf_info, pdf_page_text, pdf_text, print_to_pdf, tools, A4};
use common::SiteTest;

#[test]
fn week_prints_on_one_a4_page_with_every_session() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = t.out.parent().unwrap().join("tuan-48.pdf");
    print_to_pdf(
        &browser,
        &t.output_file("lich/tuan-2022-48/index.html"),
        &pdf,
    );
    let info = pdf_info(&pdf);
    assert_eq!(info.pages, 1, "the week fits one page");
    assert_eq!(info.size, A4, "A4 portrait");
    let text = pdf_text(&pdf);
    for expected in [
        "UBND XÃ CẨM NGỌC",
        "Đợt cao điểm thu nhận hồ sơ định danh điện tử",
        "Lịch tuần từ ngày 28/11 đến ngày 04/12/2022",
        // Every session: day, hamlet, time, place.
        "Thứ Ba 29/11",
        "thôn Đông Lão",
        "07:30–11:00",
        "Nhà văn hóa thôn Đông Lão",
        "Thứ Tư 30/11",
        "Tổ dân phố 3",
        "Cả ngày",
        "Thứ Năm 01/12",
        "thôn Sống",
        "Chủ nhật 04/12",
        "thôn Song",
        "13:30–17:00",
        "Nhà văn hóa thôn Song",
        // What to bring, the hotline, the date printed.
        "Mang theo căn cước công dân gắn chip",
        "Công an xã Cẩm Ngọc: 0237 3830 050 (07:30-22:00)",
        "Khẩn cấp: Cảnh sát 113, điện thoại 113 (24/24)",
        "Bản in cập nhật ngày 28/11/2022",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not printed in:\n{text}"
        );
    }
    // The site's menu, footer and the read-aloud script stay off the paper.
    for absent in ["Trang chủ", "Lời đọc trên loa", "Kính thưa"] {
        assert!(!text.contains(absent), "{absent:?} printed:\n{text}");
    }
}

#[test]
fn bundled_example_week_with_qr_code_fits_one_a4_page() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("content");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.output_file("lich/tuan-2022-48/index.html");
    // The QR code is its own file beside the sheet, an image on it.
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("<figure class=\"sheet-qr\">"));
    let qr = t.output_file("lich/tuan-2022-48/qr.svg");
    assert!(std::fs::read_to_string(&qr)
        .unwrap()
        .starts_with("<svg class=\"qr\""));
    let pdf = t.out.parent().unwrap().join("vi-du.pdf");
    print_to_pdf(&browser, &page, &pdf);
    let info = pdf_info(&pdf);
    assert_eq!((info.pages, info.size), (1, A4));
    let text = pdf_text(&pdf);
    for hamlet in [
        "thôn Đông Lão",
        "thôn Song Nga",
        "thôn Sống",
        "thôn Phúc Ngân Vải",
        "thôn Kìm",
        "thôn Song",
    ] {
        assert!(text.contains(hamlet), "{hamlet:?} not printed in:\n{text}");
    }
    assert!(text.contains("Quét mã để xem lịch mới nhất"), "{text}");
    assert!(!text.contains("thôn Sành"), "week 49 leaked in:\n{text}");
}

#[test]
fn a_long_week_goes_on_over_pages_without_cutting_a_row() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("minimal");
    // 40 sessions in week 48, each in its own hamlet, with a place long enough
    // to wrap: its first and last words must land on the same page.
    let mut site = t.read_source("site.yaml");
    let mut schedule = String::from("sessions:\n");
    for i in 1..=40 {
        site.push_str(&format!("  - name: Xóm {i}\n    kind: xóm\n"));
        let day = 28 + (i - 1) * 7 / 40;
        let date = if day <= 30 {
            format!("{day}/11/2022")
        } else {
            format!("{:02}/12/2022", day - 30)
        };
        let hour = 7 + (i % 6) * 2;
        // Every eighth row is tall (a dozen lines): the kind a page break would cut.
        let way = if i % 8 == 0 {
            "đường liên thôn ".repeat(40)
        } else {
            "đường liên thôn ".to_string()
        };
        schedule.push_str(&format!(
            "  - hamlet: Xóm {i}\n    date: {date}\n    time: {hour:02}:00-{:02}:30\n    \
             place: dau{i} nhà văn hóa xóm, đi theo {way}gần cổng chợ cuoi{i}\n",
            hour + 1
        ));
    }
    t.write("site.yaml", &site);
    t.write("schedules/dai.yaml", &schedule);
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = t.out.parent().unwrap().join("tuan-dai.pdf");
    print_to_pdf(
        &browser,
        &t.output_file("lich/tuan-2022-48/index.html"),
        &pdf,
    );
    let info = pdf_info(&pdf);
    assert_eq!(info.size, A4);
    eprintln!("the long week printed on {} A4 pages", info.pages);
    assert!(info.pages >= 2, "44 sessions on {} page(s)", info.pages);
    let pages: Vec<Vec<String>> = (1..=info.pages)
        .map(|p| {
            pdf_page_text(&pdf, p)
                .split([' ', ','])
                .map(str::to_string)
                .collect()
        })
        .collect();
    let pages_with = |token: &str| -> Vec<usize> {
        (0..pages.len())
            .filter(|&p| pages[p].iter().any(|w| w == token))
            .collect()
    };
    for i in 1..=40 {
        let (start, end) = (
            pages_with(&format!("dau{i}")),
            pages_with(&format!("cuoi{i}")),
        );
        assert_eq!(start.len(), 1, "session {i} printed on pages {start:?}");
        assert_eq!(start, end, "session {i} cut across pages");
    }
    // The column headers repeat on every page the table goes on (the sheet's
    // foot, with the contacts, may be alone on the last page).
    for (p, words) in pages.iter().enumerate() {
        if !words.iter().any(|w| w.starts_with("dau")) {
            continue;
        }
        // 44 sessions make a grid: places down, days across.
        let text = words.join(" ");
        assert!(
            text.contains("Địa bàn") && text.contains("Thứ Hai") && text.contains("Chủ nhật"),
            "page {} has no header:\n{text}",
            p + 1
        );
    }
    // The fixture's own four sessions are there too.
    let all = pdf_text(&pdf);
    for hamlet in ["thôn Đông Lão", "Tổ dân phố 3", "thôn Sống", "thôn Song"] {
        assert!(all.contains(hamlet), "{hamlet:?} missing");
    }
}
