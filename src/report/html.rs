//! HTML rendering: one self-contained file (inline CSS, inline SVG charts, no script, no
//! external reference) for people who read the report outside the terminal. Written with
//! maud, which escapes every string it is given: user text can never become markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Block, Chart, Figure, MediansRow, SeverityRow, TrendPoint, fmt_median};
use crate::method::playbook;
use crate::method::thresholds::{SCORE_MAX, SCORE_MIN};
use crate::method::wording::fill;

/// The whole style sheet. No fonts, images or imports: nothing to fetch.
const CSS: &str = "\
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;--warn:#9a6700;--warnbg:#fff8c5;--hot:#fff1e5}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
main{max-width:62rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.8rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.35rem;line-height:1.3;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.75rem 0 .4rem}
p{margin:.6rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.75rem 0}
dt{font-weight:600;color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.warning{background:var(--warnbg);border-left:4px solid var(--warn);padding:.5rem .8rem}
.table{overflow-x:auto;margin:.75rem 0}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--head)}
td.num{text-align:right;white-space:nowrap}
td.hot{background:var(--hot)}
tr.total>*{border-top:2px solid var(--muted)}
ul.checklist{list-style:none;padding-left:.25rem}
ul.checklist .box{font-size:1.15em;margin-right:.2rem}
figure{margin:1.25rem 0}
figcaption{font-weight:600;margin-bottom:.4rem}
figure svg.chart{display:block;width:100%;max-width:44rem;height:auto}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;padding:0;margin:.4rem 0 0;font-size:.9rem;color:var(--muted)}
ul.legend svg{vertical-align:-1px;margin-right:.35rem}
@media print{main{max-width:none;padding:0}h2,h3{break-after:avoid}figure,table,dl{break-inside:avoid}}
";

/// Colours for the people (Okabe and Ito's palette, told apart with most colour blindness).
const PALETTE: [&str; 8] =
    ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#332288"];

pub fn html(blocks: &[Block]) -> String {
    let title = blocks.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    });
    // The header is everything before the first heading; each heading opens a section.
    let first = blocks.iter().position(|b| matches!(b, Block::Heading(_))).unwrap_or(blocks.len());
    let mut sections: Vec<&[Block]> = Vec::new();
    let mut rest = &blocks[first..];
    while !rest.is_empty() {
        let end = rest[1..].iter().position(|b| matches!(b, Block::Heading(_))).map_or(rest.len(), |i| i + 1);
        sections.push(&rest[..end]);
        rest = &rest[end..];
    }
    let mut charts = 0;
    let mut render = |b: &Block| {
        if matches!(b, Block::Chart(_)) {
            charts += 1;
        }
        block(b, charts)
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title.unwrap_or("firstmove")) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main {
                    header { @for b in &blocks[..first] { (render(b)) } }
                    @for s in &sections {
                        section { @for b in *s { (render(b)) } }
                    }
                }
            }
        }
    };
    // A line or paragraph separator is text to a browser but a line break to the terminal
    // the page may be printed on (and to JavaScript before ES2019): written as a character
    // reference, the page keeps the user's character and no raw one is in the file.
    let mut out = page.into_string().replace('\u{2028}', "&#x2028;").replace('\u{2029}', "&#x2029;");
    out.push('\n');
    out
}

/// Whether a cell holds a number (with or without its discuss mark), or nothing; a date
/// ("5 Nov 2025") is words, not a number.
fn numeric(cell: &str) -> bool {
    (cell.starts_with(|c: char| c.is_ascii_digit()) && !date(cell)) || cell == "–"
}

/// Whether a cell starts as a date does in the report: "5 Nov 2025", "2025-11-05".
fn date(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().take(3).collect();
    let digits = |w: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let human = matches!(words.as_slice(), [d, m, y] if digits(d, 1..=2) && m.len() == 3
        && m.chars().all(char::is_alphabetic) && digits(y, 4..=4));
    let iso = cell.len() >= 10 && cell.as_bytes()[4] == b'-' && cell.as_bytes()[7] == b'-';
    human || iso
}

