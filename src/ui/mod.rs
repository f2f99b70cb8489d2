//! Drawing: pure functions of `&App`. Panes first, then popups bottom to top.

pub mod areas;
pub mod corpus_search;
pub mod doc_list;
pub mod entity_form;
pub mod help;
pub mod inline;
pub mod jump;
pub mod note_form;
pub mod reader;
pub mod sidebar;
pub mod status_bar;
pub mod theme;

use ratatui::Frame;

use crate::app::{App, Popup};
use areas::Areas;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App) {
    let screen = frame.area();
    let areas = Areas::compute(screen, &app.prefs, app.focus);
    let buf = frame.buffer_mut();
    if let Some(r) = areas.list {
        doc_list::render(buf, r, app);
    }
    if let Some(r) = areas.reader {
        reader::render(buf, r, app);
    }
    if let Some(r) = areas.sidebar {
        sidebar::render(buf, r, app);
    }
    status_bar::render(buf, areas.status, app);
    for popup in &app.popups {
        match popup {
            Popup::Help(state) => help::render(buf, screen, app, state),
            Popup::NoteForm(form) => note_form::render(buf, screen, app, form),
            // drawn by the Notes tab itself
            Popup::NotesFilter => {}
            Popup::EntityForm(form) => entity_form::render(buf, screen, app, form),
            // drawn by the Entities tab itself
            Popup::EntitiesFilter => {}
            Popup::Jump(p) => jump::render(buf, screen, app, p),
            Popup::Search(p) => corpus_search::render(buf, screen, app, p),
            Popup::Find(input) => jump::render_find(buf, screen, app, input),
        }
    }
}
