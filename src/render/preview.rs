//! Preview images (`chia-se/<tuần hoặc thôn>/anh.png`): a 1200×630 PNG per
//! week and per hamlet with sessions, summarising them, which the pages name
//! as `og:image` so a link pasted into Zalo or Facebook shows the schedule.
//! Drawn as SVG and rasterised in-process by resvg with the bundled Noto Sans
//! (every Vietnamese letter; `assets/fonts/`), so no browser and no system
//! font is needed and every machine draws the same image.

use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use resvg::{tiny_skia, usvg};

use crate::diagnostics::{Diagnostic, Message};
use crate::model::{ContactRole, Content, HamletId, SessionId};
use crate::plan::{self, Plan, Subject, WeekId};
use crate::vi::calendar::format_time_range;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Noto Sans cut to Latin and Vietnamese (see `assets/fonts/README.md`): 46 KB
/// each instead of 510 KB.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular-vi.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold-vi.ttf");
const FAMILY: &str = "Noto Sans";

/// Left and right margin; text is cut to fit between them.
const MARGIN: f32 = 60.0;
/// How many sessions an image lists; the page has the rest.
const ROWS: usize = 5;

const BRAND: &str = "#8a1c1c";
const INK: &str = "#1b1b1b";
const MUTED: &str = "#4a4a4a";
const SOFT: &str = "#f3f1ec";

/// The fonts, loaded once per build and shared by every image.
pub struct Painter {
    options: usvg::Options<'static>,
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Painter {
    pub fn new() -> Painter {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        let options = usvg::Options {
            font_family: FAMILY.into(),
            languages: vec!["vi".into()],
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        // The bundled fonts are known good: a test parses them.
        let face = |data| ttf_parser::Face::parse(data, 0).expect("bundled font");
        Painter {
            options,
            regular: face(REGULAR),
            bold: face(BOLD),
        }
    }

    /// Width of `text` at `size` px, from the font's advances (no kerning,
    /// which only ever narrows Noto Sans a little).
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// `text` cut at a word with "…" so it fits in `max` px.
    fn fit(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        if self.width(text, size, bold) <= max {
            return text.to_string();
        }
        let mut cut = text.to_string();
        while !cut.is_empty() {
            // Drop the last word (or, for one long word, the last letter).
            match cut.trim_end().rfind(' ') {
                Some(i) if i > 0 => cut.truncate(i),
                _ => {
                    cut.pop();
                }
            }
            let candidate = format!("{}…", cut.trim_end_matches([' ', ',', ':', '–', '-']));
            if self.width(&candidate, size, bold) <= max {
                return candidate;
            }
        }
        "…".into()
    }

    /// The PNG of a summary; None only if resvg refuses the SVG we wrote (a bug).
    pub fn png(&self, summary: &Summary) -> Option<Vec<u8>> {
        let svg = self.svg(summary);
        let tree = usvg::Tree::from_str(&svg, &self.options).ok()?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        encode(pixmap.data())
    }

    pub fn svg(&self, s: &Summary) -> String {
        let max = WIDTH as f32 - 2.0 * MARGIN;
        let mut svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FAMILY}"><rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/><rect width="{WIDTH}" height="150" fill="{BRAND}"/>"##
        );
        let out = &mut svg;
        let white = "#fff";
        text(
            out,
            (MARGIN, 68.0),
            (40.0, true),
            white,
            &self.fit(&s.authority, 40.0, true, max),
        );
        text(
            out,
            (MARGIN, 118.0),
            (30.0, false),
            white,
            &self.fit(&s.campaign, 30.0, false, max),
        );
        text(
            out,
            (MARGIN, 222.0),
            (50.0, true),
            INK,
            &self.fit(&s.title, 50.0, true, max),
        );
        let day_width = s
            .rows
            .iter()
            .map(|r| self.width(&r.day, 34.0, true))
            .fold(0.0, f32::max);
        let mut y = 292.0;
        for row in s.rows.iter().take(ROWS) {
            text(out, (MARGIN, y), (34.0, true), BRAND, &row.day);
            let x = MARGIN + day_width + 24.0;
            let what = self.fit(&row.what, 34.0, false, max - day_width - 24.0);
            text(out, (x, y), (34.0, false), INK, &what);
            y += 50.0;
        }
        if s.rows.is_empty() {
            text(
                out,
                (MARGIN, y),
                (34.0, false),
                MUTED,
                "Hiện chưa có buổi sắp tới.",
            );
        } else if s.rows.len() > ROWS {
            let more = format!("… và {} buổi khác", s.rows.len() - ROWS);
            text(out, (MARGIN, y), (30.0, false), MUTED, &more);
        }
        let _ = write!(
            out,
            r#"<rect y="560" width="{WIDTH}" height="70" fill="{SOFT}"/>"#
        );
        text(
            out,
            (MARGIN, 606.0),
            (28.0, false),
            MUTED,
            &self.fit(&s.footer, 28.0, false, max),
        );
        svg.push_str("</svg>");
        svg
    }
}

