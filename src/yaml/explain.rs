//! What went wrong in a YAML text, in the officer's words: serde-saphyr's
//! errors matched by kind (its `Error` variants and granit-parser's
//! `ErrorKind`), never by pasting its English; and `screen`, which refuses
//! what YAML reads without error but not as the officer wrote it.

use serde_saphyr::granit_parser::{ErrorKind, Event, Parser, ScalarStyle};
use serde_saphyr::{Error, ExternalMessageSource};

use super::YamlError;
use crate::diagnostics::Pos;
use crate::vi;

const SYNTAX_HINT: &str = "Kiểm tra thụt lề (chỉ dùng dấu cách, không dùng Tab), dấu hai chấm sau mỗi tên khóa, và đặt giá trị có dấu hai chấm hoặc dấu # trong ngoặc kép, ví dụ note: \"Giờ: 7h30\". So sánh với mẫu trong docs/dinh-dang.md.";

const INDENT_RULE: &str = "Các khóa của cùng một nhóm phải thẳng cột với nhau, và mỗi mục mới của danh sách bắt đầu bằng \"- \" thẳng cột với dấu - của mục trước.";

/// Refuses, at its place, a value YAML would publish changed without a word
/// (fuzz report F4): a tag (`note: !Quan trọng …` loses `!Quan`), an anchor
/// on a text (`note: &Lưu ý …` loses `&Lưu`), and an escape in double quotes
/// (`"D:\Lich"`: `\L` becomes a line separator). An error, not a warning:
/// a warning would still publish the changed text to the pages, the
/// calendars and the loudspeaker script, the fix is a pair of quotes, and
/// none of these is part of the format (docs/dinh-dang.md names no tags or
/// anchors). Anchors on a group or a list stay allowed: they lose no text.
/// None when the text is fine or does not parse (serde-saphyr then says why).
pub(super) fn screen(text: &str) -> Option<YamlError> {
    if !may_need_screening(text) {
        return None;
    }
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next() {
        let Event::Scalar(value, style, anchor, tag) = event else {
            continue;
        };
        let start = span.start.byte_offset()?;
        let end = span.end.byte_offset()?;
        let pos = Pos::new(span.start.line() as u32, span.start.col() as u32 + 1);
        // The tag or anchor is written before the scalar's own span.
        let (line_start, _) = line_at(text, start);
        let before = &text[line_start..start];
        let plain = style == ScalarStyle::Plain;
        if let Some(tag) = tag.filter(|t| !t.is_yaml_core_schema_tag("str")) {
            let written = tag.original();
            let at = before.rfind(&written).map(|i| line_start + i);
            return Some(prefixed(text, at, pos, &written, &value, '!', plain));
        }
        if anchor != 0 {
            let at = before.rfind('&').map(|i| line_start + i);
            let name = at.map_or("", |i| {
                text[i..start].split_whitespace().next().unwrap_or("")
            });
            return Some(prefixed(text, at, pos, name, &value, '&', plain));
        }
        if style == ScalarStyle::DoubleQuoted {
            if let Some(e) = escapes(text, start, end) {
                return Some(e);
            }
        }
    }
    None
}

/// A tag or an anchor starts a token: after a space, a line start or a flow
/// indicator. "Lưu ý!" never needs the second parse.
fn may_need_screening(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| match b {
        b'\\' => true,
        b'!' | b'&' => i == 0 || matches!(bytes[i - 1], b' ' | b'\n' | b'\r' | b'[' | b'{' | b','),
        _ => false,
    })
}

