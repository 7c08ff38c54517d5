//! The hamlet poster (`lich/<thôn>/ban-in/`) on paper: printed with headless
//! Chromium, measured with poppler's pdfinfo and read back with pdftotext,
//! as for the week sheet (tests/week_print.rs).
//!
//! Needs `chromium` and `poppler-utils` (`.ci/run` installs both). Without
//! them these tests fail when `CI` is set, and skip with a note otherwise.

mod common;

use common::print::{decode_qr_svg, pdf_info, pdf_text, pdf_words, print_to_pdf, tools, A4};
use common::SiteTest;
use std::path::Path;

const POSTER: &str = "lich/dong-lao/ban-in/index.html";

#[test]
fn the_poster_prints_on_one_a4_page_with_what_a_notice_board_needs() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("minimal");
    let text = print_poster(&browser, &t, POSTER, "dong-lao");
    for expected in [
        "UBND XÃ CẨM NGỌC",
        "Lịch tại thôn Đông Lão",
        "Thứ Ba 29/11/2022, 07:30–11:00",
        "Tại Nhà văn hóa thôn Đông Lão",
        "Nội dung: Đăng ký định danh mức 2, Kích hoạt tài khoản.",
        "Lưu ý: Mang theo căn cước công dân gắn chip",
        "Công an xã Cẩm Ngọc: 0237 3830 050",
        "Quét mã để xem lịch mới nhất",
        "Bản in ngày 28/11/2022",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not printed in:\n{text}"
        );
    }
    // The site's menu and the help line stay off the paper.
    for absent in ["Trang chủ", "Ctrl+P"] {
        assert!(!text.contains(absent), "{absent:?} printed:\n{text}");
    }
    // The QR code leads to the hamlet's page.
    let page = std::fs::read_to_string(t.output_file(POSTER)).unwrap();
    let svg_start = page.find("<svg class=\"qr\"").expect("a QR code");
    let svg_end = svg_start + page[svg_start..].find("</svg>").unwrap() + 6;
    assert_eq!(
        decode_qr_svg(&page[svg_start..svg_end]),
        "https://camngoc.example.vn/lich/dong-lao/index.html"
    );
}

#[test]
fn a_hamlet_with_many_long_sessions_still_prints_on_one_page() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("minimal");
    // Twelve sessions with long places and notes: as many as fit are
    // printed, the rest counted, and the page never runs over; the contacts
    // and the QR code at the foot are always there.
    let mut schedule = String::from("sessions:\n");
    for day in 1..=12 {
        schedule.push_str(&format!(
            "  - hamlet: Đông Lão\n    date: {day:02}/12/2022\n    time: 19h-21h30\n    place: Hội trường nhà văn hóa thôn Đông Lão, cạnh trường mầm non, đối diện chợ, xóm {day}\n    services: [Đăng ký định danh mức 2, Kích hoạt tài khoản, Cài đặt ứng dụng VNeID, Tích hợp giấy phép lái xe, Tích hợp thẻ bảo hiểm y tế]\n    note: Mang theo căn cước công dân gắn chip và điện thoại thông minh đã sạc đầy pin, nhớ mật khẩu thư điện tử, số điện thoại chính chủ {day}.\n"
        ));
    }
    t.write("schedules/nhieu.yaml", &schedule);
    let text = print_poster(&browser, &t, POSTER, "nhieu");
    let more = text
        .split("… và ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no '… và N buổi sau đó' in:\n{text}"));
    // Never more than five printed; the first session (29/11) always is.
    assert!((8..=12).contains(&more), "{more} left for the page: {text}");
    assert!(text.contains("Thứ Ba 29/11/2022"), "{text}");
    for foot in [
        "Công an xã Cẩm Ngọc: 0237 3830 050",
        "Quét mã để xem lịch mới nhất",
        "Bản in ngày 28/11/2022",
    ] {
        assert!(text.contains(foot), "{foot:?} not printed in:\n{text}");
    }
}

