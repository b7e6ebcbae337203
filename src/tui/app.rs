//! The one model the wizard draws: which screen, the open session, focus, overlays, status,
//! and what the rules make of the session (`Derived`), so drawing computes nothing.

use std::path::PathBuf;

use ratatui_textarea::{TextArea, WrapMode};

use super::field::Field;
use super::msg::Leave;
use super::steps;
use super::theme::Theme;
use crate::method::recommend::{analysis_key, finish, recommend_core};
use crate::method::rules::Tallies;
use crate::method::{ConstraintId, Recommendation, Session, Step, robustness};
use crate::store::{Listed, SessionFile};

pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Status,
    pub theme: Theme,
    /// The terminal's size, as the last `Msg::Resize` said: scroll limits depend on it.
    pub size: (u16, u16),
    /// The user asked to close the session or quit: the runtime saves first, and leaves
    /// only once nothing unsaved would be lost.
    pub leaving: Option<Leave>,
    /// The path typed in the "save elsewhere" prompt.
    pub prompt: Option<TextArea<'static>>,
    /// Set by the runtime when it is done: the loop ends.
    pub quit: bool,
    /// `firstmove serve`: whether it is asked for, where it listens, who is connected.
    pub remote: crate::serve::Presence,
}

pub enum Screen {
    Home(Home),
    Wizard(Box<Wizard>),
}

#[derive(Default)]
pub struct Home {
    pub entries: Vec<Listed>,
    /// Session files found but not read yet (start-up draws before reading them all);
    /// listed after `entries`.
    pub pending: crate::store::PathList,
    pub selected: usize,
    /// The folder listed, shown in the empty state.
    pub dir: String,
    /// The folder's names are in (`Msg::Found` or `Msg::Listed`). Until then the list says
    /// the folder is being read, never that it is empty: start-up draws before listing.
    pub found: bool,
    /// Why the folder could not be listed, said in the list's place (not "No sessions yet").
    pub unreadable: Option<String>,
}

/// What is open for editing inside a step, beyond its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    Nothing,
    /// A candidate open in the editor of the candidates step (index into `session.candidates`).
    Candidate(usize),
    /// A check-in open on the follow-through step (index into `session.check_ins`).
    CheckIn(usize),
}

/// Where a digit in the score grid moves on to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Advance {
    /// The same person's next dimension ("Maya: 4 3 5 4").
    #[default]
    ByPerson,
    /// The next person on the same dimension ("everyone: Impact?").
    ByDimension,
}

pub struct Wizard {
    pub path: PathBuf,
    pub session: Session,
    /// The focused field: an index into the step's fields; `None` while browsing the step.
    pub focus: Option<usize>,
    /// The field to come back to when browsing ends (Tab, Enter): the one left with Esc, or
    /// the one a resumed session was saved on.
    pub last_focus: Option<usize>,
    pub editing: Editing,
    pub advance: Advance,
    /// The live editor of the focused text field, created when focus lands on it.
    pub editor: Option<Editor>,
    /// Scroll offset of the screens that are read (ranking, recommendation); kept within
    /// the content by `update`.
    pub scroll: u16,
    /// Set by every change to the session's content (and a change of step); the runtime
    /// saves and clears it.
    pub dirty: bool,
    /// The cursor (focus, candidate) moved since the last save: written with the next
    /// content change, on a step change and on leaving, not on every arrow key.
    pub cursor_moved: bool,
    /// A save of this session is in flight on the writer thread, which holds `file` until it
    /// reports (`runtime::saver`).
    pub saving: bool,
    /// Set when the session's content (not just the cursor) changed: `derived` is stale.
    pub changed: bool,
    /// Opened read-only (another firstmove has it; `file` is `None`), or the lock was lost
    /// while open (`file` is kept): nothing is changed, and only an explicit retry saves,
    /// re-taking the lock first.
    pub read_only: bool,
    /// The session's file: its lock, and what this process last wrote. `None` when nothing
    /// is saved (read-only, or detached in tests).
    pub file: Option<Box<SessionFile>>,
    /// Why the last save did not land, while the changes are only in memory.
    pub save_error: Option<String>,
    /// The file changed outside firstmove: saves go to this copy until the user decides.
    pub conflict: Option<PathBuf>,
    /// The changes were written to this other file because the session's own could not be.
    pub elsewhere: Option<PathBuf>,
    /// The user chose to drop the unsaved changes.
    pub discarded: bool,
    pub derived: Derived,
    /// Workshop mode's clock (the last tick, the timebox's meter): in memory only.
    pub clock: super::workshop::Clock,
    /// The session of the folder that is this one's next cycle (its file and name), as the
    /// runtime found it when the session opened: "start the next cycle" opens it instead.
    pub next_cycle: Option<(PathBuf, String)>,
    /// Participants voting from their own terminals (`firstmove serve`): their values stay
    /// hidden on this screen even where their row has the focus.
    pub remote_voters: Vec<crate::method::model::ParticipantId>,
    /// Today, as `YYYY-MM-DD`: the day a decision or a check-in is given, and the last day a
    /// check-in may have. The clock's (`store::today`); tests set their own.
    pub today: fn() -> String,
}

