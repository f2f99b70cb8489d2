//! Sidebar state and the content model of its tabs (what the sidebar shows,
//! as rows; `ui::sidebar` only draws them).

use super::App;
use crate::text::Direction;

/// The sidebar's tabs. Later tabs (entities, notes) are new variants here
/// and in [`SidebarTab::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SidebarTab {
    /// Facts about the open document and the corpus.
    #[default]
    Info,
    /// The annotations of the open document or the corpus.
    Notes,
    /// People, places, organisations and dates of the document and corpus.
    Entities,
}

impl SidebarTab {
    /// Every tab, in display order.
    pub const ALL: &'static [SidebarTab] =
        &[SidebarTab::Info, SidebarTab::Notes, SidebarTab::Entities];

    /// Tab label.
    pub fn title(self) -> &'static str {
        match self {
            SidebarTab::Info => "Info",
            SidebarTab::Notes => "Notes",
            SidebarTab::Entities => "Entities",
        }
    }
}

/// Sidebar state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidebarState {
    /// The tab shown.
    pub tab: SidebarTab,
    /// First row shown.
    pub scroll: usize,
}

impl SidebarState {
    /// Moves `delta` tabs along, wrapping around.
    pub fn cycle_tab(&mut self, delta: isize) {
        let all = SidebarTab::ALL;
        let i = all.iter().position(|t| *t == self.tab).unwrap_or(0) as isize;
        let n = all.len() as isize;
        self.tab = all[(i + delta).rem_euclid(n) as usize];
        self.scroll = 0;
    }
}

/// Counts shown in the Info tab.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocStats {
    /// Words (runs of non-space characters).
    pub words: usize,
    /// Unicode scalar values.
    pub chars: usize,
}

impl DocStats {
    /// Counts `doc` (the open document's text: counted when it is opened).
    pub fn of(doc: &crate::annotations::DocText) -> Self {
        Self {
            words: doc.text.split_whitespace().count(),
            chars: doc.text.chars().count(),
        }
    }
}

/// One row of sidebar content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InfoRow {
    /// A section heading.
    Heading(String),
    /// `label  value` (the value may be Arabic).
    Field(&'static str, String),
    /// A warning line.
    Warning(String),
    /// A line of text (may be Arabic).
    Text(String),
    /// An empty line.
    Blank,
    /// A list entry (may be Arabic) and whether it is the chosen one.
    Choice(String, bool),
    /// A choosable line drawn in a colour (entity rows): a left-to-right
    /// column (counts), then text that may be Arabic; true when chosen.
    Tinted(String, String, ratatui::style::Style, bool),
    /// A colour legend: `(name, colour)` swatches on one line.
    Legend(Vec<(&'static str, ratatui::style::Style)>),
}

impl App {
    /// Rows of the sidebar's current tab.
    pub fn sidebar_rows(&self) -> Vec<InfoRow> {
        match self.sidebar.tab {
            SidebarTab::Info => self.info_rows(),
            SidebarTab::Notes => self.notes_tab_rows(),
            SidebarTab::Entities => self.entities_tab_rows(),
        }
    }

    /// The Info tab: facts about the open document, then the corpus and the
    /// files that were skipped.
    pub fn info_rows(&self) -> Vec<InfoRow> {
        let mut rows = Vec::new();
        if let Some(doc) = self.open_doc() {
            rows.push(InfoRow::Heading("Document".into()));
            rows.push(InfoRow::Field("Title", doc.title.clone()));
            if let Some(s) = &doc.source {
                rows.push(InfoRow::Field("Source", s.clone()));
            }
            if let Some(d) = &doc.date {
                rows.push(InfoRow::Field("Date", d.text.clone()));
                if let Some(iso) = &d.iso {
                    rows.push(InfoRow::Field("ISO", iso.clone()));
                }
            }
            rows.push(InfoRow::Field("Id", doc.id.clone()));
            if let Some(p) = &doc.path {
                rows.push(InfoRow::Field("Path", p.display().to_string()));
            }
            if let Some(t) = self.open_text() {
                if let Some(e) = &t.unreadable {
                    // the notice is not the document: only its loaded size is known
                    rows.push(InfoRow::Warning(format!("text not shown: {}", e.reason)));
                    rows.push(InfoRow::Field("Bytes", self.count(doc.body.len())));
                } else {
                    let stats = self.open_doc_stats().unwrap_or_default();
                    rows.push(InfoRow::Field("Words", self.count(stats.words)));
                    rows.push(InfoRow::Field("Chars", self.count(stats.chars)));
                    rows.push(InfoRow::Field("Bytes", self.count(t.text.len())));
                    rows.push(InfoRow::Field("Paras", self.count(t.paragraphs.len())));
                    rows.push(InfoRow::Field("Sents", self.count(t.sentences.len())));
                }
            }
            rows.push(InfoRow::Field(
                "Lines",
                self.count(self.reader.line_count()),
            ));
            if let Some(dir) = self.reader_direction() {
                let forced = self.reader.directions.contains_key(&doc.id);
                let name = match (dir, forced) {
                    (Direction::Rtl, false) => "RTL (auto)",
                    (Direction::Ltr, false) => "LTR (auto)",
                    (Direction::Rtl, true) => "RTL (set)",
                    (Direction::Ltr, true) => "LTR (set)",
                };
                rows.push(InfoRow::Field("Dir", name.into()));
            }
            for note in &doc.notes {
                rows.push(InfoRow::Text(note.clone()));
            }
            rows.push(InfoRow::Blank);
        }
        rows.push(InfoRow::Heading("Corpus".into()));
        rows.push(InfoRow::Field("Docs", self.count(self.corpus.docs.len())));
        rows.push(InfoRow::Field(
            "Skipped",
            self.count(self.corpus.skipped.len()),
        ));
        for s in &self.corpus.skipped {
            rows.push(InfoRow::Warning(format!(
                "{}: {}",
                s.path.display(),
                s.reason
            )));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_wrap() {
        let mut s = SidebarState {
            scroll: 4,
            ..Default::default()
        };
        s.cycle_tab(1);
        assert_eq!(s.tab, SidebarTab::ALL[1 % SidebarTab::ALL.len()]);
        assert_eq!(s.scroll, 0);
        s.cycle_tab(-1);
        assert_eq!(s.tab, SidebarTab::Info);
    }
}
