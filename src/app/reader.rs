//! Reader state: the open document, its text (read once when it is opened
//! and held while it is open, so that everything working on it shares one
//! copy), its cached layout and a scroll position kept as a logical offset,
//! so a resize or a direction flip keeps the same text at the top of the
//! pane.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, DocStats};
use crate::annotations::DocText;
use crate::text::{layout_document, Direction, DocLayout, LayoutOptions};
use crate::ui::areas::Areas;

/// Most layouts kept; the cache is cleared when it grows past this.
const CACHE_LIMIT: usize = 16;

/// What a layout depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    /// Document id.
    pub doc: String,
    /// Width, bidi mode, shaping and direction.
    pub opts: LayoutOptions,
    /// Whether the text laid out is the notice of a text that could not be
    /// read again (a cached layout of the text must not stand for it).
    pub notice: bool,
}

/// The reader pane's state.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// Index of the open document in `App::corpus.docs`.
    pub doc: Option<usize>,
    /// First layout line shown.
    pub top: usize,
    /// Logical byte offset of the first line shown (what survives relayout).
    anchor: usize,
    /// Whether the first line shown is the blank line before `anchor`'s
    /// paragraph.
    anchor_gap: bool,
    layout: Option<Arc<DocLayout>>,
    key: Option<LayoutKey>,
    cache: HashMap<LayoutKey, Arc<DocLayout>>,
    /// Paragraph direction chosen with `D`, per document id.
    pub directions: HashMap<String, Direction>,
    /// How many layouts have been computed (not taken from the cache).
    pub layouts_computed: usize,
    /// The open document's text, read when it was opened.
    text: Option<Arc<DocText>>,
    /// Its counts.
    stats: DocStats,
}

impl ReaderState {
    /// The layout of the open document at the current width.
    pub fn layout(&self) -> Option<&DocLayout> {
        self.layout.as_deref()
    }

    /// Number of layout lines.
    pub fn line_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.lines.len())
    }

    /// Logical offset of the first line shown.
    pub fn anchor(&self) -> usize {
        self.anchor
    }

    /// Back to the top (a new document was opened).
    pub fn reset_position(&mut self) {
        self.top = 0;
        self.anchor = 0;
        self.anchor_gap = false;
    }

    /// Shows line `top` first.
    pub fn scroll_to(&mut self, top: usize) {
        let Some(layout) = &self.layout else {
            return;
        };
        self.top = top.min(layout.lines.len().saturating_sub(1));
        if let Some(line) = layout.lines.get(self.top) {
            self.anchor = line.logical.start;
            self.anchor_gap = line.paragraph == usize::MAX;
        }
    }

    /// The line that shows logical offset `at` (the last line starting at or
    /// before it).
    pub fn line_of_offset(&self, at: usize) -> usize {
        let Some(layout) = &self.layout else {
            return 0;
        };
        // Line starts never decrease, so this is a binary search.
        layout
            .lines
            .partition_point(|l| l.logical.start <= at)
            .saturating_sub(1)
    }

    fn install(&mut self, key: LayoutKey, layout: Arc<DocLayout>) {
        self.layout = Some(layout);
        self.key = Some(key);
        let mut top = self.line_of_offset(self.anchor);
        if self.anchor_gap {
            if let Some(layout) = &self.layout {
                if top > 0 && layout.lines[top - 1].paragraph == usize::MAX {
                    top -= 1;
                }
            }
        }
        self.top = top;
    }

    fn clear(&mut self) {
        self.text = None;
        self.layout = None;
        self.key = None;
        self.doc = None;
        self.reset_position();
    }
}

impl App {
    /// The open document's text, read once when it was opened.
    pub fn open_text(&self) -> Option<&DocText> {
        let t = self.reader.text.as_deref()?;
        (self.open_doc()?.id == t.id).then_some(t)
    }

    /// The open document's text as a shared handle (to use it while the app
    /// changes).
    pub(crate) fn open_text_arc(&self) -> Option<Arc<DocText>> {
        self.open_text()?;
        self.reader.text.clone()
    }