/// A value whose first word YAML took as a tag (`!`) or an anchor (`&`).
/// Before a quoted value (`&a "lol"`) it is YAML on purpose, not a lost word.
/// Either way it is an error: the format names no tags or anchors on text.
fn prefixed(
    text: &str,
    at: Option<usize>,
    pos: Pos,
    word: &str,
    value: &str,
    sign: char,
    plain: bool,
) -> YamlError {
    let pos = at.map_or(pos, |i| pos_at(text, i));
    let what = match sign {
        '!' => "một thẻ kiểu (tag)",
        _ => "tên một bí danh (anchor)",
    };
    // `!!bool có`: a YAML type written on purpose, not a first word lost.
    if !plain || word.starts_with("!!") {
        return YamlError {
            pos: Some(pos),
            message: format!(
                "Giá trị bắt đầu bằng dấu {sign}: YAML hiểu \"{word}\" là {what}; tệp của bangtin không dùng thẻ kiểu hay bí danh cho chữ."
            ),
            hint: match sign {
                '!' => format!("Xóa \"{word}\" để chỉ còn giá trị; nếu dấu ! là một phần của chữ, đặt cả giá trị trong dấu ngoặc kép."),
                _ => format!("Xóa \"{word}\" và viết thẳng giá trị ở mỗi chỗ cần đến nó."),
            },
        };
    }
    let whole = match value.is_empty() {
        true => word.to_string(),
        false => format!("{word} {value}"),
    };
    YamlError {
        pos: Some(pos),
        message: format!(
            "Giá trị bắt đầu bằng dấu {sign}: YAML hiểu \"{word}\" là {what} và bỏ nó khỏi nội dung, nên chữ đăng lên trang sẽ bị mất."
        ),
        hint: quote_hint(&whole),
    }
}

/// The first escape an officer would not mean in the double-quoted scalar at
/// `text[start..end]` (quotes included). `\"` and `\\` are what someone who
/// escapes on purpose writes; a `\` ending a line joins it to the next.
fn escapes(text: &str, start: usize, end: usize) -> Option<YamlError> {
    let raw = &text[start..end];
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let next = chars.next().map(|(_, n)| n);
        if matches!(next, Some('"' | '\\' | '\n' | '\r')) {
            continue;
        }
        let shown: String = std::iter::once('\\').chain(next).collect();
        let inner = raw.trim_start_matches('"').trim_end_matches('"');
        return Some(YamlError {
            pos: Some(pos_at(text, start + i)),
            message: format!(
                "Trong dấu ngoặc kép, YAML đọc \"{shown}\" thành một ký tự đặc biệt (dấu \\ mở đầu một mã), nên chữ đăng lên trang sẽ bị đổi."
            ),
            hint: escape_hint(inner),
        });
    }
    None
}

fn escape_hint(inner: &str) -> String {
    format!(
        "Nếu đây là đường dẫn hay chữ có dấu \\, đặt giá trị trong dấu ngoặc đơn thay cho ngoặc kép: '{}', hoặc viết dấu / thay cho \\.",
        inner.replace('\'', "''")
    )
}

/// "Put the whole value in quotes", with the value as it should be written.
fn quote_hint(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        return "Đặt cả giá trị trong dấu ngoặc kép, ví dụ note: \"@Zalo nhóm thôn\".".to_string();
    }
    match value.contains(['"', '\\']) {
        true => format!(
            "Đặt cả giá trị trong dấu ngoặc đơn: '{}'",
            value.replace('\'', "''")
        ),
        false => format!("Đặt cả giá trị trong dấu ngoặc kép: \"{value}\""),
    }
}

