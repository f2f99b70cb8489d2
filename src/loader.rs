//! A minimal stand-in for the corpus loader's streaming interface, used by the
//! TUI until `corpus::load_streaming` exists: same events, naive metadata
//! (title = first line, no source or date), UTF-8 only.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::corpus::{paragraph_ranges, Corpus, Document, Skipped};

/// Progress of a load, in the order the events happen.
#[derive(Debug, Clone)]
pub enum LoadEvent {
    /// The files have been listed: how many and how many bytes in all.
    Planned {
        /// Number of files to read.
        files: usize,
        /// Their total size in bytes.
        bytes: u64,
    },
    /// A document is ready.
    Loaded(Box<Document>),
    /// A file was skipped.
    Skipped(Skipped),
    /// Everything has been read.
    Done,
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                entries.sort();
                for e in entries {
                    collect(&e, out, skipped);
                }
            }
            Err(e) => skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    } else if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    ) {
        out.push(path.to_path_buf());
    }
}

fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut start = p.start;
        for (i, c) in text[p.clone()].char_indices() {
            if matches!(c, '.' | '؟' | '!' | '?') {
                let end = p.start + i + c.len_utf8();
                out.push(start..end);
                start = end;
            }
        }
        if text[start..p.end].trim().is_empty() {
            continue;
        }
        out.push(start..p.end);
    }
    out
}

fn document(id: String, path: PathBuf, bytes: Vec<u8>) -> Result<Document, String> {
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let text: String = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect();
    let paragraphs = paragraph_ranges(&text);
    let first = paragraphs.first().map(|p| &text[p.clone()]).unwrap_or("");
    let title: String = first
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    let sentences = sentences(&text, &paragraphs);
    Ok(Document {
        id,
        path: Some(path),
        title,
        source: None,
        date: None,
        text,
        paragraphs,
        sentences,
        notes: Vec::new(),
    })
}

/// Reads `paths` (default `./seeds`), reporting each step to `sink`.
pub fn load_streaming(paths: &[PathBuf], mut sink: impl FnMut(LoadEvent)) {
    let defaults = [PathBuf::from("seeds")];
    let roots = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        if !root.exists() {
            skipped.push(Skipped {
                path: root.clone(),
                reason: "no such file or folder".into(),
            });
        }
        collect(root, &mut files, &mut skipped);
    }
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    sink(LoadEvent::Planned {
        files: files.len(),
        bytes,
    });
    for s in skipped {
        sink(LoadEvent::Skipped(s));
    }
    for f in files {
        let root = roots.iter().find(|r| f.starts_with(r));
        let id = root
            .and_then(|r| f.strip_prefix(r).ok())
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        match std::fs::read(&f)
            .map_err(|e| e.to_string())
            .and_then(|b| document(id, f.clone(), b))
        {
            Ok(d) => sink(LoadEvent::Loaded(Box::new(d))),
            Err(reason) => sink(LoadEvent::Skipped(Skipped { path: f, reason })),
        }
    }
    sink(LoadEvent::Done);
}

/// Loads `paths` at once.
pub fn load(paths: &[PathBuf]) -> Corpus {
    let mut corpus = Corpus::default();
    load_streaming(paths, |ev| match ev {
        LoadEvent::Loaded(d) => corpus.docs.push(*d),
        LoadEvent::Skipped(s) => corpus.skipped.push(s),
        _ => {}
    });
    corpus
}