/// The report's lines and the width and theme they were laid out for.
type ReportLines =
    std::cell::RefCell<Option<(u16, crate::tui::theme::Theme, std::rc::Rc<[ratatui::text::Line<'static>]>)>>;

/// Everything a frame needs that the rules compute, rebuilt only when the content changes.
pub struct Derived {
    pub recommendation: Recommendation,
    /// The report the last screen shows, built from the recommendation the first time that
    /// screen asks (`Derived::report`): typing elsewhere never pays for it.
    report: std::cell::OnceCell<Vec<crate::report::Block>>,
    /// How many lines the report takes at a width, the last width asked: scroll limits
    /// ask on every key, and laying out the whole report for that is not free.
    report_height: std::cell::Cell<Option<(u16, u16)>>,
    /// The report laid out at the width and theme the last frame asked: a frame draws a
    /// window of it, and the whole workshop (hundreds of candidates) takes milliseconds to lay
    /// out, too long to do on every key.
    report_lines: ReportLines,
    /// Per step, in `Step::ALL` order: is it complete by its stated rule?
    pub done: Vec<bool>,
    /// Indices of the candidates of the primary constraint, in file order.
    pub listed: Vec<usize>,
    /// `method::recommend::analysis_key` of the session the robustness analysis was run on.
    analysis: u64,
}

impl Derived {
    pub fn of(s: &Session) -> Derived {
        Derived::after(s, None)
    }

    /// What the rules make of `s`, reusing `before`'s robustness analysis (the costly part:
    /// every score moved by one) when nothing it reads has changed, as when typing an answer.
    /// The result is the same as `of`; a property test in tests/hardening.rs checks it.
    pub fn after(s: &Session, before: Option<&Derived>) -> Derived {
        let analysis = analysis_key(s);
        let mut recommendation = recommend_core(s);
        let robust = match before {
            Some(b) if b.analysis == analysis => b.recommendation.robustness.clone(),
            _ => robustness(s, &recommendation),
        };
        finish(s, &mut recommendation, robust);
        let primary = recommendation.primary.as_ref().map(|p| p.constraint);
        let listed = listed_candidates(s, primary);
        let report = std::cell::OnceCell::new();
        let report_height = std::cell::Cell::new(None);
        let report_lines = ReportLines::default();
        let mut d = Derived {
            recommendation,
            report,
            report_height,
            report_lines,
            done: Vec::new(),
            listed,
            analysis,
        };
        d.done = Step::ALL.iter().map(|&st| steps::screen(st).done(s, &d)).collect();
        d
    }

    /// The report of the session this was derived from.
    pub fn report(&self, s: &Session) -> &[crate::report::Block] {
        self.report.get_or_init(|| crate::report::document_for(s, &self.recommendation))
    }

    /// Lines of the report at `width` (laid out by `measure` the first time for that width).
    pub fn report_height(&self, width: u16, measure: impl FnOnce() -> u16) -> u16 {
        match self.report_height.get() {
            Some((w, h)) if w == width => h,
            _ => {
                let h = measure();
                self.report_height.set(Some((width, h)));
                h
            }
        }
    }

    /// Per candidate (index into `session.candidates`), the tally of each dimension.
    pub fn tallies(&self) -> &[Tallies] {
        &self.recommendation.tallies
    }

    /// The report laid out by `lay_out` at `width` in `theme`, reused while neither changes.
    pub fn report_lines(
        &self,
        width: u16,
        theme: crate::tui::theme::Theme,
        lay_out: impl FnOnce() -> Vec<ratatui::text::Line<'static>>,
    ) -> std::rc::Rc<[ratatui::text::Line<'static>]> {
        let mut cache = self.report_lines.borrow_mut();
        match &*cache {
            Some((w, t, lines)) if *w == width && *t == theme => lines.clone(),
            _ => {
                let lines: std::rc::Rc<[_]> = lay_out().into();
                *cache = Some((width, theme, lines.clone()));
                lines
            }
        }
    }

    pub fn primary(&self) -> Option<ConstraintId> {
        self.recommendation.primary.as_ref().map(|p| p.constraint)
    }

    /// The lowest of a candidate's four medians, once every dimension has a score.
    pub fn lowest(&self, candidate: usize) -> Option<f64> {
        let t = self.tallies().get(candidate)?;
        t.iter().try_fold(f64::INFINITY, |low, t| t.map(|t| low.min(t.median)))
    }
}

fn listed_candidates(s: &Session, primary: Option<ConstraintId>) -> Vec<usize> {
    let Some(p) = primary else { return Vec::new() };
    s.candidates.iter().enumerate().filter(|(_, c)| c.constraint == p).map(|(i, _)| i).collect()
}

pub struct Editor {
    pub field: Field,
    pub area: TextArea<'static>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Jump {
        selected: usize,
    },
    ConfirmDeleteSession,
    ConfirmDeleteCandidate {
        candidate: usize,
    },
    ConfirmRemoveParticipant {
        person: usize,
    },
    /// Leaving while the last changes are not on disk: retry, save elsewhere, discard, or stay.
    Unsaved {
        then: Leave,
    },
    /// The path for "save elsewhere" (typed into `App::prompt`).
    SaveAs {
        then: Leave,
    },
    /// "Discard the changes that are not saved?"
    ConfirmDiscard {
        then: Leave,
    },
    /// The file was changed outside firstmove: reload theirs or keep ours.
    Conflict,
    /// The name of a new session (typed into `App::prompt`).
    NewSession,
    /// "Start the next cycle?" (follow-through).
    ConfirmNextCycle,
    /// "Delete this check-in?" (follow-through).
    ConfirmDeleteCheckIn {
        check_in: usize,
    },
    /// A decision or action item: text, owner, due, one line each of `App::prompt`.
    Decision,
    /// The presentation view of the step (reveal, ranking, recommendation).
    Present {
        scroll: u16,
    },
}

/// The status line. What it says about the file (a save's result, an error about saving)
/// and about what was done (opened, written, deleted) stays until something replaces it; a
/// `Hint` about the key just pressed goes at the next key (`Status::key_pressed`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    None,
    Saved(String),
    Info(String),
    Error(String),
    /// A word about the key just pressed (what a field takes, why a key does nothing here),
    /// shown over what the line said (kept in the box, shown again when the hint goes).
    Hint(String, Box<Status>),
}

