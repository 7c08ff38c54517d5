//! Which column is which, from the header as officers write it: "STT",
//! "Thôn", "Ngày", "Thời gian tuyên truyền, hướng dẫn", "Địa điểm", "Ghi chú",
//! or the YAML keys in English. Case, diacritics, punctuation and extra words
//! do not matter: "THỜI GIAN (ngày)" and "thoi gian" are both found.

use crate::vi;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// STT, số thứ tự: not read.
    Number,
    /// "Thứ" alone: the weekday, checked against the date.
    Weekday,
    Hamlet,
    Date,
    /// "Thời gian": in Vietnamese papers the date, a time, or both. It is the
    /// time when the table also has a date column, else the date (with the
    /// time when one is written beside it).
    When,
    Time,
    Place,
    Services,
    Note,
    /// "Trạng thái": hủy, hoãn, dời…
    Status,
    /// "Lý do"
    Reason,
    /// "Ngày cũ", "Giờ cũ", "Địa điểm cũ": what a change replaced.
    WasDate,
    WasTime,
    WasPlace,
    /// "Ngày thông báo": the day the change was announced.
    Changed,
    /// A place that is not a hamlet (school, company): the row's venue.
    Venue,
    /// Who the session is for: "Đối tượng".
    Audience,
    /// "Tọa độ", "Liên hệ": what belongs to a place, written once in
    /// site.yaml, not on each session; recognised to say so, not read.
    Coords,
    Contacts,
}

impl Role {
    /// The header officers would write, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Number => "STT",
            Role::Weekday => "Thứ",
            Role::Hamlet => "Thôn",
            Role::Date => "Ngày",
            Role::When => "Thời gian",
            Role::Time => "Giờ",
            Role::Place => "Địa điểm",
            Role::Services => "Nội dung",
            Role::Note => "Ghi chú",
            Role::Status => "Trạng thái",
            Role::Reason => "Lý do",
            Role::Venue => "Đơn vị",
            Role::Audience => "Đối tượng",
            Role::WasDate => "Ngày cũ",
            Role::WasTime => "Giờ cũ",
            Role::WasPlace => "Địa điểm cũ",
            Role::Changed => "Ngày thông báo",
            Role::Coords => "Tọa độ",
            Role::Contacts => "Liên hệ",
        }
    }
}

/// Phrases (diacritics folded) found anywhere in a header, as whole words.
const PHRASES: &[(&str, Role)] = &[
    ("so thu tu", Role::Number),
    ("so tt", Role::Number),
    ("stt", Role::Number),
    ("thon", Role::Hamlet),
    ("xom", Role::Hamlet),
    ("ban", Role::Hamlet),
    ("ap", Role::Hamlet),
    ("lang", Role::Hamlet),
    ("to dan pho", Role::Hamlet),
    ("khu pho", Role::Hamlet),
    ("khu dan cu", Role::Hamlet),
    ("dia ban", Role::Hamlet),
    ("hamlet", Role::Hamlet),
    ("village", Role::Hamlet),
    ("ngay", Role::Date),
    ("date", Role::Date),
    ("thoi gian", Role::When),
    ("thoi diem", Role::When),
    ("gio", Role::Time),
    ("khung gio", Role::Time),
    ("time", Role::Time),
    ("dia diem", Role::Place),
    ("dia chi", Role::Place),
    ("noi", Role::Place),
    ("place", Role::Place),
    ("location", Role::Place),
    ("noi dung", Role::Services),
    ("dich vu", Role::Services),
    ("cong viec", Role::Services),
    ("hoat dong", Role::Services),
    ("thu tuc", Role::Services),
    ("services", Role::Services),
    ("service", Role::Services),
    ("ghi chu", Role::Note),
    ("doi tuong", Role::Audience),
    ("danh cho", Role::Audience),
    ("audience", Role::Audience),
    ("co quan don vi", Role::Venue),
    ("don vi", Role::Venue),
    ("truong hoc", Role::Venue),
    ("doanh nghiep", Role::Venue),
    ("co so", Role::Venue),
    ("venue", Role::Venue),
    ("luu y", Role::Note),
    ("chu y", Role::Note),
    ("note", Role::Note),
    ("notes", Role::Note),
    ("remarks", Role::Note),
    ("trang thai", Role::Status),
    ("tinh trang", Role::Status),
    ("status", Role::Status),
    ("ly do", Role::Reason),
    ("reason", Role::Reason),
    ("changed", Role::Changed),
    ("toa do", Role::Coords),
    ("coords", Role::Coords),
    ("ban do", Role::Coords),
    ("lien he", Role::Contacts),
    ("so dien thoai", Role::Contacts),
    ("dien thoai", Role::Contacts),
    ("sdt", Role::Contacts),
    ("zalo", Role::Contacts),
    ("contacts", Role::Contacts),
    ("contact", Role::Contacts),
];

