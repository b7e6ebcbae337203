//! Every key binding, declared once: where it applies, its keys, the action, the help text.
//! Dispatch (`action`), the `?` overlay (`help_sections`), the footer (`hints`) and the
//! README's key table (`markdown_table`) are all derived from `BINDINGS`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Jump,
    NextStep,
    PrevStep,
    NextField,
    PrevField,
    /// Enter: press a button, or move on.
    Activate,
    /// Esc: leave the field, the editor, or the session.
    Back,
    Left,
    Right,
    Up,
    Down,
    /// A digit 1–5 (the digit comes from the key).
    Digit(u8),
    Clear,
    Toggle,
    New,
    Delete,
    /// Ctrl+D in a participant's name.
    RemoveParticipant,
    WriteReport,
    Yes,
    No,
    /// Try the failed save again.
    Retry,
    /// Write the session to another file.
    SaveElsewhere,
    /// Drop the changes that could not be saved (asks first).
    Discard,
    /// After a conflict: adopt the file as it is on disk.
    Reload,
    /// After a conflict: save ours over it.
    Overwrite,
    /// Open the conflict window again.
    ShowConflict,
    /// A page down / up, the top / the end, on screens that are read.
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Undo in a text field.
    Undo,
    /// A new line in a long answer (Enter moves on there too).
    NewLine,
    /// The score grid: digits move on by person, or by dimension.
    AdvanceMode,
    /// Workshop mode (`tui/workshop.rs`): switch private rounds on or off for this step.
    PrivateRounds,
    /// A ballot in a private round: abstain (again: take the abstention back).
    Abstain,
    /// Start, pause or resume the timebox's clock.
    Clock,
    /// `firstmove serve` for the open session: participants vote from their own terminals.
    Serve,
    /// A minute more, or less, for this step.
    MoreTime,
    LessTime,
    /// Record a decision or an action item.
    Decide,
    /// The presentation view: reveal, ranking, recommendation.
    Present,
}

/// Where a key is pressed: it decides which bindings apply. Derived from the app's state
/// by `update::context`, so dispatch and the footer agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Home,
    /// In a session with no field focused.
    Browse,
    /// A screen that is read, not filled in (ranking, recommendation): arrows scroll.
    Reading,
    /// In a one-line text field: plain keys type, so only chords act.
    Text,
    /// In a multi-line text field: Enter moves on as anywhere; Alt+Enter or Ctrl+J is a new line.
    Multiline,
    Choice,
    Score,
    /// A cell of a candidate's score grid: the arrows and Tab move between cells.
    Grid,
    Toggle,
    /// A list row or a button.
    Button,
    /// A candidate tied at the top of the ranking: Enter records (or takes back) the team's
    /// pick. The screen is otherwise one that is read: its letters are commands.
    Pick,
    /// A private round's button while its round is open: Enter reveals it.
    Reveal,
    /// A private round's button after the reveal: Enter opens a re-vote.
    Revote,
    HelpOverlay,
    JumpOverlay,
    Confirm,
    /// Leaving with changes that are not on disk.
    Unsaved,
    /// Typing a path to save to.
    PathPrompt,
    /// The file changed outside firstmove.
    Conflict,
    /// Typing a new session's name.
    NamePrompt,
    /// Typing a decision or action item (text, owner, due: one line each).
    DecisionPrompt,
    /// The presentation view.
    Presenting,
}

impl Ctx {
    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// A set of contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(u32);

impl Scope {
    const fn of(ctxs: &[Ctx]) -> Scope {
        let mut bits = 0;
        let mut i = 0;
        while i < ctxs.len() {
            bits |= ctxs[i].bit();
            i += 1;
        }
        Scope(bits)
    }

    const fn or(self, other: Scope) -> Scope {
        Scope(self.0 | other.0)
    }