/// The byte offset of the start of the line holding `at`, and that line.
fn line_at(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// Line and 1-based column (in characters) of a byte offset.
fn pos_at(text: &str, at: usize) -> Pos {
    let line = text[..at].matches('\n').count() + 1;
    let (start, _) = line_at(text, at);
    Pos::new(line as u32, text[start..at].chars().count() as u32 + 1)
}

/// The text of a 1-based line, if the text has it.
fn line(text: &str, n: u32) -> Option<&str> {
    text.split('\n')
        .nth((n as usize).checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r'))
}

/// The character at a position, if any.
fn char_at(text: &str, pos: Pos) -> Option<char> {
    line(text, pos.line)?
        .chars()
        .nth((pos.col as usize).checked_sub(1)?)
}

/// The value written from `pos` to the end of its line.
fn value_from(text: &str, pos: Pos) -> String {
    line(text, pos.line)
        .map(|l| {
            l.chars()
                .skip(pos.col.saturating_sub(1) as usize)
                .collect::<String>()
        })
        .unwrap_or_default()
}

/// The value of the `key: value` line at `pos`: what follows the key's colon,
/// else what follows `pos`.
fn value_of_line(text: &str, pos: Pos) -> String {
    let Some(l) = line(text, pos.line) else {
        return String::new();
    };
    let upto: usize = l
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(l.len(), |(i, _)| i);
    match l[..upto].rfind(": ") {
        Some(i) => l[i + 2..].to_string(),
        None => value_from(text, pos),
    }
}

/// Spaces at the start of a line.
fn indent(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// The nearest line above `n` with content (not blank, not a comment).
fn line_above(text: &str, n: u32) -> Option<&str> {
    (1..n)
        .rev()
        .filter_map(|k| line(text, k))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// An invisible space (no-break, ideographic…) in the indentation of the
/// error's line or the line above: what YAML then says never names it.
fn odd_space(text: &str, pos: Pos) -> Option<YamlError> {
    for n in [pos.line, pos.line.saturating_sub(1)] {
        let Some(l) = line(text, n) else { continue };
        let lead = l.chars().take_while(|c| c.is_whitespace());
        for (i, c) in lead.enumerate() {
            if c == ' ' || c == '\t' {
                continue;
            }
            let name = match c {
                '\u{a0}' => "dấu cách không ngắt (no-break space, U+00A0)".to_string(),
                '\u{3000}' => "dấu cách chữ Hán (U+3000)".to_string(),
                other if other.is_control() => {
                    format!("ký tự điều khiển (U+{:04X})", other as u32)
                }
                other => format!("dấu cách lạ (U+{:04X})", other as u32),
            };
            return Some(YamlError {
                pos: Some(Pos::new(n, i as u32 + 1)),
                message: format!(
                    "Đầu dòng có một {name} ở cột {}: ký tự này không nhìn thấy được, và YAML không coi nó là dấu cách thụt lề. Thường do chép từ Word hay trang web.",
                    i + 1
                ),
                hint: "Xóa hết phần thụt lề ở đầu dòng này rồi gõ lại bằng phím cách.".to_string(),
            });
        }
    }
    None
}

/// A sign typed before a line's key (`%    services:`, `,to:`): YAML then
/// reads the line as something else and says so far from the sign.
fn stray_sign(text: &str, pos: Pos) -> Option<YamlError> {
    let l = line(text, pos.line)?;
    let lead = indent(l);
    let sign = l[lead..].chars().next()?;
    if !"%*&,!@`".contains(sign) {
        return None;
    }
    let rest = l[lead + sign.len_utf8()..].trim_start();
    let keyed = rest.starts_with("- ") || rest.split_once(": ").is_some_and(|(key, _)| is_key(key));
    keyed.then(|| YamlError {
        pos: Some(Pos::new(pos.line, lead as u32 + 1)),
        message: format!("Đầu dòng có dấu {sign} thừa, trước \"{rest}\"."),
        hint: format!("Xóa dấu {sign} ở đầu dòng: trước tên khóa (hoặc trước \"- \") chỉ có dấu cách thụt lề."),
    })
}

/// A word YAML keys are written as: letters, digits, `_`, starting with a
/// letter.
fn is_key(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// `date:29/11/2022` on the error's line or the line above: a key whose
/// colon has no space after it, so YAML reads the whole line as one text.
fn colon_without_space(text: &str, pos: Pos) -> Option<YamlError> {
    for n in [pos.line, pos.line.saturating_sub(1)] {
        let Some(l) = line(text, n) else { continue };
        let lead = indent(l);
        let body = l[lead..].strip_prefix("- ").unwrap_or(&l[lead..]);
        let Some((key, value)) = body.split_once(':') else {
            continue;
        };
        let Some(next) = value.chars().next() else {
            continue;
        };
        if !is_key(key) || next.is_whitespace() || next == '/' || next == ':' {
            continue;
        }
        let col = l.chars().count() - body.chars().count() + key.chars().count() + 1;
        return Some(YamlError {
            pos: Some(Pos::new(n, col as u32)),
            message: format!(
                "Dòng \"{}\" thiếu dấu cách sau dấu hai chấm.",
                body.trim_end()
            ),
            hint: format!(
                "Viết một dấu cách sau dấu hai chấm: {key}: {}",
                value.trim_end()
            ),
        });
    }
    None
}

/// serde-saphyr's error on `text`, in Vietnamese, at its place.
pub(super) fn explain(text: &str, e: &Error) -> YamlError {
    let pos = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Pos::new(l.line() as u32, l.column() as u32));
    let seen = |p: Pos| {
        odd_space(text, p)
            .or_else(|| stray_sign(text, p))
            .or_else(|| colon_without_space(text, p))
    };
    if let Some(said) = pos.and_then(seen) {
        return said;
    }
    // serde-saphyr checks types as it reads, so a text value opened with
    // `[` and never closed is "not a text" before the parser reaches the
    // missing `]`: the syntax error, when there is one, says what to fix.
    if !is_parser_error(e) {
        if let Some(syntax) = first_syntax_error(text) {
            return syntax;
        }
    }
    let (message, hint) = pos
        .and_then(|p| by_kind(text, p, e))
        .unwrap_or_else(|| translate(&plain(e)));
    let pos = pos.map(|p| better_pos(text, p, e));
    YamlError { pos, message, hint }
}

fn is_parser_error(e: &Error) -> bool {
    matches!(
        e.without_snippet(),
        Error::ExternalMessage { .. }
            | Error::UnknownAnchor { .. }
            | Error::MultipleDocuments { .. }
    )
}

/// The parser's first error in the text, explained, if it has one.
fn first_syntax_error(text: &str) -> Option<YamlError> {
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next()? {
            Ok(_) => continue,
            Err(scan) => {
                let m = scan.marker();
                let pos = Pos::new(m.line() as u32, m.col() as u32 + 1);
                let (message, hint) = by_parser_kind(text, pos, scan.kind())?;
                return Some(YamlError {
                    pos: Some(better_parser_pos(text, pos, scan.kind())),
                    message,
                    hint,
                });
            }
        }
    }
}

/// The place to point at, when serde-saphyr's is near it but not on it.
fn better_pos(text: &str, pos: Pos, e: &Error) -> Pos {
    match e.without_snippet() {
        Error::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => better_parser_pos(text, pos, scan.kind()),
            _ => pos,
        },
        // At the key `was`: point at its value.
        Error::SerdeInvalidType { expected, .. } if expected == super::ONE_OR_LIST => {
            let Some(l) = line(text, pos.line) else {
                return pos;
            };
            let rest: String = l.chars().skip(pos.col.saturating_sub(1) as usize).collect();
            match rest.split_once(": ") {
                Some((key, value)) if !key.contains(' ') && !value.trim().is_empty() => {
                    let skipped =
                        key.chars().count() + 2 + (value.len() - value.trim_start().len());
                    Pos::new(pos.line, pos.col + skipped as u32)
                }
                _ => pos,
            }
        }
        _ => pos,
    }
}

fn better_parser_pos(text: &str, pos: Pos, kind: &ErrorKind) -> Pos {
    match kind {
        // At the opening quote: point at the backslash.
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape => {
            let rest = value_from(text, pos);
            match rest.chars().position(|c| c == '\\') {
                Some(i) => Pos::new(pos.line, pos.col + i as u32),
                None => pos,
            }
        }
        ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::InvalidIndentation
        | ErrorKind::ExpectedDocumentStart => match first_indented(text, pos) {
            Some(n) => Pos::new(n, 1),
            None => pos,
        },
        _ => pos,
    }
}

/// The first content line, when it is indented and the line at `pos` is
/// less so: every key after it at the margin is then refused.
fn first_indented(text: &str, pos: Pos) -> Option<u32> {
    let this = line(text, pos.line)?;
    let (n, first) = (1..=pos.line)
        .filter_map(|k| line(text, k).map(|l| (k, l)))
        .find(|(_, l)| {
            !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---"
        })?;
    (indent(first) > 0 && indent(this) < indent(first)).then_some(n)
}

/// The error's text without serde-saphyr's " at line L, column C" (we print
/// the place ourselves): only ever matched, never shown.
fn plain(e: &Error) -> String {
    let raw = e.without_snippet().to_string();
    match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    }
}

fn pair(message: impl Into<String>, hint: impl Into<String>) -> Option<(String, String)> {
    Some((message.into(), hint.into()))
}

/// The errors serde-saphyr and its parser tell apart, and that officers make.
fn by_kind(text: &str, pos: Pos, e: &Error) -> Option<(String, String)> {
    match e.without_snippet() {
        Error::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => by_parser_kind(text, pos, scan.kind()),
            _ => None,
        },
        Error::AliasError { error, .. } => by_kind(text, pos, error),
        Error::UnknownAnchor { .. } => {
            let value = value_from(text, pos);
            let word = value.split_whitespace().next().unwrap_or("*");
            pair(
                format!("Giá trị bắt đầu bằng dấu *: YAML hiểu \"{word}\" là tên một bí danh (alias), nhưng không có bí danh nào tên như vậy."),
                quote_hint(&value),
            )
        }
        Error::NullIntoString { .. } => pair(
            "Có một mục trống (dấu - hoặc dấu phẩy không có chữ theo sau) trong danh sách.",
            "Xóa mục trống đó, hoặc ghi nội dung cho nó.",
        ),
        Error::TaggedScalarCannotDeserializeIntoString { .. } => {
            let value = value_of_line(text, pos);
            pair(
                "Giá trị có dấu ! ở đầu: YAML hiểu chữ sau dấu ! là một thẻ kiểu (tag).",
                quote_hint(&value),
            )
        }
        Error::InvalidBooleanStrict { .. } => bool_message(),
        Error::InvalidScalar { ty, .. } if *ty == "boolean" => bool_message(),
        Error::InvalidScalar { ty, .. } if ty.starts_with('i') || ty.starts_with('u') => {
            let value = value_from(text, pos);
            let digits = value.trim().trim_start_matches(['-', '+']);
            match !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                true => pair(
                    format!("Số {} quá lớn.", value.trim()),
                    "Viết một số nhỏ hơn, ví dụ order: 2 (order chỉ dùng để xếp thứ tự).",
                ),
                false => pair(
                    "Giá trị ở đây phải là một số nguyên.",
                    "Viết một số, ví dụ order: 2.",
                ),
            }
        }
        Error::SerdeInvalidType { expected, .. } if expected == super::ONE_OR_LIST => pair(
            "`was` phải là một nhóm khóa ghi giá trị cũ (date, time, place), không phải một ngày viết thẳng.",
            "Viết trong ngoặc nhọn, ví dụ was: {date: 01/12/2022}; đổi nhiều lần thì was: [{date: 01/12/2022}, {time: 14h}] (xem docs/dinh-dang.md, phần buổi thay đổi).",
        ),
        Error::SerdeInvalidType { expected, .. } if expected == super::TEXT_OR_LIST => pair(
            "Giá trị ở đây phải là chữ, hoặc một danh sách chữ.",
            "Viết chữ ngay sau dấu hai chấm, hoặc danh sách [mục 1, mục 2].",
        ),
        Error::Eof { .. } => pair(
            "Tệp kết thúc giữa chừng: có ngoặc hoặc dấu ngoặc kép mở mà chưa đóng.",
            "Tìm dấu \" ' [ hoặc { chưa đóng và thêm dấu đóng cho nó.",
        ),
        _ => None,
    }
}

