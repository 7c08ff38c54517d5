//! A fast reader for the one YAML shape that grows with a campaign: a mapping
//! of lists of flat records (`sessions: [{hamlet: …, date: …}, …]`). A
//! province's schedules are 90% of its YAML bytes, and serde-saphyr reads them
//! at ~30 MB/s; walking granit-parser's events (the parser serde-saphyr itself
//! runs on) reads the same records twice as fast.
//!
//! It reads only the plain case and gives up (`None`) on everything else:
//! anchors, aliases, tags, backslashes in double quotes, directives, unknown
//! or repeated keys, nested values, scalars that serde would type, parse
//! errors, or a size past serde-saphyr's budget. The caller then reads the file with serde-saphyr, so
//! every error message and every unusual construct keeps serde-saphyr's
//! meaning. `load::schedule`'s tests check that both readers agree.
//!
//! `read_flat` reads the other shape read thousands of times: a flat mapping
//! of scalars (a guide's front matter), by the same rules
//! (`load::document`'s tests check it agrees).

use std::borrow::Cow;

// serde-saphyr's own copy of its parser: always the version it runs on.
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle, Span};

use super::{Spanned, TextList};
use crate::diagnostics::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `Option<Spanned<String>>`
    Text,
    /// `Option<TextList>`: one text or a list of texts.
    TextList,
    /// `Option<Vec<Spanned<…>>>`: a list of flat records of this shape
    /// (a point's `contacts`, a mobile point's `route`).
    Records(&'static ListShape),
}

/// One top-level key holding a list of records, and the keys a record may have.
#[derive(Debug, PartialEq, Eq)]
pub struct ListShape {
    pub key: &'static str,
    pub fields: &'static [(&'static str, FieldKind)],
}

#[derive(Debug)]
enum Value {
    Text(Spanned<String>),
    List(TextList),
    Records(Vec<Record>),
}

/// One record: where its mapping starts, and the value of each field of its
/// shape (None when absent or null).
#[derive(Debug)]
pub struct Record {
    pub pos: Pos,
    shape: &'static ListShape,
    values: Vec<Option<Value>>,
}

impl Record {
    fn index(&self, key: &str) -> usize {
        self.shape
            .fields
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| panic!("`{key}` is not a field of `{}`", self.shape.key))
    }

    /// The value of a `FieldKind::Text` field.
    pub fn text(&mut self, key: &str) -> Option<Spanned<String>> {
        let i = self.index(key);
        match self.values[i].take() {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The value of a `FieldKind::TextList` field.
    pub fn list(&mut self, key: &str) -> Option<TextList> {
        let i = self.index(key);
        match self.values[i].take() {
            Some(Value::List(l)) => Some(l),
            _ => None,
        }
    }

    /// The records of a `FieldKind::Records` field.
    pub fn records(&mut self, key: &str) -> Option<Vec<Record>> {
        let i = self.index(key);
        match self.values[i].take() {
            Some(Value::Records(r)) => Some(r),
            _ => None,
        }
    }
}

/// The records of each list of `shape`, in shape order (None for a list whose
/// key is absent or null), or None when the text is not the plain case.
pub fn read_records(text: &str, shape: &'static [ListShape]) -> Option<Vec<Option<Vec<Record>>>> {
    Reader::new(text).document(shape)
}

/// The kind of one key of a flat mapping of scalars (a guide's front matter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// `Option<Spanned<String>>`
    Text,
    /// `Option<Spanned<i64>>`: a plain decimal integer only.
    Int,
    /// `Option<bool>`: plain `true` or `false` only.
    Bool,
}

/// One value of a flat mapping, as its `ScalarKind` says.
#[derive(Debug, PartialEq)]
pub enum Scalar {
    Text(Spanned<String>),
    Int(Spanned<i64>),
    Bool(bool),
}

