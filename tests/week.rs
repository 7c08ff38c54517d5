//! Week sheets and the loudspeaker script: the pages exist for every ISO week
//! with sessions, read right, and the script says everything in words.

mod common;

use common::print::decode_qr_svg;
use common::{assert_links_resolve, SiteTest};

/// The minimal fixture's one week, as the announcer reads it (build date 28/11/2022).
const MINIMAL_SCRIPT: [&str; 11] = [
    "Kính thưa bà con nhân dân!",
    "Ủy ban nhân dân xã Cẩm Ngọc thông báo lịch đợt cao điểm thu nhận hồ sơ định danh điện tử \
     trong tuần từ ngày hai mươi tám tháng mười một đến ngày mùng bốn tháng mười hai năm hai \
     nghìn không trăm hai mươi hai, như sau.",
    "Thứ Ba, ngày hai mươi chín tháng mười một: thôn Đông Lão, từ bảy giờ ba mươi đến mười một \
     giờ, tại nhà văn hóa thôn Đông Lão.",
    "Thứ Tư, ngày ba mươi tháng mười một: tổ dân phố ba, cả ngày.",
    "Thứ Năm, ngày mùng một tháng mười hai: thôn Sống, từ bảy giờ ba mươi đến mười một giờ.",
    "Chủ nhật, ngày mùng bốn tháng mười hai: thôn Song, từ mười ba giờ ba mươi đến mười bảy \
     giờ, tại nhà văn hóa thôn Song.",
    "Nội dung buổi tại thôn Đông Lão: đăng ký định danh mức hai, kích hoạt tài khoản.",
    "Bà con thôn Đông Lão lưu ý: mang theo căn cước công dân gắn chip.",
    // The emergency number (113) is not read: questions go to the commune police's own line.
    "Mọi thắc mắc xin liên hệ Công an xã Cẩm Ngọc, số điện thoại không hai ba bảy, ba tám ba \
     không, không năm không, thời gian bảy giờ ba mươi đến hai mươi hai giờ.",
    "Đề nghị bà con sắp xếp công việc, đến đúng giờ, đúng địa điểm.",
    "Ủy ban nhân dân xã Cẩm Ngọc trân trọng thông báo!",
];

