//! The one place that knows which YAML crate we use (serde-saphyr: pure Rust,
//! panic-free, line/column on every node). Swapping crates means rewriting this
//! file only. Its English errors are turned into Vietnamese here.

use serde::de::DeserializeOwned;

use crate::diagnostics::Pos;
use crate::vi;

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
    // The default options bound events, depth, aliases and anchors (no
    // "billion laughs") and refuse duplicate keys. `records.rs` reads as these
    // options do: change both together.
    serde_saphyr::from_str(text).map_err(|e| {
        let pos = e
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| Pos::new(l.line() as u32, l.column() as u32));
        let raw = e.without_snippet().to_string();
        let (message, hint) = translate(strip_location(&raw));
        YamlError { pos, message, hint }
    })
}

/// serde-saphyr appends " at line L, column C"; we print the place ourselves.
fn strip_location(raw: &str) -> &str {
    match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    }
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

const SYNTAX_HINT: &str = "Kiểm tra thụt lề (chỉ dùng dấu cách, không dùng Tab), dấu hai chấm sau mỗi tên khóa, và đặt giá trị có dấu hai chấm hoặc dấu # trong ngoặc kép, ví dụ note: \"Giờ: 7h30\".";

/// (message, hint) in Vietnamese for one serde-saphyr / serde error text.
fn translate(msg: &str) -> (String, String) {
    if let Some(field) = between(msg, "unknown field `", "`") {
        let allowed: Vec<&str> = msg
            .split_once("expected one of ")
            .map(|(_, list)| list.split(", ").map(|s| s.trim_matches('`')).collect())
            .or_else(|| between(msg, "expected `", "`").map(|one| vec![one]))
            .unwrap_or_default();
        let message = format!("Khóa `{field}` không dùng được ở đây.");
        let hint = match vi::text::closest(field, allowed.iter().copied()) {
            Some(best) => format!(
                "Có phải ý bạn là `{best}`? Các khóa dùng được: {}.",
                allowed.join(", ")
            ),
            None if allowed.is_empty() => "Xóa khóa này.".to_string(),
            None => format!(
                "Xóa khóa này hoặc sửa thành một trong các khóa: {}.",
                allowed.join(", ")
            ),
        };
        return (message, hint);
    }
    if let Some(field) = between(msg, "missing field `", "`") {
        return (
            format!("Thiếu khóa bắt buộc `{field}`."),
            format!("Thêm một dòng `{field}: …` vào nhóm này."),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return (
            format!("Khóa `{key}` được viết hai lần trong cùng một nhóm."),
            "Giữ lại một dòng và xóa dòng kia.".to_string(),
        );
    }
    if msg.starts_with("invalid i") || msg.starts_with("invalid u") {
        return (
            "Giá trị ở đây phải là một số nguyên.".to_string(),
            "Viết một số, ví dụ order: 2.".to_string(),
        );
    }
    if msg.contains("expected sequence start") {
        return (
            "Giá trị ở đây phải là một danh sách.".to_string(),
            "Viết mỗi mục trên một dòng bắt đầu bằng \"- \", hoặc trong ngoặc vuông: [mục 1, mục 2].".to_string(),
        );
    }
    if msg.contains("expected mapping start") {
        return (
            "Ở đây cần một nhóm khóa dạng \"tên: giá trị\".".to_string(),
            "Xem lại thụt lề và mẫu trong tài liệu hướng dẫn (docs/dinh-dang.md).".to_string(),
        );
    }
    if msg.contains("expected string scalar") || msg.contains("expected a string") {
        return (
            "Giá trị ở đây phải là một đoạn chữ, không phải danh sách hay nhóm khóa.".to_string(),
            "Viết giá trị ngay sau dấu hai chấm trên cùng một dòng; nếu có dấu hai chấm bên trong, đặt trong ngoặc kép.".to_string(),
        );
    }
    if msg.contains("found a tab") || msg.contains("tabs") {
        return (
            "Có ký tự Tab trong phần thụt lề.".to_string(),
            "YAML chỉ nhận dấu cách để thụt lề: thay Tab bằng hai dấu cách.".to_string(),
        );
    }
    if msg.contains("unclosed quote") || msg.contains("unexpected end of") {
        return (
            "Thiếu dấu ngoặc kép đóng.".to_string(),
            "Mỗi giá trị mở bằng \" phải đóng bằng \" trên cùng dòng.".to_string(),
        );
    }
    if msg.contains("mapping values are not allowed") {
        return (
            "Có dấu hai chấm \": \" bên trong một giá trị.".to_string(),
            "Đặt cả giá trị trong ngoặc kép, ví dụ note: \"Giờ làm việc: 7h30\".".to_string(),
        );
    }
    if msg.contains("multiple YAML documents") {
        return (
            "Tệp có dòng \"---\" chia thành nhiều phần; mỗi tệp chỉ được có một phần.".to_string(),
            "Xóa dòng \"---\" ở giữa tệp.".to_string(),
        );
    }
    if msg.contains("recursion limit") || msg.contains("Depth {") {
        return (
            "Tệp lồng nhau quá sâu (quá nhiều cấp thụt lề hoặc dấu [ {).".to_string(),
            "Một tệp lịch bình thường chỉ lồng hai, ba cấp: kiểm tra dấu [ hoặc { thừa, hoặc phần bị dán lặp.".to_string(),
        );
    }
    if msg.contains("Aliases {")
        || msg.contains("Anchors {")
        || msg.contains("(defined at")
        || msg.contains("alias")
    {
        return (
            "Tệp dùng quá nhiều bí danh YAML (&tên, *tên) lồng vào nhau.".to_string(),
            "Viết thẳng giá trị thay cho &tên và *tên; tệp lịch không cần bí danh.".to_string(),
        );
    }
    if msg.contains("Nodes {") || msg.contains("Events {") || msg.contains("Documents {") {
        return (
            "Tệp có quá nhiều mục để đọc một lần (hơn 250 000 giá trị).".to_string(),
            "Chia thành nhiều tệp nhỏ hơn (mọi tệp trong schedules/ được gộp lại), hoặc kiểm tra nội dung có bị dán lặp nhiều lần không.".to_string(),
        );
    }
    if msg.contains("budget") || msg.contains("depth") {
        return (
            "Tệp lồng nhau quá sâu hoặc lặp lại quá nhiều (có thể do sao chép lỗi).".to_string(),
            "Kiểm tra lại cấu trúc tệp; một tệp lịch bình thường chỉ lồng hai, ba cấp.".to_string(),
        );
    }
    if msg.contains("invalid type") || msg.contains("expected") {
        return (
            format!("Giá trị không đúng kiểu ({msg})."),
            "So sánh với mẫu trong docs/dinh-dang.md.".to_string(),
        );
    }
    (
        format!("Tệp YAML viết sai cú pháp ({msg})."),
        SYNTAX_HINT.to_string(),
    )
}

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
                f.write_str("a string or a list of strings")
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
                f.write_str("a mapping or a list of mappings")
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