/// The value of each key of `fields`, in `fields` order (None when absent or
/// null), when `text` is a flat mapping of plain scalars with only those keys;
/// None otherwise (the caller then reads it with serde-saphyr). Ten thousand
/// guides' front matters cost serde-saphyr's setup ten thousand times.
pub fn read_flat(text: &str, fields: &[(&str, ScalarKind)]) -> Option<Vec<Option<Scalar>>> {
    let mut reader = Reader::new(text);
    reader.open()?;
    let mut values: Vec<Option<Scalar>> = fields.iter().map(|_| None).collect();
    let mut seen = vec![false; fields.len()];
    while let Some(i) = reader.key(fields.iter().map(|(k, _)| *k), &mut seen)? {
        let Ev::Scalar(value, style, pos) = reader.next()? else {
            return None;
        };
        if is_null(&value, style) {
            continue;
        }
        values[i] = Some(match fields[i].1 {
            ScalarKind::Text => Scalar::Text(Spanned {
                value: value.into_owned(),
                pos,
            }),
            ScalarKind::Int if style == ScalarStyle::Plain => Scalar::Int(Spanned {
                value: plain_decimal(&value)?,
                pos,
            }),
            ScalarKind::Bool if style == ScalarStyle::Plain => match &*value {
                "true" => Scalar::Bool(true),
                "false" => Scalar::Bool(false),
                _ => return None,
            },
            _ => return None,
        });
    }
    reader.close()?;
    Some(values)
}

/// `0`, `12`, `-3`: what any YAML reader takes as that integer. Signs, leading
/// zeros, underscores, other bases and anything past 18 digits are left to
/// serde-saphyr.
fn plain_decimal(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0";
    plain.then(|| text.parse().ok()).flatten()
}

struct Reader<'a> {
    text: &'a str,
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    nodes: usize,
    scalar_bytes: usize,
    /// Past serde-saphyr's default budget (what `yaml::from_str` uses), we
    /// let serde-saphyr refuse the file.
    max_nodes: usize,
    max_scalar_bytes: usize,
}

/// The pieces of one parser event the reader looks at. Anything with an
/// anchor or a tag is `Other`.
enum Ev<'a> {
    MapStart(Pos),
    MapEnd,
    SeqStart,
    SeqEnd,
    Scalar(Cow<'a, str>, ScalarStyle, Pos),
    Other,
}

