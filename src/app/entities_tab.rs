//! The sidebar's `Entities` tab: the people, places, organisations and dates
//! of the open document grouped by type (counts, colours, legend); a chosen
//! entity's mentions are highlighted and stepped through with `n`/`N`; Enter
//! lists the documents that mention it across the corpus (KWIC), Enter there
//! opens one at the mention; `E` lists the corpus's entities, `/` filters.
//! `x` hides an entity and `e` adds a name to the user gazetteer; both are
//! saved by the runtime ([`Effect::SaveHiddenEntities`], [`Effect::SaveUserEntity`]).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use ratatui::style::Style;

use super::{App, InfoRow, Pane, Popup, SidebarTab};
use crate::action::{Action, Effect};
use crate::entities::index::{DocCount, IndexEntry};
use crate::entities::service::{IndexEvent, SharedExtractor};
use crate::entities::store::HiddenKey;
use crate::entities::{
    CorpusIndex, EntityKey, EntitySummary, EntityType, Entry, Extractor, Gazetteer, Mention,
};
use crate::text::fold::fold_key;
use crate::ui::theme::Theme;

/// What the Entities tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EntitiesMode {
    /// The open document's entities.
    #[default]
    Document,
    /// The documents that mention one entity (from `back` when Esc is pressed).
    Across {
        /// The entity.
        key: EntityKey,
        /// Where Esc returns to: the corpus list (true) or the document.
        from_corpus: bool,
    },
    /// Every entity of the corpus by number of documents.
    Corpus,
}

/// State of the Entities tab.
#[derive(Debug, Clone, Default)]
pub struct EntitiesView {
    /// What is shown.
    pub mode: EntitiesMode,
    /// Chosen row in the current mode's list.
    pub selected: usize,
    /// Chosen entity of the document list, kept while other modes are shown.
    pub doc_selected: usize,
    /// The mention `n`/`N` last moved to (index into the entity's mentions).
    pub mention: Option<usize>,
    /// Highlight every entity of the document (`h`).
    pub highlight_all: bool,
    /// Corpus list filter (folded substring of the name).
    pub filter: String,
    /// Entities the user hid (`x`).
    pub hidden: BTreeSet<HiddenKey>,
    /// The user's own gazetteer entries (loaded by the runtime, grown by `e`).
    pub user: Vec<Entry>,
    pub(super) extractor: Option<Arc<Extractor>>,
    pub(super) doc_id: Option<String>,
    pub(super) mentions: Vec<Mention>,
    pub(super) summary: Vec<EntitySummary>,
    /// The corpus index: built on worker threads by the runtime
    /// ([`Effect::IndexEntities`]), delivered as `AppEvent::EntityIndex`.
    pub index: IndexState,
    generation: u64,
    /// Keyword-in-context lines of the across-the-corpus list.
    pub(super) snippets: Snippets,
}

/// Most KWIC lines kept for one list (a few screens' worth).
const SNIPPET_LIMIT: usize = 512;

/// Keyword-in-context lines of the across-the-corpus list, made when their
/// rows come near the screen and kept while the same entity of the same
/// index is listed: a document's text is read once, not on every frame.
/// Like the inline layout memo, it only ever returns what [`kwic`] would
/// (or the reason the text cannot be read), so drawing stays a function of
/// the app state.
#[derive(Debug, Clone, Default)]
pub(super) struct Snippets(RefCell<SnippetMemo>);

#[derive(Debug, Clone, Default)]
struct SnippetMemo {
    /// The index build and entity the lines belong to.
    list: Option<(u64, EntityKey)>,
    /// Line of each document, by its number in the index.
    lines: HashMap<u32, String>,
}

impl Snippets {
    /// The KWIC line of `d` in the list of `key` from index build
    /// `generation`, made with `make` the first time.
    pub(super) fn line(
        &self,
        generation: u64,
        key: &EntityKey,
        d: &DocCount,
        make: impl FnOnce() -> String,
    ) -> String {
        let mut memo = self.0.borrow_mut();
        if memo
            .list
            .as_ref()
            .is_none_or(|(g, k)| *g != generation || k != key)
        {
            memo.list = Some((generation, key.clone()));
            memo.lines.clear();
        }
        if memo.lines.len() >= SNIPPET_LIMIT && !memo.lines.contains_key(&d.doc) {
            memo.lines.clear();
        }
        memo.lines.entry(d.doc).or_insert_with(make).clone()
    }
}