    /// Counts for the document open in the reader.
    pub fn open_doc_stats(&self) -> Option<DocStats> {
        self.open_text().map(|_| self.reader.stats)
    }

    /// Reads the open document's text unless it is already held: the only
    /// place the reader reads a file. A file that changed or vanished since
    /// it was loaded is shown as a notice, and the status line says why.
    pub(crate) fn hold_open_text(&mut self) {
        let Some(doc) = self.reader.doc.and_then(|i| self.corpus.docs.get(i)) else {
            self.reader.text = None;
            return;
        };
        if self.reader.text.as_ref().is_some_and(|t| t.id == doc.id) {
            return;
        }
        // the previous text is let go before the next one is read
        self.reader.text = None;
        let t = DocText::of(doc);
        if let Some(e) = &t.unreadable {
            // the reason first: a narrow status bar cuts the end
            let name = e.path.file_name().unwrap_or(e.path.as_os_str());
            // a file name may hold control characters (the notice is sanitised too)
            let name = name.to_string_lossy().replace(char::is_control, " ");
            self.status.message = Some(format!("text not shown: {} — {name}", e.reason));
        }
        self.reader.stats = DocStats::of(&t);
        self.reader.text = Some(Arc::new(t));
    }

    /// Where the reader draws text (the area it would have if shown, in a
    /// narrow terminal where another pane is).
    pub fn reader_text_area(&self) -> Rect {
        if self.areas().reader.is_some() {
            self.areas().reader_text()
        } else {
            Areas::compute(self.areas().screen, &self.prefs, super::Pane::Reader).reader_text()
        }
    }

    /// Lays out the open document for the current width and options, unless
    /// that layout is already in place or cached.
    pub(crate) fn relayout(&mut self) {
        self.hold_open_text();
        let (Some(doc), Some(text)) = (self.open_doc(), self.open_text()) else {
            self.reader.clear();
            return;
        };
        let opts = LayoutOptions {
            width: self.reader_text_area().width.max(1),
            direction: self.reader.directions.get(&doc.id).copied(),
            ..self.text_opts
        };
        let key = LayoutKey {
            doc: doc.id.clone(),
            opts,
            notice: text.unreadable.is_some(),
        };
        if self.reader.key.as_ref() == Some(&key) {
            return;
        }
        let layout = match self.reader.cache.get(&key) {
            Some(l) => Arc::clone(l),
            None => {
                let l = Arc::new(layout_document(&text.text, &text.paragraphs, &opts));
                self.reader.layouts_computed += 1;
                if self.reader.cache.len() >= CACHE_LIMIT {
                    self.reader.cache.clear();
                }
                self.reader.cache.insert(key.clone(), Arc::clone(&l));
                l
            }
        };
        self.reader.install(key, layout);
        self.mark_dirty();
    }

    /// The direction the open document's paragraphs are shown in: the one
    /// chosen with `D`, else that of its first paragraph.
    pub fn reader_direction(&self) -> Option<Direction> {
        let doc = self.open_doc()?;
        if let Some(d) = self.reader.directions.get(&doc.id) {
            return Some(*d);
        }
        let first = self
            .reader
            .layout()?
            .lines
            .iter()
            .find(|l| l.paragraph != usize::MAX)?;
        Some(if first.rtl {
            Direction::Rtl
        } else {
            Direction::Ltr
        })
    }

    pub(crate) fn flip_direction(&mut self) {
        let (Some(doc), Some(dir)) = (self.open_doc(), self.reader_direction()) else {
            return;
        };
        let id = doc.id.clone();
        let new = match dir {
            Direction::Rtl => Direction::Ltr,
            Direction::Ltr => Direction::Rtl,
        };
        self.reader.directions.insert(id, new);
        self.status.message = Some(format!(
            "paragraph direction: {}",
            if new == Direction::Rtl {
                "right to left"
            } else {
                "left to right"
            }
        ));
        self.relayout();
    }
}