fn read(t: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(t.output_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn one_week_page_per_iso_week_with_sessions() {
    let t = SiteTest::fixture("minimal");
    // Monday 05/12 opens ISO week 49; 01/01/2023 is a Sunday, still in week 52 of 2022.
    t.write(
        "schedules/sau.yaml",
        "sessions:\n  - {hamlet: Song, date: 05/12/2022, time: 19h-21h}\n  \
         - {hamlet: Song, date: 01/01/2023}\n",
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let weeks: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.starts_with("lich/tuan-"))
        .collect();
    assert_eq!(
        weeks,
        [
            "lich/tuan-2022-48/doc-loa-hang-ngay.txt",
            "lich/tuan-2022-48/doc-loa.txt",
            "lich/tuan-2022-48/index.html",
            "lich/tuan-2022-49/doc-loa-hang-ngay.txt",
            "lich/tuan-2022-49/doc-loa.txt",
            "lich/tuan-2022-49/index.html",
            "lich/tuan-2022-52/doc-loa-hang-ngay.txt",
            "lich/tuan-2022-52/doc-loa.txt",
            "lich/tuan-2022-52/index.html",
        ]
    );
    let schedule = t.page("lich/index.html");
    assert_eq!(
        schedule.select_texts("#theo-tuan + ul.weeks li"),
        [
            "Tuần từ ngày 28/11 đến ngày 04/12/2022 (4 buổi)",
            "Tuần từ ngày 05/12 đến ngày 11/12/2022 (1 buổi)",
            "Tuần từ ngày 26/12/2022 đến ngày 01/01/2023 (1 buổi)",
        ]
    );
    assert_eq!(
        schedule.attrs("#theo-tuan + ul.weeks a", "href"),
        [
            "../lich/tuan-2022-48/index.html",
            "../lich/tuan-2022-49/index.html",
            "../lich/tuan-2022-52/index.html",
        ]
    );
    // Week pages link to their neighbours and to the script; every link resolves.
    let middle = t.page("lich/tuan-2022-49/index.html");
    assert_eq!(
        middle.select_texts(".pager a"),
        [
            "← Tuần từ ngày 28/11 đến ngày 04/12/2022",
            "Lịch tất cả các địa bàn",
            "Tuần từ ngày 26/12/2022 đến ngày 01/01/2023 →"
        ]
    );
    assert_eq!(
        middle.attrs(".read-aloud a", "href"),
        [
            "../../lich/tuan-2022-49/doc-loa.txt",
            "../../lich/tuan-2022-49/doc-loa-hang-ngay.txt"
        ]
    );
    assert_links_resolve(&t.out);
}

#[test]
fn week_sheet_lists_the_sessions_by_day() {
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("lich/tuan-2022-48/index.html");
    assert_eq!(
        page.select_texts("h1"),
        ["Lịch tuần từ ngày 28/11 đến ngày 04/12/2022"]
    );
    assert_eq!(page.select_texts(".sheet-authority"), ["UBND xã Cẩm Ngọc"]);
    assert_eq!(
        page.select_texts(".sheet-campaign"),
        ["Đợt cao điểm thu nhận hồ sơ định danh điện tử"]
    );
    assert_eq!(
        page.select_texts("table.week thead th"),
        // Thôn and tổ dân phố: a neutral word for both.
        ["Ngày", "Địa bàn", "Giờ", "Địa điểm"]
    );
    assert_eq!(
        page.table_rows("table.week"),
        [
            [
                "Thứ Ba 29/11",
                "thôn Đông Lão",
                "07:30–11:00",
                "Nhà văn hóa thôn Đông Lão"
            ],
            ["Thứ Tư 30/11", "Tổ dân phố 3", "Cả ngày", ""],
            ["Thứ Năm 01/12", "thôn Sống", "07:30–11:00", ""],
            [
                "Chủ nhật 04/12",
                "thôn Song",
                "13:30–17:00",
                "Nhà văn hóa thôn Song"
            ],
        ]
    );
    assert_eq!(
        page.attrs("table.week th.day time", "datetime"),
        ["2022-11-29", "2022-11-30", "2022-12-01", "2022-12-04"]
    );
    // Services and notes are printed once under the table, with whom they concern.
    assert_eq!(
        page.select_texts(".sheet-notes li"),
        [
            "Nội dung buổi tại thôn Đông Lão: Đăng ký định danh mức 2, Kích hoạt tài khoản",
            "Lưu ý cho thôn Đông Lão: Mang theo căn cước công dân gắn chip",
        ]
    );
    // The hotline, the build date, and no QR code without base_url.
    let foot = page.select_texts(".sheet-foot").join(" ");
    assert!(
        foot.contains("Công an xã Cẩm Ngọc: 0237 3830 050 (07:30-22:00)"),
        "{foot}"
    );
    assert!(
        foot.contains("Khẩn cấp: Cảnh sát 113, điện thoại 113 (24/24)"),
        "{foot}"
    );
    assert!(foot.contains("Bản in cập nhật ngày 28/11/2022"), "{foot}");
    assert_eq!(page.count("svg"), 0);
    assert!(!foot.contains("Lịch mới nhất"), "{foot}");
}

#[test]
fn script_reads_sentence_by_sentence() {
    let t = SiteTest::fixture("minimal");
    assert_eq!(t.build().code, 0);
    let bytes = std::fs::read(t.output_file("lich/tuan-2022-48/doc-loa.txt")).unwrap();
    let text = String::from_utf8(bytes).expect("doc-loa.txt is UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a BOM, so browsers and Notepad read it as UTF-8");
    let paragraphs: Vec<&str> = text.trim_end_matches('\n').split("\n\n").collect();
    assert_eq!(paragraphs, MINIMAL_SCRIPT);
    assert!(text.ends_with("!\n") && !text.contains('\r'));
    // Everything is in words: not one digit for the announcer to work out.
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    // The page shows the same script.
    let page = t.page("lich/tuan-2022-48/index.html");
    assert_eq!(page.select_texts(".read-aloud .script p"), MINIMAL_SCRIPT);
}

#[test]
fn bundled_example_script_groups_what_sessions_share() {
    let t = SiteTest::fixture("content");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    let paragraphs: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    for expected in [
        "Thứ Bảy, ngày mùng ba tháng mười hai: thôn Kìm, từ bảy giờ ba mươi đến mười một giờ, \
         tại nhà văn hóa thôn Kìm.",
        "Nội dung các buổi: hướng dẫn cài đặt vi en i ai đi, đăng ký tài khoản mức một, hướng \
         dẫn kích hoạt tài khoản đã được duyệt.",
        "Bà con lưu ý: mang theo thẻ căn cước công dân gắn chip và điện thoại thông minh đã sạc \
         đầy pin.",
        "Bà con thôn Đông Lão, thôn Song Nga, thôn Sống và thôn Phúc Ngân Vải lưu ý: nhớ số điện \
         thoại mình đang dùng.",
        "Bà con thôn Kìm và thôn Song lưu ý: người cao tuổi chưa có điện thoại thông minh có thể \
         đi cùng con cháu để được hướng dẫn.",
    ] {
        assert!(
            paragraphs.contains(&expected),
            "{expected:?} not in\n{text}"
        );
    }
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    // Week 49 holds only the Monday session in Sành.
    let week_49 = read(&t, "lich/tuan-2022-49/doc-loa.txt");
    assert!(week_49.contains(
        "Thứ Hai, ngày mùng năm tháng mười hai: thôn Sành, từ mười chín giờ đến hai mươi mốt giờ \
         ba mươi, tại nhà văn hóa thôn Sành."
    ));
    assert!(!week_49.contains("thôn Kìm"));
}

#[test]
fn site_pronunciations_extend_and_override_the_built_in_table() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml");
    t.write(
        "site.yaml",
        &format!("{site}pronounce:\n  VNeID: vê nờ e ai đi\n  HTXNN: hợp tác xã nông nghiệp\n"),
    );
    t.write(
        "schedules/them.yaml",
        "sessions:\n  - hamlet: Tổ dân phố 3\n    date: 30/11/2022\n    \
         place: Hội trường HTXNN\n    note: Mang CCCD và cài VNeID, TKĐDĐT trước.\n",
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&t, "lich/tuan-2022-48/doc-loa.txt");
    for expected in [
        "tổ dân phố ba, cả ngày, tại hội trường hợp tác xã nông nghiệp.",
        "lưu ý: mang căn cước công dân và cài vê nờ e ai đi, tài khoản định danh điện tử trước.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    assert!(!text.contains("HTXNN") && !text.contains("VNeID"), "{text}");
}

#[test]
fn a_pronunciation_that_is_not_one_word_is_refused_with_its_line() {
    let t = SiteTest::fixture("minimal");
    let site = t.read_source("site.yaml");
    let line = site.lines().count() + 2;
    t.write(
        "site.yaml",
        &format!("{site}pronounce:\n  Đề án: đề án\n  HTX:\n"),
    );
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("site.yaml:{line}:"))
            && run
                .stderr
                .contains("\"Đề án\" không dùng được: chỉ được gồm chữ và số viết liền"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("chưa ghi cách đọc của \"HTX\""),
        "{}",
        run.stderr
    );
}

#[test]
fn qr_code_points_to_the_week_page_when_base_url_is_set() {
    let t = SiteTest::fixture("minimal");
    let run = t.build_with(&[
        "--today",
        "28/11/2022",
        "--base-url",
        "https://camngoc.example.gov.vn/dinh-danh/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("lich/tuan-2022-48/index.html");
    // The code is its own small file beside the page (the page stays light).
    assert_eq!(
        page.attrs(".sheet-qr img", "src"),
        ["../../lich/tuan-2022-48/qr.svg"]
    );
    assert_eq!(
        page.attrs(".sheet-qr img", "alt"),
        ["Mã QR tới trang lịch tuần này"]
    );
    let svg = std::fs::read_to_string(t.output_file("lich/tuan-2022-48/qr.svg")).unwrap();
    let svg_end = svg.find("</svg>").unwrap();
    let url = "https://camngoc.example.gov.vn/dinh-danh/lich/tuan-2022-48/index.html";
    assert_eq!(decode_qr_svg(&svg[..svg_end]), url);
    assert!(page
        .select_texts(".sheet-printed")
        .join(" ")
        .contains(&format!("Lịch mới nhất: {url}")));
}

#[test]
fn week_files_are_the_same_on_every_build() {
    let t = SiteTest::fixture("content");
    assert_eq!(t.build().code, 0);
    let first = t.snapshot_output();
    assert_eq!(t.build().code, 0);
    assert_eq!(first, t.snapshot_output());
    assert!(first
        .iter()
        .any(|(f, _)| f == "lich/tuan-2022-48/doc-loa.txt"));
}

#[test]
fn a_hamlet_slug_shaped_like_a_week_is_refused() {
    let t = SiteTest::fixture("minimal");
    let site = t
        .read_source("site.yaml")
        .replace("slug: to-3", "slug: tuan-2022-48");
    t.write("site.yaml", &site);
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("site.yaml:19:11")
            && run.stderr.contains("lich/tuan-2022-48/")
            && run.stderr.contains("trùng dạng địa chỉ lịch tuần")
            && run.stderr.contains("slug: thon-tuan-2022-48"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_static_file_cannot_take_the_script_address() {
    let t = SiteTest::fixture("minimal");
    t.write("static/lich/tuan-2022-48/doc-loa.txt", "chữ khác");
    let run = t.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "Tệp static/lich/tuan-2022-48/doc-loa.txt trùng với một trang bangtin tự tạo"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn script_gains_one_progress_sentence_when_progress_yaml_exists() {
    let t = SiteTest::fixture("content");
    assert_eq!(t.build_on("01/12/2022").code, 0);
    let script = read(&t, "lich/tuan-2022-49/doc-loa.txt");
    let progress: Vec<&str> = script
        .lines()
        .filter(|l| l.starts_with("Tính đến"))
        .collect();
    assert_eq!(progress.len(), 1, "{script}");
    assert!(
        progress[0].contains("toàn xã đã kích hoạt") && progress[0].contains("phần trăm chỉ tiêu"),
        "{}",
        progress[0]
    );
    // Spelled out like the rest of the script: no digits.
    assert!(
        !progress[0].chars().any(|c| c.is_ascii_digit()),
        "{}",
        progress[0]
    );
    // The week page shows the same script, progress sentence included.
    let page = t.page("lich/tuan-2022-49/index.html");
    assert!(
        page.select_texts(".read-aloud p")
            .iter()
            .any(|p| p == progress[0]),
        "week page lacks: {}",
        progress[0]
    );

    let plain = SiteTest::fixture("minimal");
    assert_eq!(plain.build().code, 0);
    assert!(!read(&plain, "lich/tuan-2022-48/doc-loa.txt").contains("Tính đến"));
}

/// The sections of a `doc-loa-hang-ngay.txt`: (heading, paragraphs).
fn evenings(text: &str) -> Vec<(String, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    text.split("=== ")
        .filter(|s| !s.is_empty())
        .map(|section| {
            let (heading, body) = section.split_once(" ===\n\n").expect("a heading line");
            let paragraphs = body.trim_end().split("\n\n").map(str::to_string).collect();
            (heading.to_string(), paragraphs)
        })
        .collect()
}

#[test]
fn evening_bulletins_announce_each_session_the_evening_before() {
    let t = SiteTest::fixture("minimal");
    // An evening session: announced the evening before and again that evening.
    t.write(
        "schedules/them.yaml",
        "sessions:\n  - {hamlet: Tổ dân phố 3, date: 30/11/2022, time: 19h-21h}\n",
    );
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let week = evenings(&read(&t, "lich/tuan-2022-48/doc-loa-hang-ngay.txt"));
    let headings: Vec<&str> = week.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Tối thứ Hai, 28/11/2022",
            "Tối thứ Ba, 29/11/2022",
            "Tối thứ Tư, 30/11/2022",
            "Tối thứ Bảy, 03/12/2022",
        ]
    );
    let tuesday = &week[1].1;
    assert_eq!(tuesday[0], "Kính thưa bà con nhân dân!");
    assert!(
        tuesday.contains(
            &"Tối mai, thứ Tư, ngày ba mươi tháng mười một: tổ dân phố ba, từ mười chín giờ đến \
              hai mươi mốt giờ."
                .to_string()
        ),
        "{tuesday:#?}"
    );
    let wednesday = &week[2].1;
    assert!(wednesday.iter().any(|p| p.starts_with("Tối nay, thứ Tư")));
    assert!(wednesday.iter().any(|p| p.starts_with("Sáng mai, thứ Năm")));
    assert!(week[3]
        .1
        .iter()
        .any(|p| p.starts_with("Chiều mai, chủ nhật")));
    for (_, paragraphs) in &week {
        assert_eq!(
            paragraphs.last().map(String::as_str),
            Some("Ủy ban nhân dân xã Cẩm Ngọc trân trọng thông báo!")
        );
        // Read aloud as written: no digit to work out.
        assert!(!paragraphs.concat().chars().any(|c| c.is_ascii_digit()));
    }

    // A hamlet's own loudspeaker: only its sessions, greeted by name.
    let song = evenings(&read(&t, "lich/song/doc-loa-hang-ngay.txt"));
    assert_eq!(song.len(), 1);
    assert_eq!(song[0].0, "Tối thứ Bảy, 03/12/2022");
    assert_eq!(song[0].1[0], "Kính thưa bà con thôn Song!");
    assert!(!song[0].1.concat().contains("Sống"));
    // The week and hamlet pages link to them.
    let page = t.page("lich/tuan-2022-48/index.html");
    assert!(page
        .attrs(".read-aloud a", "href")
        .contains(&"../../lich/tuan-2022-48/doc-loa-hang-ngay.txt".to_string()));
    let hamlet = t.page("lich/song/index.html");
    assert!(hamlet
        .attrs(".share-links a", "href")
        .contains(&"../../lich/song/doc-loa-hang-ngay.txt".to_string()));
}