/// Where the corpus index stands.
#[derive(Debug, Clone, Default)]
pub enum IndexState {
    /// Not asked for yet (or dropped after a gazetteer change).
    #[default]
    Missing,
    /// Being built: `done` of `total` bytes indexed.
    Building {
        /// Bytes indexed so far.
        done: usize,
        /// Bytes to index.
        total: usize,
    },
    /// Built over `docs` documents.
    Ready {
        /// Number of documents the index covers.
        docs: usize,
        /// The index.
        index: Arc<CorpusIndex>,
    },
}

impl IndexState {
    /// The index, when built.
    pub fn ready(&self) -> Option<&CorpusIndex> {
        match self {
            IndexState::Ready { index, .. } => Some(index),
            _ => None,
        }
    }

    /// The progress line shown while the index is not ready.
    pub fn progress_line(&self) -> String {
        match self {
            IndexState::Building { done, total } => {
                let pct = (*done as u128 * 100 / (*total).max(1) as u128).min(100);
                format!("indexing entities {pct} %…")
            }
            _ => "indexing entities…".to_string(),
        }
    }
}

/// Style of an entity type in the sidebar, the legend and the reader: the
/// theme's `entity_*` style (already adapted to 16 colours or `NO_COLOR`,
/// where the types differ by bold, underline and italic).
pub fn type_style(theme: &Theme, t: EntityType) -> Style {
    match t {
        EntityType::Person => theme.entity_person,
        EntityType::Place => theme.entity_place,
        EntityType::Organization => theme.entity_organization,
        EntityType::Date => theme.entity_date,
    }
}

pub(super) fn type_heading(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "People",
        EntityType::Place => "Places",
        EntityType::Organization => "Organisations",
        EntityType::Date => "Dates",
    }
}

/// The bundled gazetteer, compiled once per process.
fn builtin() -> Arc<Extractor> {
    static B: OnceLock<Arc<Extractor>> = OnceLock::new();
    Arc::clone(B.get_or_init(|| Arc::new(Extractor::builtin())))
}

impl EntitiesView {
    /// Sets the user's gazetteer entries and hidden entities (from the data dir).
    pub fn set_user(&mut self, user: Vec<Entry>, hidden: BTreeSet<HiddenKey>) {
        self.user = user;
        self.hidden = hidden;
        self.extractor = None;
        self.doc_id = None;
        self.index = IndexState::Missing;
    }

    fn extractor(&mut self) -> Arc<Extractor> {
        if let Some(e) = &self.extractor {
            return Arc::clone(e);
        }
        let e = if self.user.is_empty() {
            builtin()
        } else {
            let mut g: Gazetteer = builtin().gazetteer.clone();
            g.add_all(self.user.clone());
            Arc::new(Extractor::new(g))
        };
        self.extractor = Some(Arc::clone(&e));
        e
    }

    fn visible(&self, s: &EntitySummary) -> bool {
        !self.hidden.contains(&(s.etype, s.name.clone()))
    }

    /// The open document's entities, in display order (grouped by type).
    pub fn summary(&self) -> &[EntitySummary] {
        &self.summary
    }

    /// The entity chosen in the document list.
    pub fn chosen(&self) -> Option<&EntitySummary> {
        self.summary.get(self.doc_selected)
    }
}

impl App {
    /// The index build the shown corpus index came from.
    pub(super) fn entity_index_generation(&self) -> u64 {
        self.entities.generation
    }

    /// Extracts the open document's entities if not done yet (cheap when done).
    pub fn refresh_entities(&mut self) {
        let Some(doc) = self.open_doc() else { return };
        if self.entities.doc_id.as_deref() == Some(doc.id.as_str()) {
            return;
        }
        // The reader's text (read when the document opened), not a second
        // read; a text that cannot be read again (the reader shows why) has
        // no entities.
        let text = match self.open_text() {
            Some(t) if t.unreadable.is_none() => Arc::clone(&t.text),
            Some(_) => Arc::from(""),
            None => doc.load_text().unwrap_or_default(),
        };
        let id = doc.id.clone();
        let ex = self.entities.extractor();
        let mentions = ex.extract(&text);
        let mut summary: Vec<EntitySummary> = ex
            .summarize(&mentions)
            .into_iter()
            .filter(|s| self.entities.visible(s))
            .collect();
        summary.sort_by_key(|s| s.etype);
        self.entities.mentions = mentions;
        self.entities.summary = summary;
        self.entities.doc_id = Some(id);
        self.entities.doc_selected = 0;
        self.entities.mention = None;
        if self.entities.mode == EntitiesMode::Document {
            self.entities.selected = 0;
        }
    }

    pub(super) fn forget_doc_entities(&mut self) {
        self.entities.doc_id = None;
        self.refresh_entities();
    }