/// One line of text at (x, baseline y), (size, bold).
fn text(svg: &mut String, (x, y): (f32, f32), (size, bold): (f32, bool), fill: &str, t: &str) {
    let weight = if bold { 700 } else { 400 };
    let _ = write!(
        svg,
        r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}">{}</text>"#,
        escape(t)
    );
}

impl Default for Painter {
    fn default() -> Self {
        Painter::new()
    }
}

/// An opaque RGBA image as PNG. Flat colours and anti-aliased text come to
/// about a hundred colours, so the image is written with a palette, one byte a
/// pixel: 66 KB in 2 ms, where tiny-skia's RGBA PNG was 288 KB, and a
/// smaller RGB one took 40 ms to compress. More than 256 colours (never seen)
/// falls back to RGB.
fn encode(rgba: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Up);
    let data = match palette(rgba) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgba.chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect()
        }
    };
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&data).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// The colours of an opaque RGBA image (as RGB triples) and each pixel's
/// index among them; None past 256 colours. A small open-addressing table,
/// looked up only when the colour changes along a row.
fn palette(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    const SLOTS: usize = 1024;
    const EMPTY: u32 = u32::MAX;
    let mut keys = [EMPTY; SLOTS];
    let mut values = [0u8; SLOTS];
    let mut palette: Vec<u8> = Vec::with_capacity(256 * 3);
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    let mut last = (EMPTY, 0u8);
    for px in rgba.chunks_exact(4) {
        let key = u32::from_le_bytes([px[0], px[1], px[2], 0]);
        if key != last.0 {
            let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
            while keys[slot] != key {
                if keys[slot] == EMPTY {
                    let index = u8::try_from(palette.len() / 3).ok()?;
                    keys[slot] = key;
                    values[slot] = index;
                    palette.extend_from_slice(&px[..3]);
                    break;
                }
                slot = (slot + 1) % SLOTS;
            }
            last = (key, values[slot]);
        }
        indices.push(last.1);
    }
    Some((palette, indices))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// What one image says, as plain text.
pub struct Summary {
    pub authority: String,
    pub campaign: String,
    pub title: String,
    pub rows: Vec<Row>,
    pub footer: String,
}

pub struct Row {
    /// "T3 29/11"
    pub day: String,
    /// "19:00–21:30 · thôn Đông Lão · Nhà văn hóa thôn"
    pub what: String,
}

/// "T3", "CN": the weekday as calendars print it.
fn weekday_short(date: NaiveDate) -> &'static str {
    match date.weekday().num_days_from_monday() {
        0 => "T2",
        1 => "T3",
        2 => "T4",
        3 => "T5",
        4 => "T6",
        5 => "T7",
        _ => "CN",
    }
}