impl Status {
    /// Says `text` about the key just pressed, until the next key.
    pub fn hint(&mut self, text: String) {
        let under = match std::mem::take(self) {
            Status::Hint(_, under) => *under,
            under => under,
        };
        *self = Status::Hint(text, Box::new(under));
    }

    /// The one rule for clearing: a key (or a paste) ends a hint, and what it covered shows
    /// again; nothing else is cleared by a key, so an error about saving stays until a save
    /// replaces it.
    pub fn key_pressed(&mut self) {
        if let Status::Hint(_, under) = self {
            *self = std::mem::take(under.as_mut());
        }
    }
}

impl Home {
    /// Rows: the sessions read, then those still being read.
    pub fn rows(&self) -> usize {
        self.entries.len() + self.pending.len()
    }

    /// The path of a row, read or not.
    pub fn path(&self, row: usize) -> Option<&std::path::Path> {
        match self.entries.get(row) {
            Some(e) => Some(&e.path),
            None => self.pending.get(row - self.entries.len()),
        }
    }
}

impl App {
    /// The terminal is smaller than a form can be drawn in (`view::MIN_WIDTH` × `MIN_HEIGHT`):
    /// the frame shows a notice instead.
    pub fn too_small(&self) -> bool {
        self.size.0 < super::view::MIN_WIDTH || self.size.1 < super::view::MIN_HEIGHT
    }