    /// Asks the runtime for a new corpus index (cancelling one under way).
    pub(super) fn request_entity_index(&mut self) -> Vec<Effect> {
        if self.corpus.docs.is_empty() {
            return Vec::new();
        }
        let ex = self.entities.extractor();
        let v = &mut self.entities;
        v.generation += 1;
        v.index = IndexState::Building {
            done: 0,
            total: self.corpus.docs.iter().map(|d| d.body.len()).sum(),
        };
        vec![Effect::IndexEntities {
            generation: v.generation,
            extractor: SharedExtractor(ex),
        }]
    }

    /// Asks for the corpus index unless it is being built or covers every
    /// document.
    fn need_entity_index(&mut self) -> Vec<Effect> {
        match &self.entities.index {
            IndexState::Building { .. } => Vec::new(),
            IndexState::Ready { docs, .. } if *docs == self.corpus.docs.len() => Vec::new(),
            _ => self.request_entity_index(),
        }
    }

    /// Progress or the finished index from the runtime; messages of an
    /// earlier request are dropped.
    pub(crate) fn entity_index_event(&mut self, ev: IndexEvent) {
        let v = &mut self.entities;
        match ev {
            IndexEvent::Progress {
                generation,
                done,
                total,
            } if generation == v.generation && v.index.ready().is_none() => {
                v.index = IndexState::Building { done, total };
            }
            IndexEvent::Ready { generation, index } if generation == v.generation => {
                v.index = IndexState::Ready {
                    docs: index.keys.len(),
                    index,
                };
            }
            _ => return,
        }
        self.mark_dirty();
    }

    /// The position in `corpus.docs` of a document of the index.
    pub(super) fn index_doc(&self, d: &DocCount) -> Option<usize> {
        let idx = self.entities.index.ready()?;
        if idx.keys.is_empty() {
            return Some(d.doc_index());
        }
        self.doc_index(*idx.keys.get(d.doc_index())?)
    }

    /// Entities of the corpus list after the hidden set and the filter.
    pub(super) fn corpus_entries(&self) -> Vec<&IndexEntry> {
        let Some(idx) = self.entities.index.ready() else {
            return Vec::new();
        };
        let f = fold_key(&self.entities.filter);
        idx.entries
            .iter()
            .filter(|e| !self.entities.hidden.contains(&(e.etype, e.name.clone())))
            .filter(|e| f.is_empty() || fold_key(&e.name).contains(&f))
            .collect()
    }

    /// Moves the chosen row of the Entities tab.
    pub(super) fn move_entities(&mut self, m: super::Motion) {
        self.refresh_entities();
        let n = match &self.entities.mode {
            EntitiesMode::Document => self.entities.summary.len(),
            EntitiesMode::Across { key, .. } => self
                .entities
                .index
                .ready()
                .and_then(|i| i.get(key))
                .map_or(0, |e| e.docs.len()),
            EntitiesMode::Corpus => self.corpus_entries().len(),
        };
        let v = &mut self.entities;
        v.selected = m.apply(v.selected, 10, n.saturating_sub(1));
        if v.mode == EntitiesMode::Document {
            v.doc_selected = v.selected;
            v.mention = None;
        }
        let row = self
            .entities_tab_rows()
            .iter()
            .position(|r| matches!(r, InfoRow::Tinted(_, _, _, true) | InfoRow::Choice(_, true)))
            .unwrap_or(0);
        let page = self
            .areas()
            .sidebar
            .map_or(1, |r| r.height.saturating_sub(4) as usize)
            .max(1);
        if row < self.sidebar.scroll + 1 {
            self.sidebar.scroll = row.saturating_sub(1);
        } else if row >= self.sidebar.scroll + page {
            self.sidebar.scroll = row + 1 - page;
        }
    }

    /// Carries out an entity action.
    pub(super) fn entities_action(&mut self, action: Action) -> Vec<Effect> {
        self.mark_dirty();
        self.refresh_entities();
        match action {
            Action::NextMention => self.step_mention(1),
            Action::PrevMention => self.step_mention(-1),
            Action::ToggleEntityHighlights => {
                self.entities.highlight_all = !self.entities.highlight_all;
            }
            Action::EntityEnter => return self.entity_enter(),
            Action::EntityBack => {
                let v = &mut self.entities;
                v.mode = match &v.mode {
                    EntitiesMode::Across {
                        from_corpus: true, ..
                    } => EntitiesMode::Corpus,
                    _ => EntitiesMode::Document,
                };
                v.selected = if v.mode == EntitiesMode::Document {
                    v.doc_selected
                } else {
                    0
                };
                self.sidebar.scroll = 0;
            }
            Action::EntityCorpusView => {
                self.sidebar.tab = SidebarTab::Entities;
                self.entities.mode = EntitiesMode::Corpus;
                self.entities.selected = 0;
                self.sidebar.scroll = 0;
                self.set_focus(Pane::Sidebar);
                return self.need_entity_index();
            }
            Action::FilterEntities if self.entities.mode == EntitiesMode::Corpus => {
                self.popups.push(Popup::EntitiesFilter);
            }
            Action::HideEntity => return self.hide_entity(),
            Action::AddEntity => self.open_entity_form(),
            _ => {}
        }
        Vec::new()
    }

