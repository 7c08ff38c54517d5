//! Charts as inline SVG, drawn at build time: no script, no web font, readable
//! when printed. Each chart is an image with a title and a description for
//! screen readers (`role="img"`); the same figures are always in a table too.
//!
//! Nothing here knows about campaigns: values are plain integers with a
//! caller-supplied formatter, so any page can reuse these.

use std::fmt::Write as _;

use chrono::NaiveDate;

/// Width of every chart's coordinate system; the SVG scales to its container.
/// Close to a phone's width, so text drawn at 13–15 units stays readable
/// there (the stylesheet caps the width on large screens for the same reason).
const WIDTH: f64 = 400.0;
const FONT: &str =
    r#"font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif""#;
const INK: &str = "#1b1b1b";
const MUTED: &str = "#4a4a4a";
const GRID: &str = "#c8c8c8";
const BAR: &str = "#0b4f9c";
const BAR_DONE: &str = "#1d6b2f";
const TRACK: &str = "#f3f1ec";
const TARGET: &str = "#8a1c1c";

/// The five characters HTML needs escaped, not also `/` as tera's filter
/// does (`&#x2F;` six times over in a date like 20/12/2022).
fn esc(text: &str) -> String {
    crate::theme::escape_html(text)
}

/// Coordinates with one decimal: enough on any screen, and byte-identical
/// from build to build.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The opening tag, title and description every chart starts with.
fn open(out: &mut String, id: &str, class: &str, height: f64, title: &str, description: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" {FONT} font-size="15"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        w = n(WIDTH),
        h = n(height),
        title = esc(title),
        desc = esc(description),
    );
}

/// A step for about `count` grid lines up to `max`: 1, 2, 2.5 or 5 times a
/// power of ten, never below `min_step`.
fn nice_step(max: u64, count: u64, min_step: u64) -> u64 {
    let rough = max.div_ceil(count.max(1)).max(min_step).max(1);
    let mut power = 1u64;
    while power.saturating_mul(10) <= rough {
        power *= 10;
    }
    [1, 2, 5, 10]
        .iter()
        .map(|m| m * power)
        .chain(std::iter::once(power * 5 / 2).filter(|_| power >= 10))
        .filter(|&s| s >= rough)
        .min()
        .unwrap_or(rough)
}

fn round_up(value: u64, step: u64) -> u64 {
    value.div_ceil(step).saturating_mul(step).max(step)
}

/// One bar: a label ("Đông Lão"), its value, and how the value is written.
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub value_label: String,
    /// Drawn in the "done" colour (target reached).
    pub done: bool,
}

pub struct BarChart {
    /// Unique on the page: ids of the title and description derive from it.
    pub id: String,
    pub title: String,
    pub description: String,
    pub bars: Vec<Bar>,
    /// A value marked across all bars (100% of target), with its label.
    pub reference: Option<(u64, String)>,
    /// How axis values are written.
    pub format: fn(u64) -> String,
    /// Smallest gap between grid lines, in value units.
    pub min_step: u64,
}