/// What the image of a week or of a hamlet says: the sessions people can come
/// to (cancelled and postponed ones left out, as in the texts to share); a
/// hamlet's from `today` on.
pub fn summary(content: &Content, plan: &Plan, target: Subject, today: NaiveDate) -> Summary {
    let site = &content.site;
    let picked = super::share::sessions(content, plan, target, today);
    let ids: Vec<SessionId> = picked.iter().map(|&(i, _)| i).collect();
    // A week's mobile-team stops among its sessions, the team in the hamlet's place.
    let stops = super::share::stops(content, plan, target);
    let rows = super::stops::merged(content, &ids, &stops)
        .into_iter()
        .filter_map(|item| {
            let (i, h) = match item {
                super::stops::Item::Session(i) => (i, plan.hamlet_of(i)?),
                super::stops::Item::Stop((p, stop)) => return Some(stop_row(p, stop)),
            };
            let s = &content.sessions[i];
            let mut what = match (s.time, s.part_of_day) {
                (Some(t), _) => format_time_range(&t),
                (None, Some(part)) => part.word().to_string(),
                (None, None) => "Cả ngày".into(),
            };
            if matches!(target, Subject::Week(_)) {
                what.push_str(" · ");
                what.push_str(site.hamlets[h].label());
            }
            if let Some(place) = s.place.as_deref().filter(|p| !p.trim().is_empty()) {
                what.push_str(" · ");
                what.push_str(place);
            }
            Some(Row {
                day: day(s.date),
                what,
            })
        })
        .collect();
    let title = match target {
        Subject::Week(w) => {
            let week = plan.week(w);
            format!("Lịch tuần {} ({})", week.number, super::week::range(week))
        }
        Subject::Hamlet(h) => format!("Lịch của {}", super::week::hamlet_name(&site.hamlets[h])),
    };
    // Whom to ask: a hamlet's own contacts first; never an emergency number
    // (113 is not for questions about a schedule).
    let own = match target {
        Subject::Hamlet(h) => site.hamlets[h].contacts.as_slice(),
        Subject::Week(_) => &[],
    };
    let footer = own
        .iter()
        .chain(&site.contacts)
        .filter(|c| c.role() != ContactRole::Emergency)
        .find_map(|c| Some(format!("Hỏi đáp: {} – {}", c.name, c.phone.as_deref()?)))
        .unwrap_or_else(|| site.title.clone());
    Summary {
        authority: site.authority.clone(),
        campaign: site.campaign.name.clone(),
        title,
        rows,
        footer,
    }
}

/// "T3 29/11"
fn day(date: NaiveDate) -> String {
    format!(
        "{} {:02}/{:02}",
        weekday_short(date),
        date.day(),
        date.month()
    )
}

/// A mobile team's stop as a row of a week's image: "Chiều · Tổ lưu động số
/// 1 · Công ty May".
fn stop_row(point: &crate::model::Point, stop: &crate::model::Stop) -> Row {
    let time = match (stop.time, stop.part_of_day) {
        (Some(t), _) => format_time_range(&t),
        (None, Some(part)) => part.word().to_string(),
        (None, None) => "Cả ngày".into(),
    };
    Row {
        day: day(stop.date),
        what: format!("{time} · {} · {}", point.name, stop.place),
    }
}

/// The image's output path for a target (beside its Zalo and SMS texts).
pub fn path(plan: &Plan, target: Subject) -> String {
    plan::image_path(&match target {
        Subject::Week(w) => plan::week_share_dir(plan.week(w)),
        Subject::Hamlet(h) => plan::hamlet_share_dir(plan.hamlet_slug(h)),
    })
}

/// The image's `og:image:alt`: its title.
pub fn alt(content: &Content, plan: &Plan, target: Subject) -> String {
    let site = &content.site;
    match target {
        Subject::Week(w) => {
            let week = plan.week(w);
            format!(
                "Lịch tuần {} ({}), {}",
                week.number,
                super::week::range(week),
                site.authority
            )
        }
        Subject::Hamlet(h) => format!(
            "Lịch của {}, {}",
            super::week::hamlet_name(&site.hamlets[h]),
            site.authority
        ),
    }
}

/// Whether a week or hamlet has an image: only where it can be a link's
/// preview (the site has a `base_url`) and only for what is still to come
/// (a week not yet over, a hamlet with sessions from `today` on): nobody
/// shares a past week, and each image costs about 20 ms to draw.
pub fn is_drawn(content: &Content, plan: &Plan, target: Subject, today: NaiveDate) -> bool {
    if content.site.base_url.is_none() {
        return false;
    }
    match target {
        Subject::Week(w) => plan.week(w).sunday() >= today,
        Subject::Hamlet(h) => plan
            .sessions()
            .any(|(i, hamlet)| hamlet == h && content.sessions[i].date >= today),
    }
}

