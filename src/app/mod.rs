//! The application state and its only mutators: [`App::handle_event`] and
//! [`App::update`]. No I/O happens here; what the outside must do comes back
//! as [`Effect`]s. Rendering reads `&App` (see `crate::ui`).

mod annotate;
mod configure;
mod corpus_events;
pub mod corpus_search;
mod entities_tab;
mod entity_form;
mod entity_rows;
mod find;
mod highlight;
pub mod jump;
pub mod line_input;
pub mod list;
mod motion;
mod mouse;
pub mod note_form;
mod notes_tab;
mod popup;
mod popup_mouse;
mod reader;
mod sidebar;
mod status;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::action::{Action, Effect};
use crate::annotations::session::AnnotationState;
use crate::corpus::{Corpus, DocKey, Document};
use crate::event::AppEvent;
use crate::keymap::{Key, KeyContext, Keymap, Resolved};
use crate::text::LayoutOptions;
use crate::ui::areas::{Areas, LayoutPrefs};
use crate::ui::inline::{InlineCache, InlineCtx};
use crate::ui::theme::Theme;

pub use corpus_search::{CorpusSearch, SearchGroup, SearchPopup, ShownText, ShownTexts};
pub use entities_tab::{kwic, type_style, EntitiesMode, EntitiesView, IndexState};
pub use entity_form::EntityForm;
pub use find::FindState;
pub use highlight::Highlight;
pub use jump::JumpPopup;
pub use line_input::LineInput;
pub use list::ListState;
pub use motion::Motion;
pub use notes_tab::NotesView;
pub use popup::{HelpState, Popup};
pub use reader::ReaderState;
pub use sidebar::{DocStats, InfoRow, SidebarState, SidebarTab};
pub use status::{LoadProgress, StatusLine};

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Document list.
    List,
    /// Reader.
    Reader,
    /// Sidebar (document facts; later entities and notes).
    Sidebar,
}

impl Pane {
    /// The next pane in Tab order.
    pub fn next(self) -> Self {
        match self {
            Pane::List => Pane::Reader,
            Pane::Reader => Pane::Sidebar,
            Pane::Sidebar => Pane::List,
        }
    }

    /// The previous pane in Tab order.
    pub fn prev(self) -> Self {
        self.next().next()
    }

    /// The keymap context of the pane.
    pub fn context(self) -> KeyContext {
        match self {
            Pane::List => KeyContext::List,
            Pane::Reader => KeyContext::Reader,
            Pane::Sidebar => KeyContext::Sidebar,
        }
    }
}

/// Everything the UI shows.
#[derive(Debug)]
pub struct App {
    /// The documents (sorted by id as they arrive) and the skipped files.
    pub corpus: Corpus,
    /// The focused pane.
    pub focus: Pane,
    /// Document list state.
    pub list: ListState,
    /// Reader state (open document, scroll position, layout cache).
    pub reader: ReaderState,
    /// Sidebar state.
    pub sidebar: SidebarState,
    /// Open popups, bottom to top.
    pub popups: Vec<Popup>,
    /// Messages and the pending chord.
    pub status: StatusLine,
    /// Background loading progress.
    pub load: LoadProgress,
    /// Key bindings in force.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// Pane layout preferences.
    pub prefs: LayoutPrefs,
    /// Annotations: store, labels, reading cursor and selection.
    pub annotations: AnnotationState,
    /// The sidebar's Notes tab.
    pub notes: NotesView,
    /// How text is laid out (the width is set per use).
    pub text_opts: LayoutOptions,
    /// Memo of short laid-out strings (titles, sidebar values) for drawing.
    pub inline_cache: InlineCache,
    /// Language of the interface's own words.
    pub ui_lang: crate::config::UiLang,
    /// Queries of the jump popup, oldest first (saved in the data dir).
    pub jump_history: Vec<String>,
    /// Recently opened documents, newest first.
    pub recent: Vec<DocKey>,
    /// The in-document search (`/`).
    pub find: FindState,
    /// The corpus search (`Ctrl-F`): index progress, query numbers.
    pub search: CorpusSearch,
    /// Whether the user has done anything yet (until then the first
    /// document in load order is shown, whatever arrives first).
    touched: bool,
    /// Each document's place in the loader's order (parallel to `corpus.docs`).
    doc_keys: Vec<DocKey>,
    areas: Areas,
    dirty: bool,
    /// The Entities tab: the open document's entities, corpus views, user additions.
    pub entities: EntitiesView,
}

