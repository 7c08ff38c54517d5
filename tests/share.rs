//! `chia-se/`: a Zalo message and SMS texts for every week and every hamlet
//! with sessions, as files and as blocks to copy on one page.

mod common;

use common::{assert_links_resolve, SiteTest};

/// The GSM 03.38 default alphabet (one septet each), written out here
/// independently of bangtin's own table.
const GSM7: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                    ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

fn read(t: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(t.output_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn assert_sms(line: &str) {
    assert!(
        line.chars().count() <= 160,
        "{} characters: {line}",
        line.chars().count()
    );
    assert!(line.chars().all(|c| GSM7.contains(c)), "not GSM-7: {line}");
}

#[test]
fn the_bundled_example_has_texts_for_each_week_and_hamlet() {
    let t = SiteTest::fixture("content");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let sms = read(&t, "chia-se/tuan-2022-48/sms.txt");
    let lines: Vec<&str> = sms.lines().collect();
    assert_eq!(lines.len(), 6, "one SMS per session of week 48:\n{sms}");
    for line in &lines {
        assert_sms(line);
    }
    assert_eq!(
        lines[0],
        "UBND xa Cam Ngoc: thon Dong Lao huong dan cai dat VNeID 19h-21h30 T3 29/11 tai NVH \
         thon. Mang theo CCCD gan chip va DT thong minh da sac day pin."
    );
    assert!(
        lines[5].contains("7h30-11h CN 4/12 tai NVH thon."),
        "{}",
        lines[5]
    );

    let zalo = read(&t, "chia-se/tuan-2022-48/zalo.txt");
    let zalo = zalo
        .strip_prefix('\u{feff}')
        .expect("zalo.txt starts with a BOM");
    let zalo_lines: Vec<&str> = zalo.lines().collect();
    assert_eq!(
        zalo_lines[0],
        "UBND xã Cẩm Ngọc thông báo lịch tuần 48 (28/11 – 04/12/2022)"
    );
    for expected in [
        "- Thứ Ba 29/11, 19:00–21:30: thôn Đông Lão, tại Nhà văn hóa thôn Đông Lão",
        "- Chủ nhật 04/12, 07:30–11:00: thôn Song, tại Nhà văn hóa thôn Song",
        "Lưu ý: Mang theo thẻ căn cước công dân gắn chip và điện thoại thông minh đã sạc đầy pin.",
        "Xem lịch: https://example.gov.vn/dinh-danh/lich/tuan-2022-48/index.html",
    ] {
        assert!(
            zalo_lines.contains(&expected),
            "{expected:?} not in\n{zalo}"
        );
    }
    // Only what every session shares: the Monday note of some hamlets is not repeated.
    assert!(!zalo.contains("Nhớ số điện thoại"), "{zalo}");

    // Every hamlet with sessions has its own pair of files.
    for slug in [
        "dong-lao",
        "song-nga",
        "song",
        "song-2",
        "phuc-ngan-vai",
        "kim",
        "sanh",
    ] {
        for file in ["zalo.txt", "sms.txt"] {
            assert!(
                t.output_file(&format!("chia-se/{slug}/{file}")).is_file(),
                "chia-se/{slug}/{file}"
            );
        }
    }
    let kim = read(&t, "chia-se/kim/zalo.txt");
    assert!(kim.contains("lịch tại thôn Kìm\n"), "{kim}");
    assert!(kim.contains("- Thứ Bảy 03/12/2022, 07:30–11:00, tại Nhà văn hóa thôn Kìm\n"));
    assert!(kim.contains("Xem lịch: https://example.gov.vn/dinh-danh/lich/kim/index.html\n"));
    assert_links_resolve(&t.out);
}

#[test]
fn the_page_shows_blocks_to_copy_without_a_script() {
    let t = SiteTest::fixture("content");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = t.page("chia-se/index.html");
    // No script of its own: only the theme's reader's-date script, in the head.
    assert_eq!(
        page.count("script"),
        page.count("head > script[src$='hom-nay.js']")
    );
    assert_eq!(page.select_texts("h1"), ["Chia sẻ lịch qua Zalo, tin nhắn"]);
    // Two weeks from the build date, then seven hamlets: in full while the
    // page stays within its budget, the others as links to their files
    // (a hamlet's keeping the anchor its page links to).
    let full = page.count("section.share-block");
    assert!(full >= 2, "{full}");
    let linked_hamlets = page.count("li[id^='thon-']");
    let full_hamlets = page.count("section.share-block[id^='thon-']");
    assert_eq!(full_hamlets + linked_hamlets, 7);
    assert_eq!(full - full_hamlets, 2, "the two coming weeks in full");
    // (select_texts collapses whitespace, so the file is compared the same way.)
    let zalo = page.select_texts("#zalo-tuan-2022-48");
    let file = read(&t, "chia-se/tuan-2022-48/zalo.txt");
    let file = file.trim_start_matches('\u{feff}').split_whitespace();
    assert_eq!(zalo, [file.collect::<Vec<_>>().join(" ")]);
    let sms = page.select_texts("#tuan-2022-48 textarea.sms");
    assert_eq!(sms.len(), 6);
    let file: Vec<String> = read(&t, "chia-se/tuan-2022-48/sms.txt")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(sms, file);
    // Each block to copy is read-only and has its label.
    assert_eq!(page.count("textarea"), page.count("textarea[readonly]"));
    for id in page.attrs("textarea", "id") {
        assert_eq!(
            page.count(&format!("label[for='{id}']")),
            1,
            "label for {id}"
        );
    }
    // The week and hamlet pages link to their texts.
    let week = t.page("lich/tuan-2022-48/index.html");
    assert_eq!(
        week.attrs(".share-links a", "href"),
        [
            "../../chia-se/tuan-2022-48/zalo.txt",
            "../../chia-se/tuan-2022-48/sms.txt",
            "../../chia-se/index.html"
        ]
    );
    let hamlet = t.page("lich/kim/index.html");
    assert_eq!(
        hamlet.attrs(".share-links a", "href")[0],
        "../../chia-se/index.html#thon-kim"
    );
    assert_eq!(page.count("#thon-kim"), 1);
}

#[test]
fn without_base_url_the_zalo_text_has_no_link_and_the_page_says_why() {
    let t = SiteTest::fixture("minimal");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let zalo = read(&t, "chia-se/tuan-2022-48/zalo.txt");
    assert!(
        !zalo.contains("http") && !zalo.contains("Xem lịch"),
        "{zalo}"
    );
    let page = t.page("chia-se/index.html");
    assert!(
        page.text.contains("chưa có <code>base_url</code>"),
        "the page explains the missing link"
    );
    // An all-day session and one without a place still make a whole SMS.
    let sms = read(&t, "chia-se/tuan-2022-48/sms.txt");
    let lines: Vec<&str> = sms.lines().collect();
    assert_eq!(
        lines,
        [
            "UBND xa Cam Ngoc: thon Dong Lao dang ky dinh danh muc 2, kich hoat TK 7h30-11h T3 \
             29/11 tai NVH thon. Mang theo CCCD gan chip.",
            "UBND xa Cam Ngoc: TDP 3 ca ngay T4 30/11.",
            "UBND xa Cam Ngoc: thon Song 7h30-11h T5 1/12.",
            "UBND xa Cam Ngoc: thon Song 13h30-17h CN 4/12 tai NVH thon.",
        ]
    );
}

#[test]
fn a_hamlet_lists_its_sessions_from_the_build_date_and_long_texts_still_fit() {
    let t = SiteTest::fixture("minimal");
    let long_place = "Hội trường lớn của Ủy ban nhân dân xã Cẩm Ngọc, tầng hai, phòng họp số ba \
                      bên cạnh Bưu điện văn hóa xã, đối diện chợ Cẩm Ngọc";
    let mut sessions = String::from("sessions:\n");
    for day in 1..=9 {
        sessions.push_str(&format!(
            "  - hamlet: Song\n    date: {day:02}/12/2022\n    time: 7h30-11h\n    \
             place: {long_place}\n    services: [Thu nhận hồ sơ định danh điện tử mức 2, \
             Hướng dẫn cài đặt và kích hoạt tài khoản định danh điện tử trên VNeID]\n    \
             note: \"Mang theo thẻ căn cước công dân gắn chip, sổ hộ khẩu (nếu có), điện thoại \
             thông minh đã sạc đầy pin và nhớ mật khẩu thư điện tử.\"\n"
        ));
    }
    t.write("schedules/them.yaml", &sessions);
    let run = t.build_on("05/12/2022");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sms = read(&t, "chia-se/song/sms.txt");
    let lines: Vec<&str> = sms.lines().collect();
    assert_eq!(lines.len(), 5, "from 05/12 on:\n{sms}");
    for line in &lines {
        assert_sms(line);
        assert!(line.starts_with("UBND xa Cam Ngoc: thon Song "), "{line}");
    }
    assert!(lines[0].contains("T2 5/12"), "{}", lines[0]);
    let zalo = read(&t, "chia-se/song/zalo.txt");
    assert_eq!(zalo.matches("\n- ").count(), 5, "{zalo}");
    assert!(
        !zalo.contains("04/12/2022"),
        "past sessions are left out:\n{zalo}"
    );
    assert!(zalo.contains("- Thứ Hai 05/12/2022, 07:30–11:00, tại Hội trường lớn"));
    // Tổ dân phố 3 lost its only session (them.yaml was replaced): no texts.
    assert!(!t.output_file("chia-se/to-3").exists());
}

#[test]
fn a_cancelled_or_postponed_session_is_never_sent_or_announced_as_held() {
    let t = SiteTest::fixture("changes");
    let run = t.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Kìm's session of 02/12 is postponed.
    let sms = read(&t, "chia-se/tuan-2022-48/sms.txt");
    assert!(!sms.contains("thon Kim"), "{sms}");
    let zalo = read(&t, "chia-se/tuan-2022-48/zalo.txt");
    assert!(!zalo.contains("thôn Kìm"), "{zalo}");
    let bulletins = read(&t, "lich/tuan-2022-48/doc-loa-hang-ngay.txt");
    assert!(!bulletins.contains("thôn Kìm, từ"), "{bulletins}");
}