/// Horizontal bars, one per row, the label above each bar so long names fit
/// on a phone. Bar lengths are proportional to the values, from a zero axis.
pub fn bar_chart(chart: &BarChart) -> String {
    const LEFT: f64 = 8.0;
    const RIGHT: f64 = 16.0;
    const ROW: f64 = 46.0;
    const BAR_HEIGHT: f64 = 16.0;
    const TOP: f64 = 8.0;
    const AXIS: f64 = 28.0;
    let plot_width = WIDTH - LEFT - RIGHT;
    let largest = chart
        .bars
        .iter()
        .map(|b| b.value)
        .chain(chart.reference.as_ref().map(|(v, _)| *v))
        .max()
        .unwrap_or(0);
    let step = nice_step(largest, 4, chart.min_step);
    let axis_max = round_up(largest, step);
    let x = |v: u64| LEFT + v as f64 / axis_max as f64 * plot_width;
    let bars_bottom = TOP + ROW * chart.bars.len() as f64;
    let height = bars_bottom + AXIS;

    let mut out = String::new();
    open(
        &mut out,
        &chart.id,
        "chart-bars",
        height,
        &chart.title,
        &chart.description,
    );
    let mut tick = 0;
    while tick <= axis_max {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/><text class="tick" x="{x}" y="{label_y}" text-anchor="{anchor}" fill="{MUTED}" font-size="13">{label}</text>"#,
            x = n(x(tick)),
            top = n(TOP),
            bottom = n(bars_bottom),
            label_y = n(bars_bottom + 18.0),
            anchor = if tick == 0 {
                "start"
            } else if tick == axis_max {
                "end"
            } else {
                "middle"
            },
            label = esc(&(chart.format)(tick)),
        );
        tick += step;
    }
    let reference_x = chart.reference.as_ref().map(|(v, _)| x(*v));
    for (i, bar) in chart.bars.iter().enumerate() {
        let row_top = TOP + ROW * i as f64;
        let bar_y = row_top + 22.0;
        // The reference is marked across each bar only, never through the
        // text above it (a white halo would print every label twice).
        let _ = write!(
            out,
            r#"<g class="bar"><rect class="track" x="{left}" y="{bar_y}" width="{plot}" height="{bh}" fill="{TRACK}"/>"#,
            left = n(LEFT),
            bar_y = n(bar_y),
            plot = n(plot_width),
            bh = n(BAR_HEIGHT),
        );
        let _ = write!(
            out,
            r#"<rect class="fill" x="{left}" y="{bar_y}" width="{width}" height="{bh}" fill="{fill}"/>"#,
            left = n(LEFT),
            bar_y = n(bar_y),
            bh = n(BAR_HEIGHT),
            width = n(x(bar.value) - LEFT),
            fill = if bar.done { BAR_DONE } else { BAR },
        );
        if let (Some(rx), Some((_, label))) = (reference_x, &chart.reference) {
            let _ = write!(
                out,
                r#"<line class="reference" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{TARGET}" stroke-width="3"><title>{label}</title></line>"#,
                x = n(rx),
                y1 = n(bar_y - 4.0),
                y2 = n(bar_y + BAR_HEIGHT + 4.0),
                label = esc(label),
            );
        }
        let _ = write!(
            out,
            r#"<text class="label" x="{left}" y="{text_y}" fill="{INK}">{label}</text><text class="value" x="{right}" y="{text_y}" text-anchor="end" fill="{INK}" font-weight="700">{value_label}</text></g>"#,
            left = n(LEFT),
            right = n(WIDTH - RIGHT),
            text_y = n(row_top + 16.0),
            label = esc(&bar.label),
            value_label = esc(&bar.value_label),
        );
    }
    out.push_str("</svg>");
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// Results: a solid line with a dot at each point.
    Measured,
    /// A plan: dashed, no dots.
    Planned,
}

pub struct Line {
    pub name: String,
    pub points: Vec<(NaiveDate, u64)>,
    pub style: LineStyle,
}

pub struct LineChart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Dates marked on the time axis (phase ends), with a short label.
    pub marks: Vec<(NaiveDate, String)>,
    pub lines: Vec<Line>,
    pub format: fn(u64) -> String,
    /// How a point's date is written in its tooltip and on the axis.
    pub format_date: fn(NaiveDate) -> String,
}

