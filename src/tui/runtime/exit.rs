//! The line printed when the wizard ends: what happened to the session, truthfully.

use crate::sanitize;
use crate::tui::App;

/// What the terminal is told after the wizard closed; `Err` when changes were lost (the
/// exit status is then a failure).
pub fn line(app: &App) -> Result<Option<String>, String> {
    let Some(w) = app.wizard() else { return Ok(None) };
    let show = |p: &std::path::Path| sanitize::escape(&p.display().to_string()).into_owned();
    let file = show(&w.path);
    if w.unsaved() {
        let why = w.save_error.as_deref().unwrap_or("it was not written");
        return Err(format!("the last changes to {file} were NOT saved: {}", sanitize::escape(why)));
    }
    Ok(Some(if w.discarded {
        format!("Changes that were not saved were discarded; {file} keeps its last saved version.")
    } else if let Some(copy) = &w.elsewhere {
        format!("Your changes are saved in {}; {file} was not updated.", show(copy))
    } else if let Some(copy) = &w.conflict {
        format!("Your version is saved in {}; {file} holds the one changed outside firstmove.", show(copy))
    } else if w.read_only && w.file.is_none() {
        format!("Opened read-only: nothing was changed in {file}.")
    } else {
        crate::cli::saved_line(&w.path)
    }))
}
