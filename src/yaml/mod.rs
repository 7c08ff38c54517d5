//! The one place that knows which YAML crate we use (serde-saphyr: pure Rust,
//! panic-free, line/column on every node). Swapping crates means rewriting this
//! file only. Its English errors are turned into Vietnamese here.

use serde::de::DeserializeOwned;

use crate::diagnostics::Pos;

mod explain;
mod records;

pub use records::{read_flat, read_records, FieldKind, ListShape, Record, Scalar, ScalarKind};

/// A value with the place it was written; fields that need a position in an
/// error message are declared with this type. Our own type (not the crate's)
/// so the fast record reader can make one too.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Spanned {
            value: s.value,
            pos: Pos::new(s.referenced.line() as u32, s.referenced.column() as u32),
        })
    }
}

pub fn pos<T>(s: &Spanned<T>) -> Pos {
    s.pos
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: String,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Some(e) = explain::screen(text) {
        return Err(e);
    }
    // The default options bound events, depth, aliases and anchors (no
    // "billion laughs") and refuse duplicate keys. `records.rs` reads as these
    // options do: change both together.
    serde_saphyr::from_str(text).map_err(|e| explain::explain(text, &e))
}

/// What `OneOrList` and `TextList` tell serde they expect: `explain` knows
/// them by it.
const ONE_OR_LIST: &str = "a mapping or a list of mappings";
const TEXT_OR_LIST: &str = "a string or a list of strings";

/// A value written either as one text or as a list of texts (`services: Khám`
/// or `services: [Khám, Tư vấn]`): officers write both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextList(pub Vec<String>);

impl<'de> serde::Deserialize<'de> for TextList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = TextList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(TEXT_OR_LIST)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TextList, E> {
                Ok(TextList(vec![v.to_string()]))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<TextList, E> {
                Ok(TextList(vec![v.to_string()]))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<TextList, E> {
                Ok(TextList(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<TextList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(TextList(items))
            }
        }
        d.deserialize_any(V)
    }
}

/// A group of keys written once, or a list of such groups (`was: {date: …}`
/// or `was: [{date: …}, {time: …}]`). Each group comes with its own position
/// when written in a list; a lone group has the position of the whole value.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrList<T>(pub Vec<(Option<Pos>, T)>);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for OneOrList<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = OneOrList<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(ONE_OR_LIST)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let one = T::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(OneOrList(vec![(None, one)]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<T>>()? {
                    items.push((Some(item.pos), item.value));
                }
                Ok(OneOrList(items))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        title: Option<Spanned<String>>,
        order: Option<i64>,
        services: Option<TextList>,
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let e = from_str::<Probe>("titel: x\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(1, 1)));
        assert!(e.message.contains("`titel`"), "{}", e.message);
        assert!(e.hint.contains("`title`"), "{}", e.hint);
    }

    #[test]
    fn strings_keep_leading_zeros_and_times() {
        let p: Probe = from_str("title: 0912345678\n").unwrap();
        assert_eq!(p.title.unwrap().value, "0912345678");
        let p: Probe = from_str("title: 07:30\n").unwrap();
        assert_eq!(p.title.unwrap().value, "07:30");
    }

    #[test]
    fn text_or_list() {
        let p: Probe = from_str("services: Khám\n").unwrap();
        assert_eq!(p.services.unwrap().0, vec!["Khám"]);
        let p: Probe = from_str("services: [a, b]\n").unwrap();
        assert_eq!(p.services.unwrap().0, vec!["a", "b"]);
    }

    #[test]
    fn pathological_yaml_fails_fast_with_a_reason() {
        let deep = format!("title: {}", "[".repeat(100_000));
        let e = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert!(e.message.contains("lồng nhau quá sâu"), "{}", e.message);
        let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (p, c) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let uses = vec![format!("*{p}"); 9].join(", ");
            bomb.push_str(&format!("{c}: &{c} [{uses}]\n"));
        }
        let e = from_str::<serde_json::Value>(&bomb).unwrap_err();
        assert!(e.message.contains("bí danh"), "{}", e.message);
        let big = format!("[{}]", "1,".repeat(260_000));
        let e = from_str::<serde_json::Value>(&big).unwrap_err();
        assert!(e.message.contains("quá nhiều mục"), "{}", e.message);
    }

    #[test]
    fn errors_are_vietnamese_with_position() {
        let e = from_str::<Probe>("title: a\ntitle: b\n").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(2));
        assert!(e.message.contains("hai lần"));
        let e = from_str::<Probe>("order: hai\n").unwrap_err();
        assert!(e.message.contains("số nguyên"));
        let e = from_str::<Probe>("title: a: b\n").unwrap_err();
        assert!(e.message.contains("hai chấm"));
    }
}

#[cfg(test)]
mod officer_mistakes {
    use super::*;

    fn said(text: &str) -> YamlError {
        from_str::<serde_json::Value>(text).unwrap_err()
    }