/// Values over time: each line a polyline on a shared date axis and a value
/// axis from zero, with a legend naming the lines.
pub fn line_chart(chart: &LineChart) -> String {
    const LEFT: f64 = 60.0;
    const RIGHT: f64 = 14.0;
    const TOP: f64 = 16.0;
    const PLOT_HEIGHT: f64 = 200.0;
    const HEIGHT: f64 = TOP + PLOT_HEIGHT + 64.0;
    let plot_width = WIDTH - LEFT - RIGHT;
    let bottom = TOP + PLOT_HEIGHT;
    let largest = chart
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|(_, v)| *v))
        .max()
        .unwrap_or(0);
    let step = nice_step(largest, 4, 1);
    let axis_max = round_up(largest, step);
    let span = (chart.to - chart.from).num_days().max(1) as f64;
    let x = |d: NaiveDate| LEFT + (d - chart.from).num_days() as f64 / span * plot_width;
    let y = |v: u64| bottom - v as f64 / axis_max as f64 * PLOT_HEIGHT;

    let mut out = String::new();
    open(
        &mut out,
        &chart.id,
        "chart-lines",
        HEIGHT,
        &chart.title,
        &chart.description,
    );
    let mut tick = 0;
    while tick <= axis_max {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{GRID}" stroke-width="1"/><text class="tick" x="{tx}" y="{ty}" text-anchor="end" fill="{MUTED}" font-size="13">{label}</text>"#,
            l = n(LEFT),
            r = n(WIDTH - RIGHT),
            y = n(y(tick)),
            tx = n(LEFT - 6.0),
            ty = n(y(tick) + 4.0),
            label = esc(&(chart.format)(tick)),
        );
        tick += step;
    }
    // Date labels: both ends, then marks that leave room for their text.
    let mut labels: Vec<(NaiveDate, String, &str)> = vec![
        (chart.from, (chart.format_date)(chart.from), "start"),
        (chart.to, (chart.format_date)(chart.to), "end"),
    ];
    for (date, label) in &chart.marks {
        if *date <= chart.from || *date >= chart.to {
            continue;
        }
        let _ = write!(
            out,
            r#"<line class="mark" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>"#,
            x = n(x(*date)),
            top = n(TOP),
            bottom = n(bottom),
        );
        if labels
            .iter()
            .all(|(d, _, _)| (x(*d) - x(*date)).abs() > 76.0)
        {
            labels.push((*date, label.clone(), "middle"));
        }
    }
    for (date, label, anchor) in &labels {
        let _ = write!(
            out,
            r#"<text class="date" x="{x}" y="{y}" text-anchor="{anchor}" fill="{MUTED}" font-size="13">{label}</text>"#,
            x = n(x(*date)),
            y = n(bottom + 18.0),
            label = esc(label),
        );
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{INK}" stroke-width="1"/>"#,
        l = n(LEFT),
        r = n(WIDTH - RIGHT),
        b = n(bottom),
    );
    for line in &chart.lines {
        let (class, colour, dash) = match line.style {
            LineStyle::Measured => ("measured", BAR, ""),
            LineStyle::Planned => ("planned", TARGET, r#" stroke-dasharray="8 5""#),
        };
        let points: Vec<String> = line
            .points
            .iter()
            .map(|(d, v)| format!("{},{}", n(x(*d)), n(y(*v))))
            .collect();
        let _ = write!(
            out,
            r#"<g class="line {class}"><title>{name}</title><polyline points="{points}" fill="none" stroke="{colour}" stroke-width="3"{dash}/>"#,
            name = esc(&line.name),
            points = points.join(" "),
        );
        if line.style == LineStyle::Measured {
            for (d, v) in &line.points {
                let _ = write!(
                    out,
                    r#"<circle cx="{cx}" cy="{cy}" r="4" fill="{colour}"><title>{date}: {value}</title></circle>"#,
                    cx = n(x(*d)),
                    cy = n(y(*v)),
                    date = esc(&(chart.format_date)(*d)),
                    value = esc(&(chart.format)(*v)),
                );
            }
        }
        out.push_str("</g>");
    }
    // Legend under the axis: a short stroke of each line, then its name.
    let legend_y = bottom + 48.0;
    let mut legend_x = LEFT;
    for line in &chart.lines {
        let (colour, dash) = match line.style {
            LineStyle::Measured => (BAR, ""),
            LineStyle::Planned => (TARGET, r#" stroke-dasharray="8 5""#),
        };
        let _ = write!(
            out,
            r#"<g class="legend"><line x1="{x1}" y1="{ly}" x2="{x2}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash}/><text x="{tx}" y="{ty}" fill="{INK}">{name}</text></g>"#,
            x1 = n(legend_x),
            x2 = n(legend_x + 28.0),
            ly = n(legend_y - 5.0),
            tx = n(legend_x + 36.0),
            ty = n(legend_y),
            name = esc(&line.name),
        );
        legend_x += 36.0 + 8.0 * line.name.chars().count() as f64 + 24.0;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(8213, 4, 1), 2500);
        assert_eq!(nice_step(1000, 4, 1), 250);
        assert_eq!(nice_step(1000, 4, 250), 250);
        assert_eq!(nice_step(1500, 4, 250), 500);
        assert_eq!(nice_step(7, 4, 1), 2);
        assert_eq!(nice_step(0, 4, 1), 1);
        assert_eq!(round_up(8213, 2500), 10_000);
        assert_eq!(round_up(0, 1), 1);
    }

    #[test]
    fn text_is_escaped() {
        let svg = bar_chart(&BarChart {
            id: "c".into(),
            title: "a < b & \"c\"".into(),
            description: String::new(),
            bars: vec![Bar {
                label: "<script>".into(),
                value: 1,
                value_label: "1".into(),
                done: false,
            }],
            reference: None,
            format: |v| v.to_string(),
            min_step: 1,
        });
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("a &lt; b &amp; &quot;c&quot;"));
    }
}