impl App {
    /// An app showing `corpus` (already loaded), 80×24 until the first resize.
    pub fn new(corpus: Corpus, text_opts: LayoutOptions) -> Self {
        let doc_keys = (0..corpus.docs.len())
            .map(|file| DocKey { file, record: 0 })
            .collect();
        let mut app = App {
            doc_keys,
            touched: false,
            corpus,
            focus: Pane::List,
            list: ListState::default(),
            reader: ReaderState::default(),
            sidebar: SidebarState::default(),
            popups: Vec::new(),
            status: StatusLine::default(),
            load: LoadProgress::finished(),
            keymap: Keymap::defaults(),
            theme: Theme::default(),
            prefs: LayoutPrefs::default(),
            annotations: AnnotationState::default(),
            notes: NotesView::default(),
            text_opts,
            inline_cache: InlineCache::default(),
            ui_lang: crate::config::UiLang::En,
            jump_history: Vec::new(),
            recent: Vec::new(),
            find: FindState::default(),
            search: CorpusSearch::default(),
            areas: Areas::default(),
            dirty: true,
            entities: EntitiesView::default(),
        };
        app.resize(80, 24);
        if !app.corpus.docs.is_empty() {
            app.open(0);
        }
        app.load_finished_message();
        app
    }

    /// An app that waits for documents from a background loader
    /// ([`AppEvent::Corpus`]).
    pub fn loading(text_opts: LayoutOptions) -> Self {
        let mut app = Self::new(Corpus::default(), text_opts);
        app.load = LoadProgress::default();
        app
    }

