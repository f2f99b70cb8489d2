//! Documents arriving from the background loader.

use std::time::Instant;

use super::App;
use crate::corpus::{DocKey, Document, LoadEvent};

impl App {
    pub(crate) fn handle_load_event(&mut self, ev: LoadEvent) {
        match ev {
            LoadEvent::Planned { files, bytes } => {
                self.load.planned_files = files;
                self.load.planned_bytes = bytes;
                self.load.started = Some(Instant::now());
            }
            LoadEvent::Loaded { key, doc } => self.insert_doc(key, *doc),
            LoadEvent::Skipped(s) => self.corpus.skipped.push(s),
            LoadEvent::Progress { bytes } => {
                self.load.files_done += 1;
                self.load.bytes_done += bytes;
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

    /// Adds a document at its place in the loader's deterministic order
    /// (documents arrive out of order from the worker threads), keeping the
    /// selection and the open document where they were once the user has
    /// moved; before that, shows the first document in load order.
    pub fn insert_doc(&mut self, key: DocKey, doc: Document) {
        let at = self.doc_keys.partition_point(|k| *k <= key);
        self.doc_keys.insert(at, key);
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
            Some(_) if !self.touched => self.open(0),
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
