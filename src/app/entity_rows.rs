//! Drawing side of the sidebar's `Entities` tab: its rows (legend, groups
//! by type, the across-the-corpus and corpus lists) and the reader
//! highlights of the chosen entity's mentions.

use ratatui::style::Modifier;

use super::entities_tab::{doc_kwic, type_heading, type_style, EntitiesMode};
use super::{App, Highlight, InfoRow, Popup, SidebarTab};
use crate::action::Action;
use crate::entities::EntityType;

impl App {
    /// Rows of the Entities tab.
    pub fn entities_tab_rows(&self) -> Vec<InfoRow> {
        let v = &self.entities;
        // Two swatches a row, so that the legend fits a narrow sidebar.
        let mut rows: Vec<InfoRow> = EntityType::ALL
            .chunks(2)
            .map(|ts| {
                InfoRow::Legend(
                    ts.iter()
                        .map(|t| (t.as_str(), type_style(&self.theme, *t)))
                        .collect(),
                )
            })
            .collect();
        match &v.mode {
            EntitiesMode::Document => {
                let hl = if v.highlight_all { "on" } else { "off" };
                rows.push(InfoRow::Field(
                    "Entities",
                    format!(
                        "{} · highlight all: {hl} ({})",
                        v.summary.len(),
                        self.key_hint(Action::ToggleEntityHighlights)
                    ),
                ));
                rows.push(InfoRow::Text("mentions +adjectives ~boilerplate".into()));
                let mut last = None;
                for (i, s) in v.summary.iter().enumerate() {
                    if last != Some(s.etype) {
                        rows.push(InfoRow::Heading(type_heading(s.etype).into()));
                        last = Some(s.etype);
                    }
                    let dem = match s.demonyms {
                        0 => String::new(),
                        d => format!("+{d}"),
                    };
                    let bp = match s.boilerplate {
                        0 => String::new(),
                        b => format!("~{b}"),
                    };
                    let left = format!("{:>3}{dem:>4}{bp:>3}", s.count);
                    let chosen = i == v.selected;
                    rows.push(InfoRow::Tinted(
                        left,
                        s.name.clone(),
                        type_style(&self.theme, s.etype),
                        chosen,
                    ));
                }
                if v.summary.is_empty() {
                    rows.push(InfoRow::Text("No entities found".into()));
                }
            }
            EntitiesMode::Across { key, .. } => {
                let entry = v.index.ready().and_then(|idx| idx.get(key));
                // Before the index is ready the entity comes from the document.
                let name = entry.map(|e| e.name.clone()).unwrap_or_else(|| {
                    v.summary
                        .iter()
                        .find(|s| &s.key == key)
                        .map_or_else(String::new, |s| s.name.clone())
                });
                rows.push(InfoRow::Field("Across", name));
                if v.index.ready().is_none() {
                    rows.push(InfoRow::Text(v.index.progress_line()));
                    return rows;
                }
                self.push_unreadable(&mut rows);
                let docs = entry.map_or(&[][..], |e| e.docs.as_slice());
                rows.push(InfoRow::Field(
                    "Docs",
                    format!(
                        "{} ({} opens, {} back)",
                        docs.len(),
                        self.key_hint(Action::EntityEnter),
                        self.key_hint(Action::EntityBack)
                    ),
                ));
                // Only rows near the screen are written out and read their
                // document's text (once: the lines are kept); the others are
                // empty rows that hold their place (an entity can be in most
                // of 100k documents).
                let near = self.sidebar_rows_near();
                let generation = self.entity_index_generation();
                rows.reserve(2 * docs.len());
                for (i, d) in docs.iter().enumerate() {
                    let Some(doc) = self.index_doc(d).and_then(|i| self.corpus.docs.get(i)) else {
                        continue;
                    };
                    let chosen = i == v.selected;
                    if !chosen && !near.contains(&rows.len()) {
                        rows.push(InfoRow::Choice(String::new(), false));
                        rows.push(InfoRow::Text(String::new()));
                        continue;
                    }
                    rows.push(InfoRow::Choice(
                        format!("{}× {}", self.count(d.count as usize), doc.title),
                        chosen,
                    ));
                    let line = v
                        .snippets
                        .line(generation, key, d, || doc_kwic(doc, &d.first_range()));
                    rows.push(InfoRow::Text(line));
                }
            }
            EntitiesMode::Corpus if v.index.ready().is_none() => {
                rows.push(InfoRow::Field("Corpus", v.index.progress_line()));
            }
            EntitiesMode::Corpus => {
                let list = self.corpus_entries();
                rows.push(InfoRow::Field(
                    "Corpus",
                    format!(
                        "{} entities ({} filters)",
                        list.len(),
                        self.key_hint(Action::FilterEntities)
                    ),
                ));
                self.push_unreadable(&mut rows);
                let typing = matches!(self.popups.last(), Some(Popup::EntitiesFilter));
                if typing || !v.filter.is_empty() {
                    let cursor = if typing { "▏" } else { "" };
                    rows.push(InfoRow::Field("Filter", format!("{}{cursor}", v.filter)));
                }
                for (i, e) in list.iter().enumerate().take(1000) {
                    let left = format!(
                        "{:>3} docs {:>4}×",
                        self.count(e.docs.len()),
                        self.count(usize::try_from(e.mentions).unwrap_or(usize::MAX))
                    );
                    let chosen = i == v.selected;
                    rows.push(InfoRow::Tinted(
                        left,
                        e.name.clone(),
                        type_style(&self.theme, e.etype),
                        chosen,
                    ));
                }
            }
        }
        rows
    }

    /// A warning when some texts could not be read again for the index.
    fn push_unreadable(&self, rows: &mut Vec<InfoRow>) {
        let Some(m) = self
            .entities
            .index
            .ready()
            .and_then(|i| i.unreadable.message())
        else {
            return;
        };
        rows.push(InfoRow::Warning(m.replace(char::is_control, " ")));
    }

    /// Sidebar rows that are on screen or within a screen of it.
    fn sidebar_rows_near(&self) -> std::ops::Range<usize> {
        let page = self.areas().sidebar.map_or(50, |r| r.height as usize);
        let top = self.sidebar.scroll;
        top.saturating_sub(page)..top + 2 * page
    }

    /// Reader highlights from the Entities tab: every mention when `h` is on,
    /// the chosen entity's mentions (and the current one) when the tab shows.
    pub fn entity_highlights(&self) -> Vec<Highlight> {
        let v = &self.entities;
        if self.open_doc().map(|d| d.id.as_str()) != v.doc_id.as_deref() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if v.highlight_all {
            for s in &v.summary {
                for &i in &s.mentions {
                    out.push(Highlight {
                        range: v.mentions[i].range.clone(),
                        style: type_style(&self.theme, s.etype),
                        priority: 1,
                    });
                }
            }
        }
        let showing = self.sidebar.tab == SidebarTab::Entities && v.mode == EntitiesMode::Document;
        if let Some(s) = v.chosen().filter(|_| showing || v.mention.is_some()) {
            for (n, &i) in s.mentions.iter().enumerate() {
                // Reversed: the type's colour becomes the background (or, without
                // colour, its attributes plus reverse).
                let mut style = type_style(&self.theme, s.etype).add_modifier(Modifier::REVERSED);
                if v.mention == Some(n) {
                    style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                }
                out.push(Highlight {
                    range: v.mentions[i].range.clone(),
                    style,
                    priority: 2,
                });
            }
        }
        out
    }
}