/// Every image of the site (see [`is_drawn`]), drawn in parallel and handed
/// to the sink; returns how many.
pub fn render(ctx: &super::RenderContext) -> Result<usize, Vec<Diagnostic>> {
    let (content, plan, today) = (ctx.content, ctx.plan, ctx.options.today);
    let weeks = (0..plan.weeks.len()).map(|i| Subject::Week(WeekId::new(i)));
    let hamlets = (0..content.site.hamlets.len()).map(|h| Subject::Hamlet(HamletId::new(h)));
    let targets: Vec<Subject> = weeks
        .chain(hamlets)
        .filter(|&t| is_drawn(content, plan, t, today))
        .collect();
    if targets.is_empty() {
        return Ok(0);
    }
    let painter = Painter::new();
    let errors: Vec<Diagnostic> = targets
        .par_iter()
        .filter_map(|&target| {
            let path = path(plan, target);
            let summary = summary(content, plan, target, ctx.options.today);
            match painter.png(&summary) {
                Some(png) => (ctx.sink)(&path, &png).err(),
                None => Some(Diagnostic::new(&path, None, Message::PreviewFailed)),
            }
        })
        .collect();
    match errors.is_empty() {
        true => Ok(targets.len()),
        false => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Every Vietnamese letter, both cases: the 12 vowels with each of the
    /// five tone marks, and đ.
    fn vietnamese_letters() -> Vec<char> {
        let vowels = "aăâeêioôơuưy";
        let tones = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
        let mut letters: Vec<char> = vec!['đ', 'Đ'];
        for v in vowels.chars() {
            for tone in tones {
                let lower: String = format!("{v}{tone}").nfc().collect();
                let upper: String = lower.to_uppercase();
                letters.extend(lower.chars().chain(upper.chars()));
            }
        }
        letters
    }

    #[test]
    fn the_bundled_fonts_draw_every_vietnamese_letter() {
        let painter = Painter::new();
        let letters = vietnamese_letters();
        assert_eq!(letters.len(), 2 + 12 * 6 * 2);
        for face in [&painter.regular, &painter.bold] {
            let missing: String = letters
                .iter()
                .filter(|&&c| face.glyph_index(c).is_none())
                .collect();
            assert!(missing.is_empty(), "no glyph for {missing}");
        }
        // And the punctuation the images use.
        for c in ['–', '…', '·', '’', '“', '”', '₫'] {
            assert!(painter.regular.glyph_index(c).is_some(), "{c}");
        }
    }

    #[test]
    fn long_lines_are_cut_at_a_word_to_fit() {
        let painter = Painter::new();
        let long = "Nhà văn hóa thôn Đông Lão, gần chợ, cạnh trường tiểu học";
        let cut = painter.fit(long, 34.0, false, 400.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        assert!(painter.width(&cut, 34.0, false) <= 400.0);
        assert_eq!(painter.fit("Thôn Song", 34.0, false, 400.0), "Thôn Song");
    }

    #[test]
    fn text_is_escaped_for_the_svg() {
        assert_eq!(
            escape("A & B <c> \"d\"\u{7}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; "
        );
    }

    #[test]
    fn the_palette_is_exact_and_falls_back_past_256_colours() {
        let few: Vec<u8> = (0..WIDTH * HEIGHT)
            .flat_map(|i| [(i % 7) as u8, 0, 200, 255])
            .collect();
        let (colours, indices) = palette(&few).unwrap();
        assert_eq!(colours.len(), 7 * 3);
        for (px, &i) in few.chunks_exact(4).zip(&indices) {
            assert_eq!(&colours[i as usize * 3..i as usize * 3 + 3], &px[..3]);
        }
        let many: Vec<u8> = (0..WIDTH * HEIGHT)
            .flat_map(|i| [(i % 300) as u8, (i % 300 / 256) as u8, 0, 255])
            .collect();
        assert!(palette(&many).is_none());
        // Still a PNG, in RGB.
        let png = encode(&many).unwrap();
        assert_eq!(png[25], 2, "colour type RGB");
    }
}
