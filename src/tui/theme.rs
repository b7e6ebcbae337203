//! One theme for every screen. With `NO_COLOR` set, no colour is ever emitted: emphasis
//! falls back to bold, reverse video and underline, which read on any projector.
//!
//! Terminals differ in background: many laptops start with a light one. Without being told,
//! firstmove uses only what reads on both (the terminal's own foreground in bold, red, magenta,
//! grey, black on yellow for the focus); ANSI blue (dark on black), and cyan, green and yellow
//! (faint on white) appear only when the background is known: `--theme dark` or `--theme light`
//! (or `FIRSTMOVE_THEME`). Nothing is asked of the terminal, so start-up never waits on it.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

/// The terminal's background, as the user told it (`--theme`, `FIRSTMOVE_THEME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Background {
    /// Not told: styles that read on dark and light backgrounds alike.
    #[default]
    Auto,
    Dark,
    Light,
}

impl Background {
    /// `auto`, `dark` or `light` (any case); anything else is `Auto`.
    pub fn parse(v: &str) -> Background {
        match v.trim().to_ascii_lowercase().as_str() {
            "dark" => Background::Dark,
            "light" => Background::Light,
            _ => Background::Auto,
        }
    }
}

static FORCED: OnceLock<Background> = OnceLock::new();

/// The background given on the command line; wins over `FIRSTMOVE_THEME`. Set once, before
/// the wizard starts.
pub fn force(bg: Background) {
    let _ = FORCED.set(bg);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub background: Background,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (see no-color.org); the background
    /// from `--theme`, else `FIRSTMOVE_THEME`, else `Auto`.
    pub fn from_env() -> Theme {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let background = FORCED.get().copied().unwrap_or_else(|| {
            std::env::var("FIRSTMOVE_THEME").map_or(Background::Auto, |v| Background::parse(&v))
        });
        Theme { color, background }
    }

    pub const MONO: Theme = Theme { color: false, background: Background::Auto };
    pub const COLOR: Theme = Theme { color: true, background: Background::Auto };
    pub const DARK: Theme = Theme { color: true, background: Background::Dark };
    pub const LIGHT: Theme = Theme { color: true, background: Background::Light };

    /// A colour per background: (on any, on dark, on light).
    fn fg(self, any: Option<Color>, dark: Color, light: Color) -> Style {
        let c = match (self.color, self.background) {
            (false, _) => None,
            (true, Background::Auto) => any,
            (true, Background::Dark) => Some(dark),
            (true, Background::Light) => Some(light),
        };
        c.map_or(Style::new(), |c| Style::new().fg(c))
    }

    pub fn text(self) -> Style {
        Style::new()
    }
    pub fn dim(self) -> Style {
        self.fg(Some(Color::DarkGray), Color::DarkGray, Color::DarkGray)
    }
    pub fn title(self) -> Style {
        // Dark blue on white, cyan on black; the terminal's own foreground when unknown.
        self.fg(None, Color::Cyan, Color::Blue).add_modifier(Modifier::BOLD)
    }
    pub fn label(self) -> Style {
        // ANSI blue is hard to read on black: light blue there.
        self.fg(None, Color::LightBlue, Color::Blue)
    }
    /// The focused field's label and value.
    pub fn focus(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    /// A chosen option among several.
    pub fn chosen(self) -> Style {
        self.fg(None, Color::Green, DARK_GREEN).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn good(self) -> Style {
        self.fg(None, Color::Green, DARK_GREEN).add_modifier(Modifier::BOLD)
    }
    pub fn warn(self) -> Style {
        // Yellow vanishes on white: magenta reads on both, a dark orange on white.
        self.fg(Some(Color::Magenta), Color::Yellow, DARK_ORANGE).add_modifier(Modifier::BOLD)
    }
    pub fn bad(self) -> Style {
        self.fg(Some(Color::Red), Color::LightRed, Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn key(self) -> Style {
        self.fg(None, Color::Cyan, Color::Blue).add_modifier(Modifier::BOLD)
    }
    /// A timebox that ran over: reverse video, which reads on dark and light backgrounds and
    /// without colour.
    pub fn over(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// The presentation view's headings: bold and underlined, no colour needed.
    pub fn present_title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn border(self) -> Style {
        self.fg(Some(Color::DarkGray), Color::DarkGray, Color::DarkGray)
    }
}

/// xterm-256 colours that keep their contrast on white (the 16 ANSI greens and yellows do not).
const DARK_GREEN: Color = Color::Indexed(28);
const DARK_ORANGE: Color = Color::Indexed(130);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style a screen uses, by name.
    fn styles(t: Theme) -> Vec<(&'static str, Style)> {
        vec![
            ("dim", t.dim()),
            ("title", t.title()),
            ("label", t.label()),
            ("focus", t.focus()),
            ("chosen", t.chosen()),
            ("good", t.good()),
            ("warn", t.warn()),
            ("bad", t.bad()),
            ("key", t.key()),
            ("border", t.border()),
            ("over", t.over()),
            ("present_title", t.present_title()),
        ]
    }

    #[test]
    fn without_a_known_background_no_colour_that_fades_on_black_or_white() {
        // Blue is dark on black; cyan, green, yellow and white are faint on white.
        let faint = [Color::Blue, Color::Cyan, Color::Green, Color::Yellow, Color::White, Color::LightCyan];
        for (name, s) in styles(Theme::COLOR) {
            if name == "focus" {
                // Black on a yellow background of its own: the same on any terminal.
                assert_eq!((s.fg, s.bg), (Some(Color::Black), Some(Color::Yellow)));
                continue;
            }
            assert!(s.bg.is_none(), "{name}");
            assert!(!s.fg.is_some_and(|c| faint.contains(&c)), "{name}: {:?}", s.fg);
        }
    }

    #[test]
    fn a_light_background_gets_no_faint_colours_and_a_dark_one_no_dark_blue() {
        let faint_on_white = [Color::Cyan, Color::Green, Color::Yellow, Color::White, Color::LightYellow];
        for (name, s) in styles(Theme::LIGHT) {
            if name != "focus" {
                assert!(!s.fg.is_some_and(|c| faint_on_white.contains(&c)), "light {name}: {:?}", s.fg);
            }
        }
        for (name, s) in styles(Theme::DARK) {
            assert!(s.fg != Some(Color::Blue), "dark {name}");
        }
    }

    #[test]
    fn no_color_wins_over_any_background() {
        for bg in [Background::Auto, Background::Dark, Background::Light] {
            for (name, s) in styles(Theme { color: false, background: bg }) {
                assert_eq!((s.fg, s.bg), (None, None), "{name} under NO_COLOR with {bg:?}");
            }
        }
    }

    #[test]
    fn the_setting_is_read_as_written() {
        assert_eq!(Background::parse(" Light "), Background::Light);
        assert_eq!(Background::parse("DARK"), Background::Dark);
        assert_eq!(Background::parse("solarized"), Background::Auto);
    }
}
