//! The workshop as a document: built once as blocks of plain text by one function per
//! section, then rendered as Markdown (escaped), plain text, HTML, or drawn by the wizard's
//! last screen. The JSON report (`json`) is the same content as typed data.

mod decision;
mod follow;
mod html;
mod json;
mod markdown;
mod room;
mod text;
mod why;
mod workshop;

pub use html::html;
pub use json::{JSON_REPORT_VERSION, json};
pub use markdown::markdown;
pub use text::text;

use crate::method::recommend::{RankedCandidate, Recommendation, Route};
use crate::method::rules::Tally;
use crate::method::wording::list;
use crate::method::{Dimension, FilterId, Session, playbook, recommend};

/// A piece of the report. All strings are plain text; renderers do any escaping.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    /// Starts a section.
    Heading(String),
    /// Starts a part of a section (one filter, one candidate).
    Subheading(String),
    Para(String),
    Warning(String),
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    Checklist(Vec<(bool, String)>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A picture of numbers a table beside it already gives: drawn by the HTML report (as
    /// inline SVG), left out by the formats that have the table only.
    Chart(Figure),
}

/// A chart with its words: `title` names it, `alt` says what it shows in sentences, for
/// whoever cannot see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub title: String,
    pub alt: String,
    pub chart: Chart,
}

/// What a chart draws (each kind's drawing is in `html::figure`).
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Each constraint's severity from each person (`None`: not rated), and its median.
    Severity { people: Vec<String>, rows: Vec<SeverityRow> },
    /// Each ranked candidate's four medians, in `Dimension::ALL` order; `bar` is the median
    /// below which a move needs discovery first.
    Medians { dimensions: Vec<String>, rows: Vec<MediansRow>, bar: f64, bar_label: String },
    /// The decided move's metric at each check-in, by day after the decision (`decided`, in
    /// words), against its baseline and target (each with its label: "baseline 22%").
    Trend {
        points: Vec<TrendPoint>,
        baseline: f64,
        target: f64,
        baseline_label: String,
        target_label: String,
        decided: String,
        /// The metric's unit, for the value axis ("%", "s"; may be empty).
        unit: String,
    },
}

/// One check-in on the trend chart: its day after the decision, its value (and that value
/// with its unit, "27%"), and its date in words.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub day: i64,
    pub value: f64,
    pub label: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeverityRow {
    pub label: String,
    pub values: Vec<Option<u8>>,
    pub median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MediansRow {
    pub label: String,
    pub values: [f64; 4],
}

pub use crate::method::wording::fmt_median;

/// The mean of four medians (a multiple of 1/8): "4", "4.5", "4.25", "3.63".
pub fn fmt_mean(m: f64) -> String {
    if (m * 2.0).fract() == 0.0 {
        return fmt_median(m);
    }
    let s = format!("{m:.2}");
    s.trim_end_matches('0').to_string()
}

/// `s` with its first letter in capitals: "Day 30" for "day 30".
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// What every section reads: the session and what the rules make of it.
pub struct Ctx<'a> {
    pub s: &'a Session,
    pub r: &'a Recommendation,
}

impl Ctx<'_> {
    /// Whether the route works within a primary constraint, so that a ranking, a next
    /// bottleneck and the marks that go with them mean something. The routes that park the
    /// scaling plan (*MVP first*, *AI proof of concept first*, *Collect evidence first*)
    /// show the team's scores as a record only, never as a ranking.
    pub fn ranks(&self) -> bool {
        !matches!(self.r.route, Route::MvpFirst | Route::AiProofOfConceptFirst | Route::CollectEvidenceFirst)
    }
}

/// One section of the report: the blocks it adds, or none when it has nothing to say.
type Section = fn(&Ctx) -> Vec<Block>;

/// The report, in order: the decision first, then how the team got there.
const SECTIONS: &[Section] = &[
    decision::header,
    decision::route,
    why::why,
    why::how_sure,
    decision::primary,
    decision::the_move,
    decision::next_bottleneck,
    decision::plan,
    // Follow-through: after the plan it follows, before the record of the workshop that made it.
    follow::decision,
    follow::check_ins,
    follow::previous,
    workshop::gate,
    workshop::filters,
    workshop::constraints,
    workshop::candidates,
    // Workshop mode, at the end of the record: how the room voted, its time, its decisions.
    room::rounds,
    room::time,
    room::decisions_log,
];

/// The whole report for a session.
pub fn document(s: &Session) -> Vec<Block> {
    document_for(s, &recommend(s))
}

/// The whole report for a session whose recommendation is already worked out.
pub fn document_for(s: &Session, r: &Recommendation) -> Vec<Block> {
    let cx = Ctx { s, r };
    SECTIONS.iter().flat_map(|section| section(&cx)).collect()
}

fn fmt_tally(t: Option<Tally>, first: bool) -> (String, String) {
    match t {
        Some(t) => {
            (fmt_median(t.median), with_discuss(t.spread.to_string(), mark(t.discuss(), first), false))
        }
        None => ("–".into(), "–".into()),
    }
}

/// Which discuss mark a disputed value gets: none, the plain one, or "discuss first" when a
/// one-step move of it would change the decision.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    None,
    Discuss,
    DiscussFirst,
}

fn mark(discuss: bool, first: bool) -> Mark {
    match (discuss, first) {
        (false, _) => Mark::None,
        (true, false) => Mark::Discuss,
        (true, true) => Mark::DiscussFirst,
    }
}

/// `value`, followed by its discuss mark ("2 discuss", or "4 (discuss first)").
fn with_discuss(value: String, m: Mark, parenthesised: bool) -> String {
    let marks = &playbook().report.marks;
    let mark = match m {
        Mark::None => return value,
        Mark::Discuss => &marks.discuss,
        Mark::DiscussFirst => &marks.discuss_first,
    };
    if parenthesised { format!("{value} ({mark})") } else { format!("{value} {mark}") }
}

fn filter_name(f: FilterId) -> &'static str {
    &playbook().filter(f).name
}

fn flag_names(c: &RankedCandidate) -> String {
    list(&c.flags, |f| playbook().flag(f).name.as_str())
}

/// The ranking as a table: each candidate's four medians (with their discuss marks), the
/// ranking keys and the mean; `with_title` adds the title and flags columns.
fn score_table(cands: &[RankedCandidate], with_title: bool) -> Block {
    let pb = playbook();
    let cols = &pb.report.columns;
    let mut head: Vec<String> = Vec::new();
    if with_title {
        head.push(cols.candidate.clone());
    }
    head.extend(Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()));
    head.extend([cols.lowest.clone(), cols.mean.clone(), cols.sum.clone()]);
    if with_title {
        head.push(cols.flags.clone());
    }
    let rows = cands
        .iter()
        .map(|c| {
            let mut row = Vec::new();
            if with_title {
                row.push(c.title.clone());
            }
            row.extend(Dimension::ALL.iter().map(|&d| {
                let m = mark(c.discuss.contains(&d), c.discuss_first.contains(&d));
                with_discuss(fmt_median(c.medians.get(d)), m, true)
            }));
            row.push(fmt_median(c.lowest));
            row.push(fmt_mean(c.mean));
            row.push(fmt_median(c.sum));
            if with_title {
                row.push(flag_names(c));
            }
            row
        })
        .collect();
    Block::Table { head, rows }
}

#[cfg(test)]
mod tests;