fn bool_message() -> Option<(String, String)> {
    pair(
        "Giá trị ở đây chỉ nhận true (có) hoặc false (không).",
        "Viết bằng chữ tiếng Anh, ví dụ draft: true (bài nháp, chưa đăng) hoặc draft: false.",
    )
}

fn by_parser_kind(text: &str, pos: Pos, kind: &ErrorKind) -> Option<(String, String)> {
    let here = char_at(text, pos);
    match kind {
        ErrorKind::UnexpectedCharacter { character } => unexpected_char(text, pos, *character),
        ErrorKind::InvalidBlockScalarHeader | ErrorKind::ZeroBlockScalarIndent => {
            let sign = here.unwrap_or('|');
            pair(
                format!("Giá trị bắt đầu bằng dấu {sign}: YAML hiểu đây là dấu mở một đoạn nhiều dòng, nên chữ sau nó phải xuống dòng."),
                quote_hint(&value_from(text, pos)),
            )
        }
        ErrorKind::BlockSequenceEntryNotAllowed | ErrorKind::PlainScalarStartsWithDashFlowIndicator
            if written_after_key(text, pos) =>
        {
            pair(
                "Giá trị bắt đầu bằng \"- \": YAML hiểu đây là một mục danh sách, mà mục danh sách không viết trên cùng dòng với khóa.",
                quote_hint(&value_from(text, pos)),
            )
        }
        ErrorKind::MappingKeyNotAllowed if here == Some('?') => pair(
            "Giá trị bắt đầu bằng \"? \": YAML dành dấu này cho việc khác.",
            quote_hint(&value_from(text, pos)),
        ),
        ErrorKind::InvalidTrailingDoubleQuotedScalar | ErrorKind::InvalidTrailingSingleQuotedScalar => {
            let quote = match kind {
                ErrorKind::InvalidTrailingSingleQuotedScalar => "ngoặc đơn",
                _ => "ngoặc kép",
            };
            pair(
                format!("Sau dấu {quote} đóng vẫn còn chữ: dấu ngoặc chỉ được bao cả giá trị, từ đầu đến cuối."),
                quote_hint(&value_of_line(text, pos)),
            )
        }
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => {
            let value = value_from(text, pos);
            let inner = value.trim().trim_start_matches('"');
            let inner = inner.rsplit_once('"').map_or(inner, |(v, _)| v);
            pair(
                "Trong dấu ngoặc kép, dấu \\ mở đầu một mã đặc biệt (như \\n là xuống dòng), nên YAML không đọc được giá trị có dấu \\ như thế này.",
                escape_hint(inner),
            )
        }
        ErrorKind::UnclosedQuotedScalar => match here {
            Some('\'') => pair(
                "Thiếu dấu ngoặc đơn đóng (').",
                "Mỗi giá trị mở bằng ' phải đóng bằng ' trên cùng dòng, hoặc bỏ dấu ' ở đầu.",
            ),
            _ => pair(
                "Thiếu dấu ngoặc kép đóng.",
                "Mỗi giá trị mở bằng \" phải đóng bằng \" trên cùng dòng.",
            ),
        },
        ErrorKind::BomInsideDocument => pair(
            "Giữa tệp có một ký tự BOM (U+FEFF) không nhìn thấy được, thường do dán nối hai tệp với nhau.",
            "Đặt con trỏ ở đầu dòng này, bấm Delete một lần (ký tự vô hình bị xóa, chữ không đổi), rồi lưu lại.",
        ),
        ErrorKind::UnclosedFlowCollection { open } => {
            let close = if *open == '[' { ']' } else { '}' };
            let written = line(text, pos.line).unwrap_or_default().trim();
            let written = written.strip_prefix("- ").unwrap_or(written);
            pair(
                format!("Dấu {open} mở ở đây chưa được đóng bằng dấu {close}."),
                format!("Thêm dấu {close} ở cuối, trên cùng dòng: {written}{close}. Nếu dấu {open} là một phần của chữ, đặt cả giá trị trong dấu ngoặc kép."),
            )
        }
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => pair(
            format!("Dấu {open} lại được đóng bằng dấu {close}."),
            "Mở bằng [ thì đóng bằng ], mở bằng { thì đóng bằng }.",
        ),
        ErrorKind::MisplacedFlowCollectionEnd => pair(
            format!("Dấu {} ở đây thừa: không có dấu mở nào tương ứng.", here.unwrap_or(']')),
            "Xóa dấu thừa, hoặc đặt cả giá trị trong dấu ngoặc kép nếu đó là chữ.",
        ),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::ExpectedFlowSequenceSeparator
            if here == Some(',') =>
        {
            pair(
                "Có hai dấu phẩy liền nhau (một mục trống) trong ngoặc [ ] hoặc { }.",
                "Xóa một dấu phẩy; nếu dấu phẩy là một phần của chữ, đặt chữ đó trong dấu ngoặc kép.",
            )
        }
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping => pair(
            "Dấu [ hoặc { mở mà chưa được đóng.",
            "Đóng bằng ] hoặc } trên cùng dòng; nếu dấu đó là một phần của chữ, đặt cả giá trị trong dấu ngoặc kép.",
        ),
        ErrorKind::BlockEntryInFlowCollection => pair(
            "Trong ngoặc [ ] hoặc { } không viết dấu - trước mục: các mục chỉ ngăn nhau bằng dấu phẩy.",
            "Xóa dấu - ở đây, ví dụ services: [Đăng ký mức 2, Kích hoạt]; nếu dấu - là một phần của chữ, đặt mục đó trong dấu ngoặc kép.",
        ),
        ErrorKind::SimpleKeyExpected => {
            let written = line(text, pos.line).unwrap_or_default().trim();
            let written = written.trim_start_matches("- ");
            pair(
                format!("Dòng \"{written}\" thiếu dấu hai chấm sau tên khóa."),
                format!("Viết tên khóa rồi dấu hai chấm, ví dụ {written}: (giá trị viết sau dấu hai chấm, hoặc các mục ở các dòng dưới)."),
            )
        }
        ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::InvalidIndentation
        | ErrorKind::ExpectedDocumentStart => indentation(text, pos),
        ErrorKind::TabInIndentation | ErrorKind::TabInBlockIndentation | ErrorKind::TabNotAllowed => pair(
            "Có ký tự Tab trong phần thụt lề.",
            "YAML chỉ nhận dấu cách để thụt lề: thay Tab bằng hai dấu cách.",
        ),
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidMappingValueWhitespace => pair(
            "Có dấu hai chấm \": \" bên trong một giá trị.",
            "Đặt cả giá trị trong ngoặc kép, ví dụ note: \"Giờ làm việc: 7h30\".",
        ),
        ErrorKind::RecursionLimitExceeded => pair(
            "Tệp lồng nhau quá sâu (quá nhiều cấp thụt lề hoặc dấu [ {).",
            "Một tệp lịch bình thường chỉ lồng hai, ba cấp: kiểm tra dấu [ hoặc { thừa, hoặc phần bị dán lặp.",
        ),
        _ => None,
    }
}