    pub fn contains(self, ctx: Ctx) -> bool {
        self.0 & ctx.bit() != 0
    }
}

use Ctx::*;

/// A field that does not take text is focused: only the keys of that field act (digits,
/// arrows, Space, Enter), never a letter, so typing in the wrong place changes nothing else.
const FIELD: Scope = Scope::of(&[Choice, Score, Grid, Toggle, Button, Reveal, Revote]);
/// No field is focused (or the screen has none).
const FREE: Scope = Scope::of(&[Browse, Reading]);
/// A screen with nothing to type into (ranking, recommendation, qualification): the only
/// place in a session where a letter is a command.
const READ: Scope = Scope::of(&[Reading, Pick]);
/// Where letters are not commands: chords and function keys are.
const NO_LETTERS: Scope = TYPING.or(FIELD).or(Scope::of(&[Browse]));
/// Text contexts: only chords act.
const TYPING: Scope = Scope::of(&[Text, Multiline]);
/// Anywhere in a session.
const WIZARD: Scope = FIELD.or(FREE).or(TYPING).or(Scope::of(&[Pick]));
const OVERLAYS: Scope = Scope::of(&[
    HelpOverlay,
    JumpOverlay,
    Confirm,
    Unsaved,
    PathPrompt,
    Conflict,
    NamePrompt,
    DecisionPrompt,
    Presenting,
]);
/// Where no text is typed: a screen to read, nothing focused, or a field that is not text.
const NO_TEXT: Scope = FREE.or(FIELD).or(Scope::of(&[Pick]));
const EVERYWHERE: Scope = WIZARD.or(OVERLAYS).or(Scope::of(&[Home]));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}
const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}
const fn ctrl(ch: char) -> Key {
    Key { code: KeyCode::Char(ch), mods: KeyModifiers::CONTROL }
}
const fn alt(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::ALT }
}

/// One binding: what the keys do, where, and how help and the footer name them.
#[derive(Debug)]
pub struct Binding {
    pub action: Action,
    pub keys: &'static [Key],
    pub scope: Scope,
    /// How the keys are written in help and the README.
    pub label: &'static str,
    /// The footer's key name and word for it; an empty word keeps it out of the footer.
    pub key_hint: &'static str,
    pub hint: &'static str,
    pub section: Section,
    pub help: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Everywhere,
    Fields,
    Lists,
    Dialogs,
    Workshop,
}

impl Section {
    pub const ALL: [Section; 5] =
        [Section::Everywhere, Section::Fields, Section::Lists, Section::Workshop, Section::Dialogs];

    pub fn title(self) -> &'static str {
        match self {
            Section::Everywhere => "Everywhere",
            Section::Fields => "Fields",
            Section::Lists => "Lists",
            Section::Dialogs => "Dialogs",
            Section::Workshop => "Workshop",
        }
    }
}

macro_rules! bind {
    ($action:expr, [$($key:expr),+], $scope:expr, $label:literal, ($key_hint:literal, $hint:literal), $section:ident, $help:literal) => {
        Binding {
            action: $action,
            keys: &[$($key),+],
            scope: $scope,
            label: $label,
            key_hint: $key_hint,
            hint: $hint,
            section: Section::$section,
            help: $help,
        }
    };
}