/// Headers of a change's columns. They name a date, a time or a place too
/// ("Ngày cũ", "Ngày thông báo"), so they are looked for first and win.
const CHANGE_PHRASES: &[(&str, Role)] = &[
    ("ngay cu", Role::WasDate),
    ("ngay truoc", Role::WasDate),
    ("was date", Role::WasDate),
    ("gio cu", Role::WasTime),
    ("was time", Role::WasTime),
    ("dia diem cu", Role::WasPlace),
    ("noi cu", Role::WasPlace),
    ("was place", Role::WasPlace),
    ("ngay thong bao", Role::Changed),
    ("ngay bao", Role::Changed),
    ("ngay thay doi", Role::Changed),
];

/// Short words that name a column only when they are the whole header
/// ("TT", "No."): inside a longer header they mean something else.
const WHOLE_HEADERS: &[(&str, Role)] = &[
    ("tt", Role::Number),
    ("no", Role::Number),
    ("thu", Role::Weekday),
];

/// Longer than this, a cell is a title or a sentence, not a column header.
const MAX_HEADER_WORDS: usize = 10;

/// Lowercase words without diacritics or punctuation.
fn words(header: &str) -> Vec<String> {
    vi::text::fold_diacritics(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The role of a header cell, or None for a column bangtin does not read.
/// The phrase that comes first wins ("Thời gian tổ chức" is a time, "Địa
/// điểm tổ chức" a place), longer phrases before shorter ones at the same
/// place ("Nội dung" is not "Nơi"), except that a header naming the day
/// ("Ngày, giờ", "Thời gian (ngày)") is always the date.
pub fn role_of(header: &str) -> Option<Role> {
    let words = words(header);
    if words.is_empty() || words.len() > MAX_HEADER_WORDS {
        return None;
    }
    let joined = words.join(" ");
    if let Some((_, role)) = WHOLE_HEADERS.iter().find(|(w, _)| *w == joined) {
        return Some(*role);
    }
    let has = |phrase: &str| {
        let phrase: Vec<&str> = phrase.split(' ').collect();
        words
            .windows(phrase.len())
            .position(|w| w.iter().zip(&phrase).all(|(a, b)| a == b))
    };
    if let Some((_, role)) = CHANGE_PHRASES.iter().find(|(p, _)| has(p).is_some()) {
        return Some(*role);
    }
    let mut found: Vec<(usize, std::cmp::Reverse<usize>, Role)> = Vec::new();
    for (phrase, role) in PHRASES {
        if let Some(at) = has(phrase) {
            found.push((at, std::cmp::Reverse(phrase.split(' ').count()), *role));
        }
    }
    if found.iter().any(|(_, _, r)| *r == Role::Date) {
        return Some(Role::Date);
    }
    found.into_iter().min().map(|(_, _, role)| role)
}

/// Headers bangtin reads, for "did you mean" hints.
pub const KNOWN_HEADERS: &[&str] = &[
    "STT",
    "Thôn",
    "Ngày",
    "Thời gian",
    "Giờ",
    "Địa điểm",
    "Nội dung",
    "Ghi chú",
    "Trạng thái",
    "Lý do",
    "Ngày cũ",
    "Giờ cũ",
    "Địa điểm cũ",
    "Ngày thông báo",
    "hamlet",
    "date",
    "time",
    "place",
    "services",
    "note",
    "Đối tượng",
    "Đơn vị",
    "venue",
    "audience",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officers_headers() {
        let cases = [
            ("STT", Some(Role::Number)),
            ("Số TT", Some(Role::Number)),
            ("TT", Some(Role::Number)),
            ("Thôn", Some(Role::Hamlet)),
            ("THÔN / XÓM", Some(Role::Hamlet)),
            ("Tên thôn", Some(Role::Hamlet)),
            ("Tổ dân phố", Some(Role::Hamlet)),
            ("Ngày", Some(Role::Date)),
            ("Ngày tháng", Some(Role::Date)),
            ("Ngày, giờ", Some(Role::Date)),
            ("Thời gian (ngày)", Some(Role::Date)),
            ("Thời gian tuyên truyền, hướng dẫn", Some(Role::When)),
            ("Thời gian", Some(Role::When)),
            ("thoi gian", Some(Role::When)),
            ("Giờ", Some(Role::Time)),
            ("Thứ", Some(Role::Weekday)),
            ("Địa điểm", Some(Role::Place)),
            ("Địa điểm tổ chức", Some(Role::Place)),
            ("Nơi tổ chức", Some(Role::Place)),
            ("Nội dung", Some(Role::Services)),
            ("Nội dung hướng dẫn", Some(Role::Services)),
            ("Ghi chú", Some(Role::Note)),
            ("GHI CHÚ", Some(Role::Note)),
            ("Lưu ý", Some(Role::Note)),
            ("hamlet", Some(Role::Hamlet)),
            ("Date", Some(Role::Date)),
            ("time", Some(Role::Time)),
            ("place", Some(Role::Place)),
            ("services", Some(Role::Services)),
            ("note", Some(Role::Note)),
            ("Trạng thái", Some(Role::Status)),
            ("TÌNH TRẠNG", Some(Role::Status)),
            ("Lý do", Some(Role::Reason)),
            ("Lý do thay đổi", Some(Role::Reason)),
            ("Ngày cũ", Some(Role::WasDate)),
            ("Ngày (cũ)", Some(Role::WasDate)),
            ("Giờ cũ", Some(Role::WasTime)),
            ("Địa điểm cũ", Some(Role::WasPlace)),
            ("Ngày thông báo", Some(Role::Changed)),
            ("Ngày thông báo thay đổi", Some(Role::Changed)),
            ("status", Some(Role::Status)),
            ("Đối tượng", Some(Role::Audience)),
            ("Đối tượng tham gia", Some(Role::Audience)),
            ("Đơn vị", Some(Role::Venue)),
            ("Cơ quan, đơn vị", Some(Role::Venue)),
            ("Trường học", Some(Role::Venue)),
            ("venue", Some(Role::Venue)),
            ("Tọa độ", Some(Role::Coords)),
            ("Toạ độ địa điểm", Some(Role::Coords)),
            ("Bản đồ", Some(Role::Coords)),
            ("Liên hệ", Some(Role::Contacts)),
            ("Số điện thoại liên hệ", Some(Role::Contacts)),
            ("SĐT", Some(Role::Contacts)),
            ("Địa điểm, liên hệ", Some(Role::Place)),
            ("Người phụ trách", None),
            ("Điểm thu nhận", None),
            ("", None),
            (
                "Lịch tổ chức tuyên truyền, hướng dẫn cài đặt ứng dụng VNeID, đăng ký tài khoản định danh điện tử mức độ 1 tại các thôn",
                None,
            ),
        ];
        for (header, role) in cases {
            assert_eq!(role_of(header), role, "header {header:?}");
        }
    }
}