/// Whether the text before `pos` on its line is a `key:` (the value was
/// written on the key's line), not only indentation.
fn written_after_key(text: &str, pos: Pos) -> bool {
    line(text, pos.line).is_some_and(|l| {
        let before: String = l.chars().take(pos.col.saturating_sub(1) as usize).collect();
        before.trim_end().ends_with(':')
    })
}

fn unexpected_char(text: &str, pos: Pos, c: char) -> Option<(String, String)> {
    if c.is_control() || c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}') {
        return pair(
            format!(
                "Có một ký tự điều khiển không nhìn thấy được (mã U+{:04X}) ở cột {}, thường do chép từ Word hay trang web.",
                c as u32, pos.col
            ),
            "Xóa ký tự đó: đặt con trỏ ngay sau chữ cuối cùng trước nó và bấm Delete, hoặc gõ lại dòng này.",
        );
    }
    let value = match written_after_key(text, pos) {
        true => value_from(text, pos),
        false => value_of_line(text, pos),
    };
    pair(
        format!("Giá trị không được bắt đầu bằng dấu {c}: YAML dành dấu này cho việc khác."),
        quote_hint(&value),
    )
}

/// A line indented unlike the lines of its group: says by how much when the
/// line above shows what was meant.
fn indentation(text: &str, pos: Pos) -> Option<(String, String)> {
    let this = line(text, pos.line)?;
    let above = line_above(text, pos.line);
    if let Some(first) = first_indented(text, pos).and_then(|n| line(text, n)) {
        return pair(
            format!("Dòng đầu tiên (\"{}\") bắt đầu bằng dấu cách: các khóa ngoài cùng phải viết sát lề trái.", first.trim()),
            "Xóa các dấu cách ở đầu dòng này.",
        );
    }
    let Some(above) = above else {
        return pair("Dòng này thụt lề không đúng.", INDENT_RULE);
    };
    let here = indent(this);
    // Where the keys of the item above start: after its "- ".
    let keys_above = match above.trim_start().strip_prefix("- ") {
        Some(rest) => above.len() - rest.len(),
        None => indent(above),
    };
    let dash_here = this.trim_start().starts_with("- ");
    match (dash_here, above.trim_start().starts_with("- ")) {
        (false, _) if here != keys_above && here.abs_diff(keys_above) <= 2 => pair(
            format!("Dòng này thụt lề {here} dấu cách, còn khóa ở dòng trên thụt {keys_above}: các khóa của cùng một mục phải thẳng cột."),
            format!("{}. {INDENT_RULE}", spaces(keys_above)),
        ),
        (true, _) => {
            // The item before it: the nearest line above starting with "- ".
            let dash_above = (1..pos.line)
                .rev()
                .filter_map(|k| line(text, k))
                .find(|l| l.trim_start().starts_with("- "))
                .map(indent);
            match dash_above.filter(|d| *d != here) {
                Some(d) => pair(
                    format!("Mục mới của danh sách (dòng bắt đầu bằng \"- \") thụt lề {here} dấu cách, còn dấu - của mục trước thụt {d}."),
                    format!("{}, cho dấu - thẳng cột với dấu - của mục trước.", spaces(d)),
                ),
                None => pair("Dòng này thụt lề không đúng.", INDENT_RULE),
            }
        }
        _ => pair("Dòng này thụt lề không đúng.", INDENT_RULE),
    }
}

