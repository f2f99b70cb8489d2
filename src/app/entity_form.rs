//! The add-entity form (`e`) and the corpus entity filter (`/`): their key
//! handling and saving the new name to the user gazetteer.

use super::entities_tab::{one_line, IndexState};
use super::{App, Popup};
use crate::action::Effect;
use crate::entities::{EntityType, Entry, Source};
use crate::text::fold::fold_key;

/// The add-entity form (`e`): a name and a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityForm {
    /// The name as typed (prefilled from the selection).
    pub name: String,
    /// The type; Tab cycles.
    pub etype: EntityType,
}

impl App {
    pub(super) fn open_entity_form(&mut self) {
        let name = match (self.open_text(), self.annotations.selection.clone()) {
            (Some(t), Some(r)) if t.unreadable.is_none() => one_line(t.get(r).unwrap_or_default()),
            _ => String::new(),
        };
        self.popups.push(Popup::EntityForm(EntityForm {
            name,
            etype: EntityType::Person,
        }));
    }

    /// Whether the top popup is one of the Entities tab's text inputs.
    pub fn entity_input_active(&self) -> bool {
        matches!(
            self.popups.last(),
            Some(Popup::EntityForm(_) | Popup::EntitiesFilter)
        )
    }

    /// A key for the add-entity form or the corpus filter.
    pub(super) fn entity_input_key(&mut self, ev: crossterm::event::KeyEvent) -> Vec<Effect> {
        use crossterm::event::{KeyCode, KeyModifiers};
        self.mark_dirty();
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![Effect::Quit];
        }
        match self.popups.last_mut() {
            Some(Popup::EntitiesFilter) => {
                match ev.code {
                    KeyCode::Enter => {
                        self.popups.pop();
                    }
                    KeyCode::Esc => {
                        self.popups.pop();
                        self.entities.filter.clear();
                    }
                    KeyCode::Backspace => {
                        self.entities.filter.pop();
                    }
                    KeyCode::Char(c) if plain => self.entities.filter.push(c),
                    _ => {}
                }
                self.entities.selected = 0;
                self.sidebar.scroll = 0;
                Vec::new()
            }
            Some(Popup::EntityForm(f)) => match ev.code {
                KeyCode::Esc => {
                    self.popups.pop();
                    Vec::new()
                }
                KeyCode::Tab | KeyCode::Down => {
                    f.etype = next_type(f.etype, 1);
                    Vec::new()
                }
                KeyCode::BackTab | KeyCode::Up => {
                    f.etype = next_type(f.etype, -1);
                    Vec::new()
                }
                KeyCode::Backspace => {
                    f.name.pop();
                    Vec::new()
                }
                KeyCode::Char(c) if plain => {
                    f.name.push(c);
                    Vec::new()
                }
                KeyCode::Enter => {
                    let f = f.clone();
                    self.popups.pop();
                    self.save_entity_form(f)
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn save_entity_form(&mut self, f: EntityForm) -> Vec<Effect> {
        let name = one_line(&f.name);
        if fold_key(&name).trim().is_empty() {
            self.status.message = Some("no name: nothing added".into());
            return Vec::new();
        }
        let entry = Entry {
            canonical: name.clone(),
            etype: f.etype,
            aliases: vec![name.clone()],
            demonyms: Vec::new(),
            latin: None,
            source: Source::User,
        };
        self.entities.user.push(entry.clone());
        self.entities.extractor = None;
        self.forget_doc_entities();
        self.status.message = Some(format!("added {} ({})", name, f.etype.as_str()));
        let mut fx = vec![Effect::SaveUserEntity(entry)];
        // An index made with the old gazetteer is rebuilt at once; none is
        // started if none was asked for yet.
        if matches!(self.entities.index, IndexState::Missing) {
            return fx;
        }
        fx.extend(self.request_entity_index());
        fx
    }
}

fn next_type(t: EntityType, d: isize) -> EntityType {
    let all = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Organization,
    ];
    let i = all.iter().position(|x| *x == t).unwrap_or(0) as isize;
    all[(i + d).rem_euclid(3) as usize]
}