/// The bindings, first match wins. The order is also the footer's order of importance.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Dialogs first: they take the keyboard while open.
    bind!(Action::Yes, [c('y'), c('Y')], Scope::of(&[Confirm]), "y", ("y", "yes"), Dialogs, "confirm"),
    bind!(Action::No, [c('n'), c('N'), k(KeyCode::Esc)], Scope::of(&[Confirm]), "n, Esc", ("n", "no"), Dialogs, "cancel"),
    bind!(Action::Up, [k(KeyCode::Up), c('k')], Scope::of(&[HelpOverlay, JumpOverlay]), "↑ ↓ / k j", ("↑ ↓", "move"), Dialogs, "move in a list, or scroll"),
    bind!(Action::Down, [k(KeyCode::Down), c('j')], Scope::of(&[HelpOverlay, JumpOverlay]), "↑ ↓ / k j", ("", ""), Dialogs, "move in a list, or scroll"),
    bind!(Action::PageDown, [k(KeyCode::PageDown), c(' ')], Scope::of(&[HelpOverlay]), "PgDn PgUp Home End", ("PgDn", "page"), Dialogs, "scroll the help by page, to the top, to the end"),
    bind!(Action::PageUp, [k(KeyCode::PageUp)], Scope::of(&[HelpOverlay]), "PgDn PgUp Home End", ("", ""), Dialogs, "scroll the help by page, to the top, to the end"),
    bind!(Action::Top, [k(KeyCode::Home)], Scope::of(&[HelpOverlay]), "PgDn PgUp Home End", ("", ""), Dialogs, "scroll the help by page, to the top, to the end"),
    bind!(Action::Bottom, [k(KeyCode::End)], Scope::of(&[HelpOverlay]), "PgDn PgUp Home End", ("", ""), Dialogs, "scroll the help by page, to the top, to the end"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[JumpOverlay]), "Enter", ("Enter", "go"), Dialogs, "go to the chosen step"),
    bind!(Action::Back, [k(KeyCode::Esc), c('q'), k(KeyCode::F(1)), c('?')], Scope::of(&[HelpOverlay, JumpOverlay]), "Esc", ("Esc", "close"), Dialogs, "close the window"),
    bind!(Action::Retry, [c('r')], Scope::of(&[Unsaved]), "r", ("r", "try again"), Dialogs, "not saved: try the save again"),
    bind!(Action::SaveElsewhere, [c('s')], Scope::of(&[Unsaved]), "s", ("s", "save elsewhere"), Dialogs, "not saved: write the session to another file"),
    bind!(Action::Discard, [c('x')], Scope::of(&[Unsaved]), "x", ("x", "discard"), Dialogs, "not saved: drop the changes (asks first)"),
    bind!(Action::Back, [k(KeyCode::Esc)], Scope::of(&[Unsaved]), "Esc", ("Esc", "keep editing"), Dialogs, "close the window"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[PathPrompt]), "Enter", ("Enter", "save there"), Dialogs, "save to the path typed"),
    bind!(Action::Back, [k(KeyCode::Esc)], Scope::of(&[PathPrompt]), "Esc", ("Esc", "cancel"), Dialogs, "close the window"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[NamePrompt]), "Enter", ("Enter", "create"), Dialogs, "create the session with the name typed"),
    bind!(Action::Back, [k(KeyCode::Esc)], Scope::of(&[NamePrompt]), "Esc", ("Esc", "cancel"), Dialogs, "close the window"),
    bind!(Action::Reload, [c('r')], Scope::of(&[Conflict]), "r", ("r", "reload theirs"), Dialogs, "changed outside: take the file as it is on disk"),
    bind!(Action::Overwrite, [c('o')], Scope::of(&[Conflict]), "o", ("o", "keep mine"), Dialogs, "changed outside: save yours over it"),
    bind!(Action::Back, [k(KeyCode::Esc)], Scope::of(&[Conflict]), "Esc", ("Esc", "decide later"), Dialogs, "close the window"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[DecisionPrompt]), "Enter", ("Enter", "next line / record"), Dialogs, "decision: next line (owner, due), then record it"),
    bind!(Action::NextField, [k(KeyCode::Tab)], Scope::of(&[DecisionPrompt]), "Tab / Shift+Tab", ("Tab", "next line"), Dialogs, "decision: next / previous line"),
    bind!(Action::PrevField, [k(KeyCode::BackTab)], Scope::of(&[DecisionPrompt]), "Tab / Shift+Tab", ("", ""), Dialogs, "decision: next / previous line"),
    bind!(Action::Back, [k(KeyCode::Esc)], Scope::of(&[DecisionPrompt]), "Esc", ("Esc", "cancel"), Dialogs, "close the window"),
    bind!(Action::Back, [k(KeyCode::Esc), k(KeyCode::F(4)), c('q')], Scope::of(&[Presenting]), "Esc, F4, q", ("Esc", "back"), Dialogs, "leave the presentation view"),
    bind!(Action::Down, [k(KeyCode::Down), c('j'), c(' ')], Scope::of(&[Presenting]), "↑ ↓ / k j", ("↑ ↓", "scroll"), Dialogs, "move in a list, or scroll"),
    bind!(Action::Up, [k(KeyCode::Up), c('k')], Scope::of(&[Presenting]), "↑ ↓ / k j", ("", ""), Dialogs, "move in a list, or scroll"),
    // Ctrl+Q and Ctrl+C always quit, typing or not; q only where nothing takes text.
    bind!(Action::Quit, [ctrl('q'), ctrl('c')], NO_LETTERS, "Ctrl+Q, Ctrl+C, q", ("Ctrl+Q", "quit"), Everywhere, "save and quit (q on screens with nothing to type)"),
    bind!(Action::Quit, [ctrl('q'), ctrl('c')], EVERYWHERE, "Ctrl+Q, Ctrl+C, q", ("", ""), Everywhere, "save and quit (q on screens with nothing to type)"),
    bind!(Action::Help, [k(KeyCode::F(1))], NO_LETTERS, "F1, ?", ("F1", "help"), Everywhere, "this help (? on screens with nothing to type)"),
    bind!(Action::Help, [k(KeyCode::F(1)), c('?')], READ.or(Scope::of(&[Home])), "F1, ?", ("?", "help"), Everywhere, "this help (? on screens with nothing to type)"),
    bind!(Action::NextStep, [k(KeyCode::PageDown), ctrl('n')], WIZARD, "PgDn / Ctrl+N", ("PgDn", "next step"), Everywhere, "next step: nothing is required to move on"),
    bind!(Action::PrevStep, [k(KeyCode::PageUp), ctrl('p')], WIZARD, "PgUp / Ctrl+P", ("PgUp", "back"), Everywhere, "previous step: nothing typed is lost"),
    bind!(Action::NextField, [k(KeyCode::Tab)], WIZARD, "Tab / Shift+Tab", ("Tab", "next field"), Everywhere, "next / previous field"),
    bind!(Action::PrevField, [k(KeyCode::BackTab)], WIZARD, "Tab / Shift+Tab", ("", ""), Everywhere, "next / previous field"),
    bind!(Action::Jump, [ctrl('g')], NO_LETTERS, "Ctrl+G, g", ("Ctrl+G", ""), Everywhere, "jump to a step (g on screens with nothing to type)"),
    bind!(Action::Jump, [ctrl('g'), c('g')], READ, "Ctrl+G, g", ("g", "steps"), Everywhere, "jump to a step (g on screens with nothing to type)"),
    bind!(Action::Back, [k(KeyCode::Esc)], TYPING, "Esc", ("Esc", "stop typing"), Everywhere, "leave the field, the candidate, the session"),
    bind!(Action::Back, [k(KeyCode::Esc)], FIELD.or(FREE).or(Scope::of(&[Pick])), "Esc", ("Esc", "leave"), Everywhere, "leave the field, the candidate, the session"),
    // Home.
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[Home, Button]), "Enter", ("Enter", "open/add"), Lists, "open a session or candidate, or add a suggestion"),
    bind!(Action::New, [c('n')], Scope::of(&[Home]), "n", ("n", "new"), Lists, "new session (it asks for the name)"),
    bind!(Action::Delete, [c('d'), k(KeyCode::Delete)], Scope::of(&[Home]), "d, Delete", ("d", "delete"), Lists, "delete (asks first)"),
    bind!(Action::Delete, [k(KeyCode::Delete)], FIELD.or(FREE), "d, Delete", ("Del", "delete"), Lists, "delete (asks first)"),
    bind!(Action::Up, [k(KeyCode::Up), c('k'), k(KeyCode::BackTab)], Scope::of(&[Home]), "↓ ↑ / j k", ("", ""), Lists, "next / previous row"),
    bind!(Action::Down, [k(KeyCode::Down), c('j'), k(KeyCode::Tab)], Scope::of(&[Home]), "↓ ↑ / j k", ("↑ ↓", "choose"), Lists, "next / previous row"),
    bind!(Action::Quit, [c('q')], Scope::of(&[Home]), "Ctrl+Q, Ctrl+C, q", ("q", "quit"), Everywhere, "save and quit (q on screens with nothing to type)"),
    // Fields that are not text.
    bind!(Action::Digit(0), [c('1'), c('2'), c('3'), c('4'), c('5')], Scope::of(&[Score, Grid]), "1-5, 0", ("1-5", "score"), Fields, "give or clear a score; giving one moves on"),
    bind!(Action::Digit(0), [c('1'), c('2'), c('3'), c('4'), c('5')], Scope::of(&[Choice]), "1-5", ("1-5", "choose"), Fields, "pick an option by its number"),
    bind!(Action::Clear, [c('0'), k(KeyCode::Backspace)], Scope::of(&[Score, Grid, Choice]), "1-5, 0", ("0", "clear"), Fields, "give or clear a score; giving one moves on"),
    bind!(Action::AdvanceMode, [ctrl('t')], Scope::of(&[Grid]), "Ctrl+T", ("Ctrl+T", "advance"), Fields, "grid: digits move on by person or by dimension"),
    bind!(Action::Left, [k(KeyCode::Left)], Scope::of(&[Choice, Score, Toggle]), "← →", ("← →", "change"), Fields, "change a choice or a score"),
    bind!(Action::Right, [k(KeyCode::Right)], Scope::of(&[Choice, Score, Toggle]), "← →", ("", ""), Fields, "change a choice or a score"),
    // The score grid: arrows and Tab move from cell to cell, digits score.
    bind!(Action::Left, [k(KeyCode::Left)], Scope::of(&[Grid]), "← → ↑ ↓", ("← →", "dimension"), Fields, "score grid: another dimension / person"),
    bind!(Action::Right, [k(KeyCode::Right)], Scope::of(&[Grid]), "← → ↑ ↓", ("", ""), Fields, "score grid: another dimension / person"),
    bind!(Action::Up, [k(KeyCode::Up)], Scope::of(&[Grid]), "← → ↑ ↓", ("↑ ↓", "person"), Fields, "score grid: another dimension / person"),
    bind!(Action::Down, [k(KeyCode::Down)], Scope::of(&[Grid]), "← → ↑ ↓", ("", ""), Fields, "score grid: another dimension / person"),
    bind!(Action::NextField, [k(KeyCode::Tab)], Scope::of(&[Grid]), "Tab / Shift+Tab", ("Tab", "next cell"), Fields, "score grid: next / previous cell"),
    bind!(Action::PrevField, [k(KeyCode::BackTab)], Scope::of(&[Grid]), "Tab / Shift+Tab", ("", ""), Fields, "score grid: next / previous cell"),
    bind!(Action::Toggle, [c(' ')], Scope::of(&[Toggle]), "Space", ("Space", "tick"), Fields, "tick a checklist item"),
    // A facilitator types in front of the room: Enter does what the footer says in every
    // field, long answers included; a new line there is a chord of its own.
    bind!(Action::NewLine, [alt(KeyCode::Enter), ctrl('j')], Scope::of(&[Multiline]), "Alt+Enter, Ctrl+J", ("Alt+Enter", "new line"), Fields, "a new line in a long answer"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[Browse, Reading, Choice, Score, Grid, Toggle, Text, Multiline]), "Enter", ("Enter", "next"), Fields, "next field; on the last one, next step"),
    bind!(Action::Down, [k(KeyCode::Down)], FIELD.or(Scope::of(&[Browse, Text, Pick])), "↓ ↑", ("", ""), Fields, "next / previous field (long answers: lines)"),
    bind!(Action::Up, [k(KeyCode::Up)], FIELD.or(Scope::of(&[Browse, Text, Pick])), "↓ ↑", ("", ""), Fields, "next / previous field (long answers: lines)"),
    bind!(Action::Down, [k(KeyCode::Down), c('j')], Scope::of(&[Reading]), "↓ ↑ / j k", ("↑ ↓", "scroll"), Fields, "scroll a line on the screens that are read"),
    bind!(Action::Up, [k(KeyCode::Up), c('k')], Scope::of(&[Reading]), "↓ ↑ / j k", ("", ""), Fields, "scroll a line on the screens that are read"),
    bind!(Action::PageDown, [c(' ')], Scope::of(&[Reading]), "Space, b, Home, End", ("Space", "page"), Fields, "page down / up, top, end on screens to read"),
    bind!(Action::PageUp, [c('b')], Scope::of(&[Reading]), "Space, b, Home, End", ("", ""), Fields, "page down / up, top, end on screens to read"),
    bind!(Action::Top, [k(KeyCode::Home)], Scope::of(&[Reading]), "Space, b, Home, End", ("", ""), Fields, "page down / up, top, end on screens to read"),
    bind!(Action::Bottom, [k(KeyCode::End)], Scope::of(&[Reading]), "Space, b, Home, End", ("", ""), Fields, "page down / up, top, end on screens to read"),
    bind!(Action::Undo, [ctrl('z')], TYPING, "Ctrl+Z", ("", ""), Fields, "undo the last edit in a text field (also Ctrl+U)"),
    bind!(Action::RemoveParticipant, [ctrl('d')], Scope::of(&[Text]), "Ctrl+D", ("Ctrl+D", "remove"), Lists, "remove this participant (asks if they scored)"),
    bind!(Action::ShowConflict, [ctrl('o')], NO_LETTERS, "Ctrl+O, c", ("Ctrl+O", "conflict"), Everywhere, "the file changed outside: choose what to keep"),
    bind!(Action::ShowConflict, [ctrl('o'), c('c')], READ, "Ctrl+O, c", ("c", "conflict"), Everywhere, "the file changed outside: choose what to keep"),
    bind!(Action::Quit, [c('q')], READ, "Ctrl+Q, Ctrl+C, q", ("q", "quit"), Everywhere, "save and quit (q on screens with nothing to type)"),
    bind!(Action::WriteReport, [c('w')], READ, "w", ("w", "write report"), Everywhere, "write the Markdown report beside the session file"),
    // Workshop mode: function keys, and + - only where nothing takes text.
    bind!(Action::Abstain, [ctrl('a')], Scope::of(&[Score, Grid]), "Ctrl+A", ("Ctrl+A", "abstain"), Fields, "private round: abstain, or take it back"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[Reveal]), "Enter", ("Enter", "reveal"), Fields, "round button: reveal (the missing: not voted)"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[Pick]), "Enter", ("Enter", "pick / unpick"), Fields, "ranking tie: record the team's pick (again: undo)"),
    bind!(Action::Activate, [k(KeyCode::Enter)], Scope::of(&[Revote]), "Enter", ("Enter", "re-vote"), Fields, "round button: re-vote (earlier rounds are kept)"),
    bind!(Action::PrivateRounds, [k(KeyCode::F(3))], WIZARD, "F3", ("F3", "private round"), Workshop, "private rounds on / off for this step"),
    bind!(Action::Present, [k(KeyCode::F(4))], WIZARD, "F4", ("F4", "present"), Workshop, "presentation view: reveal, ranking, recommendation"),
    bind!(Action::Decide, [k(KeyCode::F(2))], WIZARD, "F2", ("F2", "decision"), Workshop, "record a decision or action item (owner, due)"),
    bind!(Action::Clock, [k(KeyCode::F(5))], WIZARD, "F5", ("F5", "clock"), Workshop, "timebox: start the clock, pause it, resume it"),
    bind!(Action::Serve, [k(KeyCode::F(6))], WIZARD, "F6", ("F6", "serve"), Workshop, "participants vote from their own laptops (SSH)"),
    bind!(Action::MoreTime, [c('+')], NO_TEXT, "+, -", ("+ -", "a minute"), Workshop, "timebox: a minute more / less for this step"),
    bind!(Action::LessTime, [c('-')], NO_TEXT, "+, -", ("", ""), Workshop, "timebox: a minute more / less for this step"),
];