    #[test]
    fn tags_and_anchors_on_text_are_refused_where_written() {
        let e = said("note: !Quan trọng mang theo CCCD\n");
        assert_eq!(e.pos, Some(Pos::new(1, 7)));
        assert!(e.message.contains("\"!Quan\""), "{}", e.message);
        assert!(
            e.hint.contains("\"!Quan trọng mang theo CCCD\""),
            "{}",
            e.hint
        );
        let e = said("a: 1\nnote: &Lưu ý mang theo CCCD\n");
        assert_eq!(e.pos, Some(Pos::new(2, 7)));
        assert!(e.message.contains("\"&Lưu\""), "{}", e.message);
        assert!(e.hint.contains("\"&Lưu ý mang theo CCCD\""), "{}", e.hint);
        // `!!str` changes nothing; an anchor on a group loses no text.
        let v: serde_json::Value = from_str("a: !!str 12\nb: &g {c: d}\ne: *g\n").unwrap();
        assert_eq!(v["a"], "12");
        assert_eq!(v["e"]["c"], "d");
        // An exclamation or ampersand inside the text is text.
        let v: serde_json::Value = from_str("note: Lưu ý! Q & A\n").unwrap();
        assert_eq!(v["note"], "Lưu ý! Q & A");
    }

    #[test]
    fn escapes_an_officer_would_not_mean_are_refused() {
        let e = said("note: \"Danh sách ở D:\\Lich\\thon.xlsx\"\n");
        assert_eq!(e.pos, Some(Pos::new(1, 22)));
        assert!(e.message.contains("\"\\L\""), "{}", e.message);
        assert!(
            e.hint.contains("'Danh sách ở D:\\Lich\\thon.xlsx'"),
            "{}",
            e.hint
        );
        let v: serde_json::Value = from_str("note: \"Nói \\\"Có\\\" ở C:\\\\VNeID\"\n").unwrap();
        assert_eq!(v["note"], "Nói \"Có\" ở C:\\VNeID");
        // Single quotes keep a backslash as written.
        let v: serde_json::Value = from_str("note: 'D:\\Lich\\thon.xlsx'\n").unwrap();
        assert_eq!(v["note"], "D:\\Lich\\thon.xlsx");
    }

    /// What officers write, and a word of what they must be told.
    #[test]
    fn common_mistakes_are_told_in_vietnamese() {
        for (text, says) in [
            ("a:\n  - b: 1\n   c: 2\n", "thụt lề 3 dấu cách"),
            ("a:\n- b: 1\n  c: 2\n  - b: 3\n", "dấu - của mục trước"),
            ("a: 1\nb\n  - c\n", "thiếu dấu hai chấm"),
            ("note: @Zalo\n", "dấu @"),
            ("note: %50 hộ\n", "dấu %"),
            ("note: `CCCD` gắn chip\n", "dấu `"),
            ("hamlet: Song\u{b}\n", "U+000B"),
            ("note: > 14 tuổi\n", "dấu >"),
            ("note: | Mang\n", "dấu |"),
            (
                "place: \"Nhà văn hóa\" thôn Song\n",
                "ngoặc kép đóng vẫn còn chữ",
            ),
            ("note: 'Lưu ý' mang theo\n", "ngoặc đơn đóng vẫn còn chữ"),
            ("note: \"D:\\q\"\n", "mã đặc biệt"),
            ("note: \"D:\\xa\"\n", "mã đặc biệt"),
            ("note: - Mang\n", "mục danh sách"),
            ("note: ? Hỏi\n", "\"? \""),
            ("a: 1\n\u{feff}b: 2\n", "BOM"),
            ("a: [{b: 1,, c: 2}]\n", "hai dấu phẩy"),
            ("a: [b, c\n", "chưa được đóng"),
            ("note: *Mang theo CCCD*\n", "bí danh (alias)"),
            ("note: 'Mang theo\n", "ngoặc đơn"),
            ("a:\n\u{a0} - b\n", "U+00A0"),
            ("a:\n\u{3000} - b\n", "U+3000"),
            (" title: A\nsummary: B\n", "Dòng đầu tiên"),
            (
                "a:\n  - b: 1\n    date:29/11/2022\n",
                "thiếu dấu cách sau dấu hai chấm",
            ),
            ("a:\n  - b: 1\n%   c: 2\n", "dấu % thừa"),
            ("a: [- b, c]\n", "không viết dấu - trước mục"),
        ] {
            let e = said(text);
            assert!(e.message.contains(says), "{text:?}: {}", e.message);
            assert!(e.pos.is_some(), "{text:?}");
            for english in [
                "expected",
                "while",
                "unexpected",
                "invalid",
                "scalar",
                "\\u{",
            ] {
                assert!(!e.message.contains(english), "{text:?}: {}", e.message);
                assert!(!e.hint.contains(english), "{text:?}: {}", e.hint);
            }
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Typed {
        draft: Option<bool>,
        order: Option<i64>,
        services: Option<Vec<String>>,
        was: Option<OneOrList<serde_json::Value>>,
    }

    #[test]
    fn wrong_types_say_what_to_write() {
        let e = from_str::<Typed>("draft: có\n").unwrap_err();
        assert!(e.message.contains("true"), "{}", e.message);
        let e = from_str::<Typed>("order: 99999999999999999999\n").unwrap_err();
        assert!(e.message.contains("quá lớn"), "{}", e.message);
        let e = from_str::<Typed>("services:\n  - Đăng ký\n  -\n").unwrap_err();
        assert!(e.message.contains("mục trống"), "{}", e.message);
        let e = from_str::<Typed>("was: 01/12/2022\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(1, 6)));
        assert!(e.hint.contains("was: {date: 01/12/2022}"), "{}", e.hint);
    }
}
