//! Documents arriving from the background loader.

use std::time::Instant;

use super::App;
use crate::corpus::Document;
use crate::loader::LoadEvent;

impl App {
    pub(crate) fn handle_load_event(&mut self, ev: LoadEvent) {
        match ev {
            LoadEvent::Planned { files, bytes } => {
                self.load.planned_files = files;
                self.load.planned_bytes = bytes;
                self.load.started = Some(Instant::now());
            }
            LoadEvent::Loaded(doc) => {
                self.load.files_done += 1;
                self.load.bytes_done += doc.text.len() as u64;
                self.insert_doc(*doc);
            }
            LoadEvent::Skipped(s) => {
                self.load.files_done += 1;
                self.corpus.skipped.push(s);
            }
            LoadEvent::Done => {
                self.load.done = true;
                self.load_finished_message();
            }
        }
        if let Some(t) = self.load.started {
            self.load.elapsed = t.elapsed();
        }
        self.mark_dirty();
    }

    /// Adds a document in id order, keeping the selection and the open
    /// document where they were; opens the first document to arrive.
    pub fn insert_doc(&mut self, doc: Document) {
        let at = self.corpus.docs.partition_point(|d| d.id <= doc.id);
        self.corpus.docs.insert(at, doc);
        let shift = |i: &mut usize| {
            if *i >= at {
                *i += 1;
            }
        };
        if self.corpus.docs.len() > 1 {
            shift(&mut self.list.selected);
        }
        match self.reader.doc.as_mut() {
            Some(i) => shift(i),
            None => self.open(at),
        }
        self.list.scroll_into_view(self.list_rows());
    }

    pub(crate) fn load_finished_message(&mut self) {
        let n = self.corpus.skipped.len();
        if n > 0 {
            let files = if n == 1 { "file" } else { "files" };
            self.status.message = Some(format!("{n} {files} skipped — see Info"));
        }
    }
}