    fn step_mention(&mut self, delta: isize) {
        let v = &mut self.entities;
        let Some(s) = v.summary.get(v.doc_selected) else {
            self.status.message = Some("no entities in this document".into());
            return;
        };
        let n = s.mentions.len();
        if n == 0 {
            return;
        }
        let next = match v.mention {
            None if delta < 0 => n - 1,
            None => 0,
            Some(i) => (i as isize + delta).rem_euclid(n as isize) as usize,
        };
        v.mention = Some(next);
        let range = v.mentions[s.mentions[next]].range.clone();
        let msg = format!("{} — mention {}/{}", s.name, next + 1, n);
        self.status.message = Some(msg);
        self.show_offset(range.start);
    }

    fn entity_enter(&mut self) -> Vec<Effect> {
        match self.entities.mode.clone() {
            EntitiesMode::Document => {
                let Some(key) = self.entities.chosen().map(|s| s.key.clone()) else {
                    return Vec::new();
                };
                self.entities.mode = EntitiesMode::Across {
                    key,
                    from_corpus: false,
                };
                self.entities.selected = 0;
                self.sidebar.scroll = 0;
                return self.need_entity_index();
            }
            EntitiesMode::Corpus => {
                let Some(key) = self
                    .corpus_entries()
                    .get(self.entities.selected)
                    .map(|e| e.key.clone())
                else {
                    return Vec::new();
                };
                self.entities.mode = EntitiesMode::Across {
                    key,
                    from_corpus: true,
                };
                self.entities.selected = 0;
                self.sidebar.scroll = 0;
            }
            EntitiesMode::Across { key, .. } => {
                let Some(d) = self
                    .entities
                    .index
                    .ready()
                    .and_then(|i| i.get(&key))
                    .and_then(|e| e.docs.get(self.entities.selected))
                else {
                    return Vec::new();
                };
                let Some(doc) = self.index_doc(d) else {
                    return Vec::new();
                };
                let first = d.first_range();
                self.open(doc);
                self.refresh_entities();
                let v = &mut self.entities;
                v.mode = EntitiesMode::Document;
                v.doc_selected = v.summary.iter().position(|s| s.key == key).unwrap_or(0);
                v.selected = v.doc_selected;
                v.mention = v.summary.get(v.doc_selected).and_then(|s| {
                    s.mentions
                        .iter()
                        .position(|&i| v.mentions[i].range == first)
                });
                self.sidebar.scroll = 0;
                self.set_focus(Pane::Reader);
                self.show_offset(first.start);
            }
        }
        Vec::new()
    }

    fn hide_entity(&mut self) -> Vec<Effect> {
        let target = match &self.entities.mode {
            EntitiesMode::Document => self.entities.chosen().map(|s| (s.etype, s.name.clone())),
            EntitiesMode::Corpus => self
                .corpus_entries()
                .get(self.entities.selected)
                .map(|e| (e.etype, e.name.clone())),
            EntitiesMode::Across { .. } => None,
        };
        let Some(key) = target else { return Vec::new() };
        self.status.message = Some(format!("hidden: {}", key.1));
        self.entities.hidden.insert(key);
        self.entities.selected = 0;
        self.forget_doc_entities();
        vec![Effect::SaveHiddenEntities(self.entities.hidden.clone())]
    }
}

pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The KWIC line of a document's first mention, or why its text cannot be
/// read (one line, no control characters).
pub(super) fn doc_kwic(doc: &crate::corpus::Document, r: &Range<usize>) -> String {
    match doc.body.text() {
        Ok(text) => kwic(&text, r),
        Err(e) => one_line(&format!("⚠ {}", e.reason)).replace(char::is_control, " "),
    }
}

/// A keyword-in-context line: about 40 characters either side of `r`.
pub fn kwic(text: &str, r: &Range<usize>) -> String {
    let start = r.start.min(text.len());
    let end = r.end.clamp(start, text.len());
    let before: String = {
        let mut v: Vec<char> = text[..start].chars().rev().take(40).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..].chars().take(40).collect();
    one_line(&format!("…{before}{}{after}…", &text[start..end]))
}