    pub fn new(theme: Theme) -> App {
        App {
            screen: Screen::Home(Home::default()),
            overlay: None,
            status: Status::None,
            theme,
            size: (80, 24),
            leaving: None,
            prompt: None,
            quit: false,
            remote: Default::default(),
        }
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        match &self.screen {
            Screen::Wizard(w) => Some(w),
            Screen::Home(_) => None,
        }
    }

    pub fn wizard_mut(&mut self) -> Option<&mut Wizard> {
        match &mut self.screen {
            Screen::Wizard(w) => Some(w),
            Screen::Home(_) => None,
        }
    }
}

impl Wizard {
    /// Opens `session` where it was left: same step, same field, same candidate.
    pub fn open(path: PathBuf, mut session: Session) -> Wizard {
        // A decided session reopens on its follow-through: that is what the team comes back for.
        if session.follow_through.is_some() && session.cursor.step != Step::FollowThrough {
            session.cursor = crate::method::Cursor { step: Step::FollowThrough, field: 0, candidate: None };
        }
        let editing = match session.cursor.candidate.as_deref().and_then(|id| session.candidate_index(id)) {
            Some(i) => Editing::Candidate(i),
            None => Editing::Nothing,
        };
        let saved = session.cursor.field;
        let mut w = Wizard {
            path,
            focus: Some(saved),
            last_focus: None,
            derived: Derived::of(&session),
            session,
            editing,
            advance: Advance::default(),
            editor: None,
            scroll: 0,
            dirty: false,
            cursor_moved: false,
            saving: false,
            changed: false,
            read_only: false,
            file: None,
            save_error: None,
            conflict: None,
            elsewhere: None,
            discarded: false,
            clock: Default::default(),
            next_cycle: None,
            remote_voters: Vec::new(),
            today: crate::store::today,
        };
        w.clamp_focus();
        // Never open inside a text field: a key meant for the wizard would be typed into the
        // session. Browsing starts where it was left; Tab or Enter goes back in. A new
        // session without a name is the exception: its name is what comes next.
        let new_and_unnamed = w.session.name.trim().is_empty() && w.step() == Step::Setup;
        if w.focused().is_some_and(Field::is_text) && !new_and_unnamed {
            w.last_focus = w.focus.take();
        }
        w.sync_editor();
        w
    }

    pub fn step(&self) -> Step {
        self.session.cursor.step
    }

    pub fn fields(&self) -> Vec<Field> {
        steps::screen(self.step()).fields(&self.session, &self.derived, self.editing)
    }

    pub fn focused(&self) -> Option<Field> {
        self.focus.and_then(|i| self.fields().get(i).copied())
    }

    /// The candidate open in the editor, if it still exists.
    pub fn editing_candidate(&self) -> Option<usize> {
        match self.editing {
            Editing::Candidate(i) if i < self.session.candidates.len() => Some(i),
            Editing::Candidate(_) | Editing::CheckIn(_) | Editing::Nothing => None,
        }
    }

    /// The check-in open on the follow-through step, if it still exists.
    pub fn editing_check_in(&self) -> Option<usize> {
        match self.editing {
            Editing::CheckIn(i) if i < self.session.check_ins.len() => Some(i),
            Editing::CheckIn(_) | Editing::Candidate(_) | Editing::Nothing => None,
        }
    }