/// Builds `t` on 28/11/2022 with a base URL (the QR code needs one), prints
/// `poster` to `<name>.pdf` and checks it is one A4 page with nothing of the
/// middle cut; returns the printed text.
fn print_poster(browser: &Path, t: &SiteTest, poster: &str, name: &str) -> String {
    let run = t.build_with(&[
        "--today",
        "28/11/2022",
        "--base-url",
        "https://camngoc.example.vn",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = t.out.parent().unwrap().join(format!("{name}.pdf"));
    print_to_pdf(browser, &t.output_file(poster), &pdf);
    let info = pdf_info(&pdf);
    assert_eq!((info.pages, info.size), (1, A4), "one A4 page");
    assert_nothing_cut(&pdf);
    pdf_text(&pdf)
}

/// Nothing of the poster's middle is cut by its box: the last line above
/// the contacts ("Hỏi đáp") ends clear of the rule over them. A line the box
/// cuts is still in the PDF, reaching down to the rule (about 7 pt above
/// "Hỏi"); a whole one ends 15 pt or more above it (margin, rule, padding).
fn assert_nothing_cut(pdf: &Path) {
    let words = pdf_words(pdf);
    let foot = words
        .iter()
        .position(|(_, _, w)| w == "Hỏi")
        .expect("the contacts' label");
    let last = words[..foot]
        .iter()
        .map(|&(_, bottom, _)| bottom)
        .fold(0.0, f64::max);
    let gap = words[foot].0 - last;
    assert!(
        gap >= 12.0,
        "the middle is cut: its last line ends {gap:.1} pt above the contacts"
    );
}

#[test]
fn long_names_and_many_contacts_leave_fewer_sessions_and_cut_none() {
    let Some(browser) = tools() else { return };
    let t = SiteTest::fixture("minimal");
    // The title on two lines, the campaign on two, five contacts of the
    // hamlet's own: the middle is smaller, and what it prints is whole.
    let site = t.read_source("site.yaml").replace(
        "  name: Đợt cao điểm thu nhận hồ sơ định danh điện tử\n",
        "  name: Chiến dịch cao điểm 90 ngày đêm thu nhận hồ sơ, kích hoạt tài khoản định danh điện tử mức độ 2 cho mọi người dân trên địa bàn xã\n",
    );
    assert!(site.contains("90 ngày đêm"));
    let site = format!(
        "{site}  - name: Thủy Thạnh Đông Phước Lộc\n    kind: khu phố\n    contacts:\n      - {{name: Trưởng khu phố Thủy Thạnh Đông Phước Lộc, phone: \"0912 345 678\", hours: cả ngày}}\n      - {{name: Bí thư chi bộ khu phố, phone: \"0912 345 679\", hours: buổi tối sau 19 giờ}}\n      - {{name: Tổ công nghệ số cộng đồng, phone: \"0912 345 680\", zalo: \"0912345680\"}}\n      - {{name: Công an viên phụ trách khu phố, phone: \"0912 345 681\"}}\n"
    );
    t.write("site.yaml", &site);
    let mut schedule = String::from("sessions:\n");
    for day in 1..=8 {
        schedule.push_str(&format!(
            "  - hamlet: Thủy Thạnh Đông Phước Lộc\n    date: {day:02}/12/2022\n    time: 19h-21h30\n    place: Hội trường văn hóa khu phố, cạnh trường mầm non {day}\n    services: [Đăng ký định danh mức 2, Kích hoạt tài khoản, Tích hợp giấy phép lái xe]\n    note: Mang theo căn cước công dân gắn chip và điện thoại thông minh đã sạc đầy pin.\n"
        ));
    }
    t.write("schedules/dai.yaml", &schedule);
    let poster = "lich/thuy-thanh-dong-phuoc-loc/ban-in/index.html";
    let text = print_poster(&browser, &t, poster, "dai");
    for whole in [
        "Lịch tại khu phố Thủy Thạnh Đông Phước Lộc",
        "Lưu ý: Mang theo căn cước công dân gắn chip và điện thoại thông minh đã sạc đầy pin.",
        "Công an viên phụ trách khu phố: 0912 345 681",
        "Quét mã để xem lịch mới nhất",
    ] {
        assert!(text.contains(whole), "{whole:?} not printed in:\n{text}");
    }
    let shown = t.page(poster).count(".poster-sessions li");
    assert!((1..5).contains(&shown), "{shown} sessions printed");
}

#[test]
fn hamlet_pages_link_to_their_poster() {
    let t = SiteTest::fixture("minimal");
    // A hamlet with no session yet.
    let site = t.read_source("site.yaml");
    t.write("site.yaml", &format!("{site}  - name: Kìm\n"));
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("lich/dong-lao/index.html");
    assert!(page
        .attrs("a", "href")
        .contains(&"../../lich/dong-lao/ban-in/index.html".to_string()));
    // Without base_url: no address and no QR code, the rest as ever.
    let poster = t.page(POSTER);
    assert_eq!(poster.count("svg.qr"), 0);
    assert_eq!(poster.select_texts("h1"), ["Lịch tại thôn Đông Lão"]);
    assert_eq!(
        poster.select_texts(".poster-sessions li").len(),
        1,
        "one session to come"
    );
    // A hamlet without sessions has a page, and no poster.
    assert!(t.output_file("lich/kim/index.html").is_file());
    assert!(!t.output_file("lich/kim/ban-in/index.html").exists());
    common::assert_links_resolve(&t.out);
}