fn pos_of(span: &Span) -> Pos {
    // serde-saphyr reports the event's start, with a 1-based column.
    Pos::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

/// A plain scalar serde-saphyr reads as null (`Option` → None).
fn is_null(value: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        let budget = serde_saphyr::Budget::default();
        Reader {
            // The parser options serde-saphyr derives from its default budget
            // are the parser's defaults (lookahead 1024, nesting 255).
            parser: Parser::new_from_str(text),
            text,
            nodes: 0,
            scalar_bytes: 0,
            max_nodes: budget.max_nodes,
            max_scalar_bytes: budget.max_total_scalar_bytes,
        }
    }

    /// The next event, or None at a parse error or past the budget.
    fn next(&mut self) -> Option<Ev<'a>> {
        let (event, span) = self.parser.next()?.ok()?;
        let ev = match event {
            Event::MappingStart(_, 0, None) => Ev::MapStart(pos_of(&span)),
            Event::MappingEnd => Ev::MapEnd,
            Event::SequenceStart(_, 0, None) => Ev::SeqStart,
            Event::SequenceEnd => Ev::SeqEnd,
            // A backslash in double quotes may be an escape the officer did
            // not mean (`"D:\Lich"`): `yaml::from_str` refuses those.
            Event::Scalar(_, ScalarStyle::DoubleQuoted, _, _) if self.escaped(&span) => {
                return None
            }
            Event::Scalar(value, style, 0, None) => {
                self.scalar_bytes += value.len();
                Ev::Scalar(value, style, pos_of(&span))
            }
            _ => Ev::Other,
        };
        if matches!(ev, Ev::MapStart(_) | Ev::SeqStart | Ev::Scalar(..)) {
            self.nodes += 1;
        }
        (self.nodes <= self.max_nodes && self.scalar_bytes <= self.max_scalar_bytes).then_some(ev)
    }

    /// Whether the source of a scalar holds a backslash.
    fn escaped(&self, span: &Span) -> bool {
        let (Some(start), Some(end)) = (span.start.byte_offset(), span.end.byte_offset()) else {
            return true;
        };
        self.text
            .get(start..end)
            .is_none_or(|raw| raw.contains('\\'))
    }

    fn expect(&mut self, want: fn(&Ev) -> bool) -> Option<()> {
        want(&self.next()?).then_some(())
    }

    /// For the stream and document events, which carry no anchor or tag.
    fn expect_raw(&mut self, want: fn(&Event) -> bool) -> Option<()> {
        want(&self.parser.next()?.ok()?.0).then_some(())
    }

    /// The stream's one document, opening with a mapping; `close` ends it.
    fn open(&mut self) -> Option<()> {
        // A `%YAML` directive is left to serde-saphyr (2.1.1 ignores it; a
        // later version may not).
        self.expect_raw(|e| matches!(e, Event::StreamStart))?;
        self.expect_raw(|e| matches!(e, Event::DocumentStart(_, None)))?;
        self.expect(|e| matches!(e, Ev::MapStart(_)))
    }

    fn close(&mut self) -> Option<()> {
        self.expect_raw(|e| matches!(e, Event::DocumentEnd))?;
        self.expect_raw(|e| matches!(e, Event::StreamEnd))
    }

    /// The next key of a mapping, as its place among `keys`; Some(None) at
    /// the mapping's end. None for a key not among them, one already `seen`,
    /// or anything but text.
    fn key<'k>(
        &mut self,
        mut keys: impl Iterator<Item = &'k str>,
        seen: &mut [bool],
    ) -> Option<Option<usize>> {
        let key = match self.next()? {
            Ev::MapEnd => return Some(None),
            Ev::Scalar(key, style, _) if !is_null(&key, style) => key,
            _ => return None,
        };
        let i = keys.position(|k| k == key)?;
        (!std::mem::replace(seen.get_mut(i)?, true)).then_some(Some(i))
    }

    fn document(mut self, shape: &'static [ListShape]) -> Option<Vec<Option<Vec<Record>>>> {
        self.open()?;
        let mut lists: Vec<Option<Vec<Record>>> = shape.iter().map(|_| None).collect();
        let mut seen = vec![false; shape.len()];
        while let Some(i) = self.key(shape.iter().map(|l| l.key), &mut seen)? {
            lists[i] = match self.next()? {
                Ev::SeqStart => Some(self.records(&shape[i])?),
                Ev::Scalar(v, style, _) if is_null(&v, style) => None,
                _ => return None,
            };
        }
        self.close()?;
        Some(lists)
    }

    fn records(&mut self, shape: &'static ListShape) -> Option<Vec<Record>> {
        let mut records = Vec::new();
        loop {
            let pos = match self.next()? {
                Ev::SeqEnd => return Some(records),
                Ev::MapStart(pos) => pos,
                _ => return None,
            };
            records.push(self.record(shape, pos)?);
        }
    }

    fn record(&mut self, shape: &'static ListShape, pos: Pos) -> Option<Record> {
        let mut values: Vec<Option<Value>> = shape.fields.iter().map(|_| None).collect();
        let mut seen = vec![false; shape.fields.len()];
        while let Some(i) = self.key(shape.fields.iter().map(|(k, _)| *k), &mut seen)? {
            values[i] = match shape.fields[i].1 {
                FieldKind::Text => self.text()?,
                FieldKind::TextList => self.text_list()?,
                FieldKind::Records(inner) => match self.next()? {
                    Ev::SeqStart => Some(Value::Records(self.records(inner)?)),
                    Ev::Scalar(v, style, _) if is_null(&v, style) => None,
                    _ => return None,
                },
            };
        }
        Some(Record { pos, shape, values })
    }

    /// Any non-null scalar is its text, as serde-saphyr gives it to a String.
    fn text(&mut self) -> Option<Option<Value>> {
        match self.next()? {
            Ev::Scalar(v, style, _) if is_null(&v, style) => Some(None),
            Ev::Scalar(v, _, pos) => Some(Some(Value::Text(Spanned {
                value: v.into_owned(),
                pos,
            }))),
            _ => None,
        }
    }

    fn text_list(&mut self) -> Option<Option<Value>> {
        match self.next()? {
            Ev::Scalar(v, style, _) if is_null(&v, style) => Some(None),
            // serde-saphyr types a plain scalar before TextList sees it (a
            // bool, a number): only text that cannot be one is read here.
            Ev::Scalar(v, style, _) if style != ScalarStyle::Plain || !v.is_ascii() => {
                Some(Some(Value::List(TextList(vec![v.into_owned()]))))
            }
            Ev::SeqStart => {
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        Ev::SeqEnd => return Some(Some(Value::List(TextList(items)))),
                        Ev::Scalar(v, style, _) if !is_null(&v, style) => {
                            items.push(v.into_owned())
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }
}