    /// Keeps focus on an existing field after the field list changed.
    pub fn clamp_focus(&mut self) {
        let n = self.fields().len();
        if n == 0 {
            self.focus = None;
            self.last_focus = None;
        } else {
            self.focus = self.focus.map(|f| f.min(n - 1));
            self.last_focus = self.last_focus.map(|f| f.min(n - 1));
        }
    }

    /// Whether leaving now would lose changes: they are in memory only, and the user has
    /// neither saved them elsewhere nor chosen to discard them.
    pub fn unsaved(&self) -> bool {
        (self.dirty || self.cursor_moved || self.saving)
            && !self.discarded
            && (!self.read_only || self.save_error.is_some())
    }

    /// Marks a change to the session's content: to be saved, and to be derived again.
    pub fn touch(&mut self) {
        self.dirty = true;
        self.changed = true;
    }

    /// Mirrors step, focus and candidate into the saved cursor.
    pub fn record_cursor(&mut self) {
        let field = self.focus.or(self.last_focus).unwrap_or(0);
        let candidate = self.editing_candidate().map(|i| self.session.candidates[i].id.clone());
        let c = &mut self.session.cursor;
        if c.field != field || c.candidate != candidate {
            c.field = field;
            c.candidate = candidate;
            self.cursor_moved = true;
        }
    }

    /// Creates the editor for the focused text field, or drops it when focus left text.
    pub fn sync_editor(&mut self) {
        let focused = self.focused().filter(|f| f.is_text());
        match (focused, &self.editor) {
            (Some(f), Some(e)) if e.field == f => {}
            (Some(f), _) => self.editor = Some(Editor::new(f, f.text(&self.session))),
            (None, _) => self.editor = None,
        }
    }

    /// Closes what is open for editing. A check-in closed as "+ Add a check-in" made it
    /// (today's date, nothing else) was opened and cancelled: it is removed, so that nothing
    /// is added; one with anything typed in it is kept. Returns whether one was removed.
    pub fn end_editing(&mut self) -> bool {
        let cancelled = self.cancelled_check_in();
        self.editing = Editing::Nothing;
        let Some(i) = cancelled else { return false };
        self.session.remove_check_in(i);
        self.editor = None;
        self.touch();
        true
    }

    /// The open check-in, if it is still as "+ Add a check-in" made it.
    pub fn cancelled_check_in(&self) -> Option<usize> {
        let i = self.editing_check_in()?;
        let c = &self.session.check_ins[i];
        (c.is_empty() && c.date.trim() == (self.today)()).then_some(i)
    }

    /// Re-establishes the invariants after any change: the derived cache up to date, focus
    /// on a real field, the cursor recorded, an editor exactly when a text field is focused.
    pub fn settle(&mut self) {
        if self.changed {
            self.derived = Derived::after(&self.session, Some(&self.derived));
            self.changed = false;
        }
        if self.editing_candidate().is_none() && self.editing_check_in().is_none() {
            self.editing = Editing::Nothing;
        }
        self.clamp_focus();
        self.record_cursor();
        self.sync_editor();
    }
}

/// `text` with each line or paragraph separator (U+2028, U+2029) as a line break, or a space.
pub(crate) fn separators(text: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    if text.contains(['\u{2028}', '\u{2029}']) {
        text.replace(['\u{2028}', '\u{2029}'], if lines { "\n" } else { " " }).into()
    } else {
        text.into()
    }
}

impl Editor {
    pub fn new(field: Field, text: &str) -> Editor {
        // A line or paragraph separator would be drawn raw (a line break to some terminals):
        // a new line where the field has lines, else a space, as a pasted one is.
        let text = separators(text, field.is_multiline());
        let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        if field.is_multiline() {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.set_placeholder_text(field.placeholder());
        // The editor's own defaults use colours; these read the same with NO_COLOR.
        let plain = ratatui::style::Style::default();
        area.set_placeholder_style(plain.add_modifier(ratatui::style::Modifier::DIM));
        area.set_selection_style(plain.add_modifier(ratatui::style::Modifier::REVERSED));
        Editor { field, area }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}