/// The editor's own keys inside a text field (ratatui-textarea), listed in help.
/// Nothing else reaches the editor (`editing::edit`).
pub const EDITOR_KEYS: &[(&str, &str)] = &[
    ("Backspace, Ctrl+H / Del", "delete the character before / after"),
    ("Ctrl+W / Alt+Backspace", "delete the word before the cursor"),
    ("Ctrl+Z, Ctrl+U / Ctrl+R", "undo / redo"),
    ("Ctrl+A / Ctrl+E", "start / end of the line"),
    ("Ctrl+← / Ctrl+→", "word left / right"),
    ("Ctrl+K", "delete to the end of the line"),
];

fn matches(key: &Key, ev: KeyEvent) -> bool {
    // Shift is part of the character for letters and symbols ('?', 'Y'), and of BackTab.
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    key.code == ev.code && key.mods == mods
}

/// The binding a key has in `ctx`, if any, with a digit filled in from the key.
pub fn action(ev: KeyEvent, ctx: Ctx) -> Option<Action> {
    let b = BINDINGS.iter().find(|b| b.scope.contains(ctx) && b.keys.iter().any(|key| matches(key, ev)))?;
    Some(match (b.action, ev.code) {
        (Action::Digit(_), KeyCode::Char(d)) => Action::Digit(d as u8 - b'0'),
        (a, _) => a,
    })
}