/// Which columns hold numbers (each cell a number or "–"): those are right-aligned, so a "–"
/// among words (no owner, no due date) stays where the words are.
fn numeric_columns(n: usize, rows: &[Vec<String>]) -> Vec<bool> {
    (0..n).map(|i| rows.iter().all(|r| r.get(i).is_none_or(|c| numeric(c)))).collect()
}

/// Whether a cell carries a discuss mark: a disagreement worth talking about.
fn disputed(cell: &str) -> bool {
    let marks = &playbook().report.marks;
    numeric(cell) && (cell.ends_with(&marks.discuss) || cell.ends_with(&format!("{})", marks.discuss_first)))
}

/// Whether a row sums up the rows above it (the medians under each person's scores).
fn summary(row: &[String]) -> bool {
    row.first().is_some_and(|c| *c == playbook().report.record.median)
}

fn block(b: &Block, chart_no: usize) -> Markup {
    html! {
        @match b {
            Block::Title(t) => h1 { (t) },
            Block::Heading(t) => h2 { (t) },
            Block::Subheading(t) => h3 { (t) },
            Block::Para(t) => p { (t) },
            Block::Warning(t) => p.warning role="note" { strong { "Warning:" } " " (t) },
            Block::Fields(fields) => dl { @for (k, v) in fields { dt { (k) } dd { (v) } } },
            Block::Bullets(items) => ul { @for i in items { li { (i) } } },
            Block::Checklist(items) => ul.checklist {
                @for (done, i) in items {
                    li.done[*done] { span.box { @if *done { "☑" } @else { "☐" } } " " (i) }
                }
            },
            Block::Table { head, rows } => (table(head, rows)),
            Block::Chart(f) => (figure(f, chart_no)),
        }
    }
}

