//! `Cli::bare`, the start without arguments that skips clap, against clap itself, for every
//! mix of the environment variables clap reads. Alone in its test binary: it sets the
//! process's environment, which no other test may read meanwhile.

#![cfg(unix)]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use clap::Parser;
use firstmove::cli::Cli;

#[test]
fn no_arguments_read_the_environment_as_clap_does() {
    let non_utf8 = || Some(OsString::from_vec(vec![b'd', 0xff]));
    let dirs: Vec<Option<OsString>> = vec![
        None,
        Some("".into()),
        Some(" ".into()),
        Some("/tmp/s".into()),
        Some("rel/s".into()),
        non_utf8(),
    ];
    let themes: Vec<Option<OsString>> = [None, Some(""), Some("auto"), Some("dark"), Some("light")]
        .into_iter()
        .map(|t| t.map(OsString::from))
        .chain(["Dark", "LIGHT", " dark", "dark ", "blue", "d"].map(|t| Some(OsString::from(t))))
        .chain([non_utf8()])
        .collect();
    let mut skipped = 0;
    for dir in &dirs {
        for theme in &themes {
            for (k, v) in [("FIRSTMOVE_DIR", dir), ("FIRSTMOVE_THEME", theme)] {
                // SAFETY: this test binary runs this one test, on one thread.
                unsafe {
                    match v {
                        Some(v) => std::env::set_var(k, v),
                        None => std::env::remove_var(k),
                    }
                }
            }
            let clap = Cli::try_parse_from(["firstmove"]);
            let bare = Cli::bare(1, |k| std::env::var_os(k));
            match (&bare, &clap) {
                (Some(b), Ok(c)) => assert_eq!(b, c, "dir {dir:?}, theme {theme:?}"),
                (Some(b), Err(e)) => {
                    panic!("dir {dir:?}, theme {theme:?}: bare gave {b:?}, clap refused: {e}")
                }
                // Clap decides, and says why.
                (None, Err(_)) => skipped += 1,
                (None, Ok(c)) => panic!("dir {dir:?}, theme {theme:?}: clap took it ({c:?}), bare did not"),
            }
        }
    }
    // The refusals: an empty value, and a theme that is none of auto, dark, light (in
    // lower case); the rest, the common starts, skip clap.
    assert_eq!(skipped, dirs.len() * themes.len() - (dirs.len() - 1) * 4);
    // Any argument at all goes to clap.
    assert_eq!(Cli::bare(2, |_| None), None);
}