/// The footer's hints in `ctx`: every binding with a hint that applies here and that
/// `available` says does something now, so the footer never offers a dead key. What the
/// focused thing takes comes first, then moving around.
pub fn hints(ctx: Ctx, available: impl Fn(Action) -> bool) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let rank = |b: &&Binding| match b.section {
        Section::Dialogs => 0,
        Section::Fields => 1,
        Section::Lists => 2,
        Section::Everywhere => 3,
        Section::Workshop => 4,
    };
    let mut ordered: Vec<&Binding> = BINDINGS.iter().collect();
    ordered.sort_by_key(rank);
    for b in ordered {
        if b.hint.is_empty() || !b.scope.contains(ctx) || !available(b.action) {
            continue;
        }
        if !out.iter().any(|(k, h)| *k == b.key_hint || *h == b.hint) {
            out.push((b.key_hint, b.hint));
        }
    }
    out
}

/// The name of the key that does `action` in `ctx` (the header's "g: steps" or "Ctrl+G:
/// steps"), from the first binding that applies there, as dispatch finds it.
pub fn key_name(action: Action, ctx: Ctx) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.scope.contains(ctx))
        .map(|b| b.key_hint)
        .filter(|k| !k.is_empty())
}

/// The help overlay's lines, by section: (keys, what), bindings with the same label and
/// text merged, then the editor's own keys.
pub fn help_sections() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut out = Vec::new();
    for section in Section::ALL {
        let mut lines: Vec<(&str, &str)> = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.section == section) {
            if !lines.iter().any(|(l, h)| *l == b.label && *h == b.help) {
                lines.push((b.label, b.help));
            }
        }
        out.push((section.title(), lines));
        if section == Section::Fields {
            out.push(("Typing", EDITOR_KEYS.to_vec()));
        }
    }
    out
}

/// The README's key table, derived from the same bindings (a test keeps README in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | what they do |\n|---|---|\n");
    for (_, lines) in help_sections().into_iter().filter(|(t, _)| *t != "Typing") {
        for (keys, what) in lines {
            let keys = keys.split(", ").map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            out.push_str(&format!("| {keys} | {what} |\n"));
        }
    }
    out
}
