//! Which administrative unit a site speaks for, so sentences can say "toàn
//! xã", "toàn phường" or "toàn thị trấn" as the officer's own documents do.

use crate::vi::text::nfc;

/// Longer names first: "thị xã" must not be read as "xã".
const UNITS: [&str; 10] = [
    "đặc khu",
    "thị trấn",
    "thị xã",
    "thành phố",
    "phường",
    "xã",
    "quận",
    "huyện",
    "tỉnh",
    "thôn",
];

/// The first unit word in `text`, as a whole word.
fn first_unit(text: &str) -> Option<&'static str> {
    let lower = nfc(&text.to_lowercase());
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len())
        .find_map(|start| {
            UNITS.iter().find_map(|unit| {
                let unit_words: Vec<&str> = unit.split(' ').collect();
                let candidate = words.get(start..start + unit_words.len())?;
                (candidate == unit_words.as_slice()).then_some(*unit)
            })
        })
        // A site speaks for one commune: the province or district it is in
        // ("…, tỉnh An Giang") is never its total ("toàn tỉnh").
        .filter(|unit| !matches!(*unit, "tỉnh" | "huyện"))
}

/// "xã", "phường", "thị trấn"…: the unit `place` starts with or names first,
/// else the one `authority` names ("UBND phường Phước Tiến"), else "địa bàn".
pub fn area_unit(place: &str, authority: &str) -> &'static str {
    first_unit(place)
        .or_else(|| first_unit(authority))
        .unwrap_or("địa bàn")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_table() {
        let cases = [
            ("xã Cẩm Ngọc, huyện Cẩm Thủy, tỉnh Thanh Hóa", "", "xã"),
            ("phường Phước Tiến, thành phố Nha Trang", "", "phường"),
            ("Thị trấn Phong Sơn", "", "thị trấn"),
            ("thị xã Bỉm Sơn", "", "thị xã"),
            ("", "UBND phường Phước Tiến", "phường"),
            ("", "Ủy ban nhân dân xã Quang Trung", "xã"),
            ("", "Công an xã Cẩm Ngọc", "xã"),
            ("Cẩm Ngọc", "Tổ công tác Đề án 06", "địa bàn"),
            ("", "", "địa bàn"),
            ("Xã Quang Trung", "UBND phường X", "xã"),
            ("đặc khu Kiên Hải, tỉnh An Giang", "", "đặc khu"),
            (
                "Kiên Hải, tỉnh An Giang",
                "UBND đặc khu Kiên Hải",
                "đặc khu",
            ),
            ("Kiên Hải, tỉnh An Giang", "Tổ công tác Đề án 06", "địa bàn"),
        ];
        for (place, authority, expected) in cases {
            assert_eq!(
                area_unit(place, authority),
                expected,
                "{place:?} {authority:?}"
            );
        }
    }
}
