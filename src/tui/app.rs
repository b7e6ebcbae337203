//! The one model the wizard draws: which screen, the open session, focus, overlays, status.

use std::path::PathBuf;

use ratatui_textarea::{TextArea, WrapMode};

use super::form::{self, Field};
use super::theme::Theme;
use crate::method::{Recommendation, Session, Step, recommend};
use crate::store::Listed;

pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Status,
    pub theme: Theme,
    pub quit: bool,
}

pub enum Screen {
    Home(Home),
    Wizard(Box<Wizard>),
}

#[derive(Default)]
pub struct Home {
    pub entries: Vec<Listed>,
    pub selected: usize,
    /// The folder listed, shown in the empty state.
    pub dir: String,
}

pub struct Wizard {
    pub path: PathBuf,
    pub session: Session,
    /// The focused field: an index into `form::fields`; `None` while browsing the step.
    pub focus: Option<usize>,
    /// The candidate open in the editor on the candidates step (index into `session.candidates`).
    pub editing: Option<usize>,
    /// The live editor of the focused text field, created when focus lands on it.
    pub editor: Option<Editor>,
    /// Scroll offset of read-only screens (ranking, recommendation).
    pub scroll: u16,
    /// Set by every change to the session, cursor included; the runtime saves and clears it.
    pub dirty: bool,
    /// Set when the session's content (not just the cursor) changed: `derived` is stale.
    pub changed: bool,
    /// Opened read-only (another firstmove has it): nothing is changed or saved.
    pub read_only: bool,
    /// This process's hold on the session file, released when the wizard closes.
    pub lock: Option<crate::store::SessionLock>,
    /// What the rules make of the session, kept up to date by `update` so that drawing a
    /// frame never recomputes it.
    pub derived: Derived,
}

pub struct Derived {
    pub recommendation: Recommendation,
    /// The report the last screen shows, built from the recommendation.
    pub report: Vec<crate::report::Block>,
    /// Per step, in `Step::ALL` order: does it have what it asks for?
    pub done: Vec<bool>,
}

impl Derived {
    pub fn of(s: &Session) -> Derived {
        let recommendation = recommend(s);
        let done = Step::ALL.iter().map(|&st| form::step_done(s, &recommendation, st)).collect();
        let report = crate::report::document_for(s, &recommendation);
        Derived { recommendation, report, done }
    }
}

pub struct Editor {
    pub field: Field,
    pub area: TextArea<'static>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: u16 },
    Jump { selected: usize },
    ConfirmDeleteSession,
    ConfirmDeleteCandidate(usize),
    ConfirmRemoveParticipant(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    None,
    Saved(String),
    Info(String),
    Error(String),
}

impl App {
    pub fn new(theme: Theme) -> App {
        App { screen: Screen::Home(Home::default()), overlay: None, status: Status::None, theme, quit: false }
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
    pub fn open(path: PathBuf, session: Session) -> Wizard {
        let editing = session.cursor.candidate.as_deref().and_then(|id| session.candidate_index(id));
        let mut w = Wizard {
            path,
            focus: Some(session.cursor.field),
            derived: Derived::of(&session),
            session,
            editing,
            editor: None,
            scroll: 0,
            dirty: false,
            changed: false,
            read_only: false,
            lock: None,
        };
        w.clamp_focus();
        w.sync_editor();
        w
    }

    pub fn step(&self) -> Step {
        self.session.cursor.step
    }

    pub fn fields(&self) -> Vec<Field> {
        form::fields(&self.session, self.step(), self.editing)
    }

    pub fn focused(&self) -> Option<Field> {
        self.focus.and_then(|i| self.fields().get(i).copied())
    }

    /// Keeps focus on an existing field after the field list changed.
    pub fn clamp_focus(&mut self) {
        let n = self.fields().len();
        if n == 0 {
            self.focus = None;
        } else if let Some(f) = self.focus {
            self.focus = Some(f.min(n - 1));
        }
    }

    /// Marks a change to the session's content: to be saved, and to be derived again.
    pub fn touch(&mut self) {
        self.dirty = true;
        self.changed = true;
    }

    /// Mirrors step, focus and candidate into the saved cursor.
    pub fn record_cursor(&mut self) {
        let field = self.focus.unwrap_or(0);
        let candidate = self.editing.and_then(|i| self.session.candidates.get(i)).map(|c| c.id.clone());
        let c = &mut self.session.cursor;
        if c.field != field || c.candidate != candidate {
            c.field = field;
            c.candidate = candidate;
            self.dirty = true;
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
}

impl Editor {
    pub fn new(field: Field, text: &str) -> Editor {
        let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        if matches!(field.kind(), form::Kind::Text { multiline: true }) {
            area.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.set_placeholder_text("type here");
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