    /// What the UI lays short strings out with.
    pub fn inline_ctx(&self) -> InlineCtx<'_> {
        InlineCtx {
            opts: &self.text_opts,
            cache: &self.inline_cache,
            rtl_chrome: self.rtl_chrome(),
        }
    }

    /// Pane areas for the current terminal size.
    pub fn areas(&self) -> &Areas {
        &self.areas
    }

    /// The document open in the reader.
    pub fn open_doc(&self) -> Option<&Document> {
        self.reader.doc.and_then(|i| self.corpus.docs.get(i))
    }

    /// Whether something changed since the last [`App::take_dirty`].
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Marks the screen as needing a redraw.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// The keymap contexts that apply now, most specific first.
    pub fn key_contexts(&self) -> Vec<KeyContext> {
        match self.popups.last() {
            Some(p) => vec![p.context(), KeyContext::Popup, KeyContext::Global],
            None if self.focus == Pane::Reader && self.annotations.selection.is_some() => {
                vec![
                    KeyContext::Selection,
                    KeyContext::Reader,
                    KeyContext::Global,
                ]
            }
            None if self.focus == Pane::Sidebar && self.sidebar.tab == SidebarTab::Entities => {
                vec![
                    KeyContext::Entities,
                    KeyContext::Sidebar,
                    KeyContext::Global,
                ]
            }
            None if self.focus == Pane::Sidebar && self.sidebar.tab == SidebarTab::Notes => {
                vec![KeyContext::Notes, KeyContext::Sidebar, KeyContext::Global]
            }
            None => vec![self.focus.context(), KeyContext::Global],
        }
    }

    /// Applies one event.
    pub fn handle_event(&mut self, ev: AppEvent) -> Vec<Effect> {
        let fx = self.dispatch(ev);
        // the query popups' lists scroll only as far as the selection needs
        self.settle_popup_scroll();
        fx
    }

    fn dispatch(&mut self, ev: AppEvent) -> Vec<Effect> {
        match ev {
            AppEvent::Key(k) => self.handle_key(k),
            AppEvent::FocusGained => vec![Effect::Repaint],
            AppEvent::Mouse(m) => self.handle_mouse(m),
            // Pasted text goes to the field of the popup on top.
            AppEvent::Paste(t) => match self.popups.last() {
                Some(Popup::Jump(_)) => self.jump_paste(&t),
                Some(Popup::Search(_)) => self.search_paste(&t),
                Some(Popup::Find(_)) => {
                    self.find_paste(&t);
                    Vec::new()
                }
                _ => {
                    self.form_paste(&t);
                    Vec::new()
                }
            },
            AppEvent::JumpResults(r) => {
                self.jump_results(r);
                Vec::new()
            }
            AppEvent::Grep(u) => {
                self.grep_update(u);
                Vec::new()
            }
            AppEvent::Resize(w, h) => {
                self.resize(w, h);
                Vec::new()
            }
            AppEvent::Corpus(ev) => {
                let done = matches!(ev, crate::corpus::LoadEvent::Done);
                self.handle_load_event(ev);
                // The corpus entity index is built once everything is in.
                if done {
                    self.request_entity_index()
                } else {
                    Vec::new()
                }
            }
            AppEvent::EntityIndex(ev) => {
                self.entity_index_event(ev);
                Vec::new()
            }
            AppEvent::Terminate => vec![Effect::Quit],
        }
    }

    fn handle_key(&mut self, ev: KeyEvent) -> Vec<Effect> {
        if self.entity_input_active() {
            return self.entity_input_key(ev);
        }
        match self.popups.last() {
            Some(Popup::Jump(_)) => return self.jump_key(ev),
            Some(Popup::Search(_)) => return self.search_key(ev),
            Some(Popup::Find(_)) => return self.find_key(ev),
            _ => {}
        }
        if self.text_input_active() {
            return self.form_key(ev);
        }
        let key = Key::from(ev);
        let contexts = self.key_contexts();
        let mut seq = std::mem::take(&mut self.status.pending);
        let had_pending = !seq.is_empty();
        seq.push(key);
        match self.keymap.resolve(&contexts, &seq) {
            Resolved::Action(a) => self.update(a),
            Resolved::Pending => {
                self.status.pending = seq;
                self.dirty = true;
                Vec::new()
            }
            // A chord that went nowhere: drop it and try the key on its own,
            // so `g j` still moves down.
            Resolved::Unbound if had_pending => {
                self.dirty = true;
                self.handle_key(ev)
            }
            Resolved::Unbound => Vec::new(),
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.dirty = true;
        self.touched = true;
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::ToggleHelp => {
                if matches!(self.popups.last(), Some(Popup::Help(_))) {
                    self.popups.pop();
                } else {
                    self.popups.push(Popup::Help(HelpState::default()));
                }
            }
            Action::ClosePopup => {
                self.popups.pop();
            }
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::MoveDown => self.apply_motion(Motion::Lines(1)),
            Action::MoveUp => self.apply_motion(Motion::Lines(-1)),
            Action::PageDown => self.apply_motion(Motion::Pages(1)),
            Action::PageUp => self.apply_motion(Motion::Pages(-1)),
            Action::HalfPageDown => self.apply_motion(Motion::HalfPages(1)),
            Action::HalfPageUp => self.apply_motion(Motion::HalfPages(-1)),
            Action::GoTop => self.apply_motion(Motion::Top),
            Action::GoBottom => self.apply_motion(Motion::Bottom),
            Action::OpenDocument => {
                if self.list.selected < self.corpus.docs.len() {
                    self.open(self.list.selected);
                    self.set_focus(Pane::Reader);
                }
            }
            Action::OpenJump => return self.open_jump(),
            Action::OpenSearch => return self.open_search(),
            Action::FindInDocument => {
                if self.open_doc().is_some() {
                    self.open_find();
                }
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::NextDocument => self.open_relative(1),
            Action::PrevDocument => self.open_relative(-1),
            Action::FlipDirection => self.flip_direction(),
            Action::NextTab => {
                self.sidebar.cycle_tab(1);
                self.entities_tab_shown();
            }
            Action::PrevTab => {
                self.sidebar.cycle_tab(-1);
                self.entities_tab_shown();
            }
            // n/N in the reader step through search hits while a search
            // of this document is active, else through entity mentions.
            Action::NextMention | Action::PrevMention
                if self.focus == Pane::Reader && self.search_active() =>
            {
                self.step_hit(if action == Action::NextMention { 1 } else { -1 })
            }
            Action::NextMention
            | Action::PrevMention
            | Action::ToggleEntityHighlights
            | Action::EntityEnter
            | Action::EntityBack
            | Action::EntityCorpusView
            | Action::FilterEntities
            | Action::HideEntity
            | Action::AddEntity => return self.entities_action(action),
            Action::ToggleNotesScope | Action::OpenNote | Action::FilterNotes => {
                return self.notes_action(action)
            }
            Action::CursorNextSentence
            | Action::CursorPrevSentence
            | Action::StartSelection
            | Action::SelectWordMore
            | Action::SelectWordLess
            | Action::SelectSentenceMore
            | Action::SelectSentenceLess
            | Action::SelectParagraphMore
            | Action::SelectParagraphLess
            | Action::CancelSelection
            | Action::Label1
            | Action::Label2
            | Action::Label3
            | Action::Label4
            | Action::Label5
            | Action::Label6
            | Action::Label7
            | Action::Label8
            | Action::Label9
            | Action::AnnotateForm
            | Action::DeleteAnnotation
            | Action::Undo
            | Action::Redo
            | Action::NextAnnotation
            | Action::PrevAnnotation
            | Action::CopyPassage
            | Action::ExportAnnotations => return self.annotate(action),
        }
        Vec::new()
    }

    /// Focuses `pane` (in a narrow terminal this also changes which pane is
    /// shown, hence the relayout).
    pub fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        self.recompute_areas();
    }

    /// The terminal is now `w`×`h`.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.areas = Areas::compute(Rect::new(0, 0, w, h), &self.prefs, self.focus);
        self.recompute_areas();
    }

    fn recompute_areas(&mut self) {
        self.areas = Areas::compute(self.areas.screen, &self.prefs, self.focus);
        self.relayout();
        self.list.scroll_into_view(self.list_rows());
        self.dirty = true;
    }

    /// Opens document `i` in the reader and selects it in the list.
    pub fn open(&mut self, i: usize) {
        if i >= self.corpus.docs.len() {
            return;
        }
        self.list.selected = i;
        self.list.scroll_into_view(self.list_rows());
        if self.touched {
            self.note_recent(i);
        }
        if self.reader.doc != Some(i) {
            self.reader.doc = Some(i);
            self.reader.reset_position();
            self.sidebar.scroll = 0;
        }
        self.hold_open_text();
        if let Some(t) = self.open_text_arc() {
            if self.annotations.placed_doc() != Some(t.id.as_str()) {
                self.annotations.open(Some(&t));
            }
        }
        self.relayout();
        self.entities_tab_shown();
        self.dirty = true;
    }

    /// Entities are extracted when something shows them (the tab or the
    /// highlighting), so that the rest of the app never waits for them.
    fn entities_tab_shown(&mut self) {
        if self.sidebar.tab == SidebarTab::Entities || self.entities.highlight_all {
            self.refresh_entities();
        }
    }

    fn open_relative(&mut self, delta: isize) {
        let n = self.corpus.docs.len();
        if n == 0 {
            return;
        }
        let cur = self.reader.doc.unwrap_or(self.list.selected);
        let next = cur.saturating_add_signed(delta).min(n - 1);
        self.open(next);
    }

    /// Number of list items that fit in the list pane.
    pub fn list_rows(&self) -> usize {
        let h = self
            .areas
            .list
            .map(|r| crate::ui::areas::inner(r).height)
            .unwrap_or(0);
        (h as usize / list::ROW_HEIGHT).max(1)
    }

    /// Height of the reader's text area in lines.
    pub fn reader_height(&self) -> usize {
        (self.reader_text_area().height as usize).max(1)
    }
}