/// "Indent this line by n spaces", or "write it at the margin".
fn spaces(n: usize) -> String {
    match n {
        0 => "Xóa các dấu cách ở đầu dòng này (viết sát lề trái)".to_string(),
        n => format!("Sửa đầu dòng này thành đúng {n} dấu cách"),
    }
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let len = s[start..].find(close)?;
    Some(&s[start..start + len])
}

/// (message, hint) in Vietnamese for a serde-saphyr / serde error text that
/// `by_kind` does not tell apart (serde's own messages carry their parts
/// only in text). Never returns the English.
pub(super) fn translate(msg: &str) -> (String, String) {
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
    if msg.contains("unclosed quote") {
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
    // Budget breaches only: an unknown alias is told apart by `by_kind`.
    if msg.contains("Aliases {") || msg.contains("Anchors {") || msg.contains("(defined at") {
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
            "Giá trị ở đây không đúng dạng bangtin cần (chữ, số, danh sách hay nhóm khóa).".to_string(),
            "So sánh dòng này với mẫu cùng khóa trong docs/dinh-dang.md: cùng thụt lề, cùng dạng giá trị.".to_string(),
        );
    }
    (
        "Tệp YAML viết sai cách ở chỗ này.".to_string(),
        SYNTAX_HINT.to_string(),
    )
}