fn table(head: &[String], rows: &[Vec<String>]) -> Markup {
    let columns = numeric_columns(head.len(), rows);
    html! {
        div.table {
            table {
                thead { tr { @for h in head { th scope="col" { (h) } } } }
                tbody {
                    @for (n, r) in rows.iter().enumerate() {
                        tr.total[n + 1 == rows.len() && summary(r)] {
                            @for (i, c) in r.iter().enumerate() {
                                @if i == 0 && !numeric(c) {
                                    th scope="row" { (c) }
                                } @else {
                                    td.num[columns[i] && numeric(c)].hot[disputed(c)] { (c) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A chart as a figure: its title as the caption, an SVG labelled by that title and by the
/// chart's sentences (its text alternative), and a legend of its colours.
fn figure(f: &Figure, n: usize) -> Markup {
    let (title_id, desc_id) = (format!("chart-{n}-title"), format!("chart-{n}-desc"));
    let (svg, legend) = match &f.chart {
        Chart::Severity { people, rows } => (severity(people, rows), people.clone()),
        Chart::Medians { dimensions, rows, bar, bar_label } => {
            (medians(dimensions, rows, *bar, bar_label), dimensions.clone())
        }
        Chart::Trend { points, baseline, target, baseline_label, target_label, decided, unit } => {
            let lines =
                [(*baseline, TREND_BASELINE, baseline_label.as_str()), (*target, TREND_TARGET, target_label)];
            (trend(points, lines, decided, unit), Vec::new())
        }
    };
    let (width, height, body) = svg;
    html! {
        figure {
            figcaption id=(title_id) { (f.title) }
            svg.chart role="img" aria-labelledby={(title_id) " " (desc_id)}
                viewBox={"0 0 " (width) " " (height)} width=(width) height=(height) {
                title { (f.title) }
                desc id=(desc_id) { (f.alt) }
                (body)
            }
            ul.legend aria-hidden="true" {
                @for (i, name) in legend.iter().enumerate() {
                    li { (swatch(PALETTE[i % PALETTE.len()])) (name) }
                }
                @if let Chart::Severity { .. } = f.chart {
                    li { (median_swatch()) (playbook().report.record.median) }
                }
                @if let Chart::Trend { baseline_label, target_label, .. } = &f.chart {
                    li { (line_swatch(TREND_LINE, false)) (playbook().follow_through.chart_values) }
                    li { (line_swatch(TREND_BASELINE, true)) (baseline_label) }
                    li { (line_swatch(TREND_TARGET, true)) (target_label) }
                }
            }
        }
    }
}

fn swatch(colour: &str) -> Markup {
    html! { svg width="12" height="12" { rect width="12" height="12" rx="2" fill=(colour) {} } }
}

fn line_swatch(colour: &str, dashed: bool) -> Markup {
    html! {
        svg width="16" height="12" {
            line x1="0" x2="16" y1="6" y2="6" stroke=(colour) stroke-width="2"
                stroke-dasharray=[dashed.then_some("4 2")] {}
        }
    }
}

fn median_swatch() -> Markup {
    html! { svg width="12" height="12" { rect x="5" width="2" height="12" fill="#1f2328" {} } }
}

// The charts' geometry, in SVG units (the chart scales to the page's width).
const WIDTH: u32 = 640;
const LABEL_W: f64 = 150.0;
const PLOT_W: f64 = 440.0;
const BAR_H: u32 = 12;
const GAP: u32 = 16;
const AXIS_H: u32 = 22;

fn x_of(v: f64) -> f64 {
    LABEL_W + PLOT_W * v / f64::from(SCORE_MAX)
}

/// `s` in at most `n` characters, ending in `…` when cut (the table beside has it whole).
fn short(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// The scale's grid lines and numbers, from `top` to `bottom`.
fn axis(top: u32, bottom: u32) -> Markup {
    html! {
        g.axis {
            @for v in SCORE_MIN..=SCORE_MAX {
                line x1=(x_of(f64::from(v))) x2=(x_of(f64::from(v))) y1=(top) y2=(bottom)
                    stroke="#d1d9e0" stroke-width="1" {}
                text x=(x_of(f64::from(v))) y=(bottom + 14) text-anchor="middle" font-size="11" fill="#59636e" { (v) }
            }
            line x1=(x_of(0.0)) x2=(x_of(0.0)) y1=(top) y2=(bottom) stroke="#59636e" stroke-width="1" {}
        }
    }
}

/// One horizontal bar with its value at its end; a dash at the axis when there is no value.
fn bar(y: u32, value: Option<f64>, colour: &str) -> Markup {
    html! {
        @match value {
            Some(v) => {
                rect x=(x_of(0.0)) y=(y) width=(x_of(v) - x_of(0.0)) height=(BAR_H - 2) fill=(colour) {}
                text x=(x_of(v) + 4.0) y=(y + BAR_H - 3) font-size="10" fill="#1f2328" { (fmt_median(v)) }
            }
            None => text x=(x_of(0.0) + 4.0) y=(y + BAR_H - 3) font-size="10" fill="#59636e" { "–" },
        }
    }
}

/// Severity per person per constraint: a group of bars (one per person) for each constraint,
/// with the median as a dark line across the group.
fn severity(people: &[String], rows: &[SeverityRow]) -> (u32, u32, Markup) {
    let n = people.len().max(1) as u32;
    let group = n * BAR_H;
    let top = 6;
    let bottom = top + rows.len() as u32 * (group + GAP);
    let body = html! {
        (axis(top, bottom))
        @for (k, row) in rows.iter().enumerate() {
            @let y0 = top + GAP / 2 + k as u32 * (group + GAP);
            text x="0" y=(y0 + group / 2 + 4) font-size="13" fill="#1f2328" { (short(&row.label, 22)) }
            @for (i, v) in row.values.iter().enumerate() {
                (bar(y0 + i as u32 * BAR_H, v.map(f64::from), PALETTE[i % PALETTE.len()]))
            }
            @if let Some(m) = row.median {
                line x1=(x_of(m)) x2=(x_of(m)) y1=(y0 - 3) y2=(y0 + group + 1) stroke="#1f2328" stroke-width="2" {}
            }
        }
    };
    (WIDTH, bottom + AXIS_H, body)
}

/// Each candidate's four medians: its title, then a bar per dimension, with the discovery
/// bar as a dashed line across all of them.
fn medians(dimensions: &[String], rows: &[MediansRow], bar_at: f64, bar_label: &str) -> (u32, u32, Markup) {
    let group = dimensions.len() as u32 * BAR_H;
    let title_h = 18;
    let top = 20;
    let bottom = top + rows.len() as u32 * (title_h + group + GAP);
    let body = html! {
        (axis(top, bottom))
        line x1=(x_of(bar_at)) x2=(x_of(bar_at)) y1=(top - 4) y2=(bottom) stroke="#9a6700"
            stroke-width="1.5" stroke-dasharray="4 3" {}
        text x=(x_of(bar_at)) y="11" text-anchor="middle" font-size="11" fill="#9a6700" { (bar_label) }
        @for (k, row) in rows.iter().enumerate() {
            @let y0 = top + GAP / 2 + k as u32 * (title_h + group + GAP);
            // A white outline keeps the title readable where the grid runs behind it.
            text x="0" y=(y0 + 12) font-size="13" font-weight="600" fill="#1f2328" stroke="#fff"
                stroke-width="4" paint-order="stroke" { (short(&row.label, 80)) }
            @for (i, v) in row.values.iter().enumerate() {
                @let y = y0 + title_h + i as u32 * BAR_H;
                text x=(LABEL_W - 8.0) y=(y + BAR_H - 3) text-anchor="end" font-size="10" fill="#59636e" {
                    (dimensions.get(i).map_or("", String::as_str))
                }
                (bar(y, Some(*v), PALETTE[i % PALETTE.len()]))
            }
        }
    };
    (WIDTH, bottom + AXIS_H, body)
}

const TREND_LINE: &str = "#0072B2";
const TREND_TARGET: &str = "#009E73";
const TREND_BASELINE: &str = "#59636e";

/// The trend chart's plot, in SVG units: left margin for the values, right for the labels.
const TREND_LEFT: f64 = 56.0;
const TREND_RIGHT: f64 = 520.0;
const TREND_TOP: f64 = 14.0;
const TREND_BOTTOM: f64 = 214.0;

/// A round step for the trend's value axis: 1, 2 or 5 times a power of ten, near a fifth of
/// `span`.
fn nice_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|k| k * p).find(|x| *x >= raw).unwrap_or(10.0 * p)
}

/// The metric at each check-in, by day after the decision: a line through the check-ins with
/// each value written above its point, the baseline and target as dashed lines, the days on
/// the x axis (every 30, at least to day 90).
fn trend(
    points: &[TrendPoint],
    lines: [(f64, &str, &str); 2],
    decided: &str,
    unit: &str,
) -> (u32, u32, Markup) {
    let [(baseline, _, _), (target, _, _)] = lines;
    let last = points.iter().map(|p| p.day).max().unwrap_or(0).max(90);
    let x_end = ((last + 29) / 30 * 30) as f64;
    let values = points.iter().map(|p| p.value).chain([baseline, target]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let step = nice_step(if hi > lo { hi - lo } else { hi.abs().max(1.0) });
    let (y_lo, y_hi) = ((lo / step).floor() * step - step * 0.5, (hi / step).ceil() * step + step * 0.5);
    let x = |day: i64| TREND_LEFT + (TREND_RIGHT - TREND_LEFT) * (day as f64 / x_end);
    let y = |v: f64| TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * (v - y_lo) / (y_hi - y_lo);
    let mut ticks = Vec::new();
    let mut v = (y_lo / step).ceil() * step;
    while v <= y_hi && ticks.len() < 12 {
        ticks.push(v);
        v += step;
    }
    let path: Vec<String> = points.iter().map(|p| format!("{:.1},{:.1}", x(p.day), y(p.value))).collect();
    // Every 30 days, or every 60, 90… when the check-ins run long: at most 8 steps.
    let every = 30 * ((x_end as i64 + 239) / 240).max(1);
    let days: Vec<i64> = (0..=(x_end as i64)).step_by(every as usize).collect();
    let t = &playbook().report.follow;
    let body = html! {
        rect x=(TREND_LEFT) y=(TREND_TOP) width=(TREND_RIGHT - TREND_LEFT) height=(TREND_BOTTOM - TREND_TOP)
            fill="#f6f8fa" {}
        g.axis {
            @for v in &ticks {
                line x1=(TREND_LEFT) x2=(TREND_RIGHT) y1=(y(*v)) y2=(y(*v)) stroke="#d1d9e0" stroke-width="1" {}
                text x=(TREND_LEFT - 6.0) y=(y(*v) + 4.0) text-anchor="end" font-size="11" fill="#59636e" {
                    (crate::method::metric::show(*v, unit))
                }
            }
            @for d in &days {
                line x1=(x(*d)) x2=(x(*d)) y1=(TREND_TOP) y2=(TREND_BOTTOM) stroke="#d1d9e0" stroke-width="1" {}
                text x=(x(*d)) y=(TREND_BOTTOM + 15.0) text-anchor="middle" font-size="11" fill="#59636e" { (d) }
            }
            text x=((TREND_LEFT + TREND_RIGHT) / 2.0) y=(TREND_BOTTOM + 32.0) text-anchor="middle" font-size="11"
                fill="#59636e" { (fill(&t.trend_axis, &[("date", decided)])) }
        }
        @for (v, colour, label) in lines {
            line x1=(TREND_LEFT) x2=(TREND_RIGHT) y1=(y(v)) y2=(y(v)) stroke=(colour) stroke-width="1.5"
                stroke-dasharray="5 3" {}
            text x=(TREND_RIGHT + 6.0) y=(y(v) + 4.0) font-size="11" fill=(colour) { (label) }
        }
        polyline points=(path.join(" ")) fill="none" stroke=(TREND_LINE) stroke-width="2" {}
        @for p in points {
            // The value above its point, or below it where a dashed line runs just above.
            @let above = y(p.value) - 9.0;
            @let crowded = lines.iter().any(|(v, _, _)| (y(*v) - (above - 4.0)).abs() < 7.0);
            circle cx=(x(p.day)) cy=(y(p.value)) r="4" fill=(TREND_LINE) stroke="#fff" stroke-width="1.5" {}
            text x=(x(p.day)) y=(if crowded { y(p.value) + 17.0 } else { above }) text-anchor="middle" font-size="11" font-weight="600"
                fill="#1f2328" stroke="#fff" stroke-width="3" paint-order="stroke" { (p.label) }
        }
    };
    (WIDTH, TREND_BOTTOM as u32 + 40, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_text() {
        let evil = "<script>alert(1)</script> | # heading & \"quotes\"";
        let out = html(&[
            Block::Title(evil.into()),
            Block::Heading(evil.into()),
            Block::Fields(vec![(evil.into(), evil.into())]),
            Block::Table { head: vec![evil.into()], rows: vec![vec![evil.into()]] },
            Block::Chart(Figure {
                title: evil.into(),
                alt: evil.into(),
                chart: Chart::Severity {
                    people: vec![evil.into()],
                    rows: vec![SeverityRow { label: evil.into(), values: vec![Some(3)], median: Some(3.0) }],
                },
            }),
        ]);
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt; | # heading &amp; &quot;quotes&quot;"),
            "{out}"
        );
    }

    /// Each bar is as long as its value on the 0–5 scale; a missing value draws no bar.
    #[test]
    fn bars_are_drawn_to_scale() {
        let rows = vec![SeverityRow {
            label: "Activation".into(),
            values: vec![Some(5), None, Some(2)],
            median: Some(3.5),
        }];
        let (_, _, svg) = severity(&["A".into(), "B".into(), "C".into()], &rows);
        let svg = svg.into_string();
        let widths: Vec<&str> = svg
            .match_indices(" width=\"")
            .map(|(i, _)| {
                let rest = &svg[i + 8..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(widths, [PLOT_W.to_string(), (PLOT_W * 2.0 / 5.0).to_string()], "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
        assert!(svg.contains(">–</text>"), "the missing value: {svg}");
        let median = format!("x1=\"{}\"", x_of(3.5));
        assert!(svg.contains(&median), "the median line at 3.5: {svg}");
    }

    /// Each check-in is a point at its day and value; the target and baseline are dashed lines
    /// at theirs; the days run every 30 to at least day 90.
    #[test]
    fn the_trend_is_drawn_to_scale() {
        let p = |day, value: f64| TrendPoint { day, value, label: format!("{value}%"), date: String::new() };
        let points = [p(30, 27.0), p(90, 40.0)];
        let lines = [(22.0, TREND_BASELINE, "baseline 22%"), (40.0, TREND_TARGET, "target 40%")];
        let (_, _, svg) = trend(&points, lines, "6 Oct 2025", "%");
        let svg = svg.into_string();
        let attr = |tag: &str, name: &str| -> Vec<f64> {
            svg.match_indices(&format!("<{tag} "))
                .filter_map(|(i, _)| {
                    let rest = &svg[i..];
                    let rest = &rest[..rest.find('>').unwrap()];
                    let at = rest.find(&format!(" {name}=\""))? + name.len() + 3;
                    rest[at..at + rest[at..].find('"').unwrap()].parse().ok()
                })
                .collect()
        };
        let (cx, cy) = (attr("circle", "cx"), attr("circle", "cy"));
        let width = TREND_RIGHT - TREND_LEFT;
        assert_eq!(cx, [TREND_LEFT + width * 30.0 / 90.0, TREND_LEFT + width]);
        // The point on target sits on the target's dashed line, above the one at 27%.
        let dashed: Vec<f64> = svg
            .match_indices("stroke-dasharray=\"5 3\"")
            .map(|(i, _)| {
                let line = &svg[svg[..i].rfind("<line").unwrap()..i];
                let at = line.find(" y1=\"").unwrap() + 5;
                line[at..at + line[at..].find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(dashed.len(), 2, "{svg}");
        assert_eq!(cy[1], dashed[1], "the day-90 value is the target");
        assert!(cy[0] < dashed[0] && cy[0] > cy[1], "27% between the baseline and the target");
        for day in [">0<", ">30<", ">60<", ">90<", "days after the decision (6 Oct 2025)", ">40%<"] {
            assert!(svg.contains(day), "{day} in {svg}");
        }
        // A long run of check-ins keeps the axis readable: at most 9 day marks.
        let (_, _, long) = trend(&[p(10, 25.0), p(1000, 30.0)], lines, "", "%");
        let marks =
            long.into_string().matches("text-anchor=\"middle\" font-size=\"11\" fill=\"#59636e\"").count();
        assert!(marks <= 10, "{marks} day marks");
    }

    #[test]
    fn dates_are_words_in_a_table() {
        assert!(date("5 Nov 2025") && date("12 Jan 2026") && date("2025-09-01 (refused: …)"));
        assert!(!date("5 discuss") && !date("4.25") && !date("1:10 over"));
        assert!(numeric("3 (discuss first)") && numeric("–") && !numeric("5 Nov 2025"));
        let rows = vec![
            vec!["Re-vote".to_string(), "–".into(), "3".into()],
            vec!["Action".into(), "Tomás".into(), "4".into()],
        ];
        assert_eq!(numeric_columns(3, &rows), [false, false, true]);
    }

    #[test]
    fn a_cut_label_ends_in_an_ellipsis() {
        assert_eq!(short("Guided setup", 22), "Guided setup");
        assert_eq!(short("abcdefghij", 5), "abcd…");
    }
}
