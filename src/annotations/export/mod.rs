//! Export of a corpus's annotations: W3C Web Annotation JSON-LD, brat
//! standoff, CSV and Markdown. Positions are re-anchored in the current text
//! first and written in code points.

pub mod brat;
pub mod csv;
pub mod md;
pub mod w3c;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};

use super::anchor::{Anchor, AnchorState, Anchorer};
use super::model::Annotation;
use super::set::AnnotationSet;
use super::store::{write_atomic, Store};
use crate::corpus::{Document, TextError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    W3c,
    /// brat standoff: a `.txt` and an `.ann` per document (needs --out).
    Brat,
    /// CSV: document, start, end, label, tags, note, quote, state, id.
    Csv,
    /// Markdown: quotes grouped by document, with notes.
    Md,
}

impl Format {
    /// File name used for single-stream formats under `--out`.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Format::W3c => Some("annotations.jsonld"),
            Format::Csv => Some("annotations.csv"),
            Format::Md => Some("annotations.md"),
            Format::Brat => None,
        }
    }
}

/// An annotation with where it is in the current text.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The annotation.
    pub ann: &'a Annotation,
    /// How it was anchored.
    pub anchor: Anchor,
    /// Code-point range in the current text (`None` for an orphan).
    pub cp: Option<Range<usize>>,
}

impl Entry<'_> {
    /// The passage: the current text at the anchor, else the stored quote.
    pub fn quote<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.anchor.range {
            Some(r) => &text[r.clone()],
            None => &self.ann.target.quote.exact,
        }
    }
}

/// A document and its annotations, in text order (orphans last).
#[derive(Debug, Clone)]
pub struct DocEntries<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its text as read once for the export: the entries' ranges are in it
    /// (reading the file again could give another text, or a notice).
    pub text: Arc<str>,
    /// Its annotations.
    pub entries: Vec<Entry<'a>>,
}

/// Everything to export.
#[derive(Debug, Clone, Default)]
pub struct Collected<'a> {
    /// Documents that have annotations, in corpus order.
    pub docs: Vec<DocEntries<'a>>,
    /// Annotations whose document is not in the corpus, or whose text can
    /// no longer be read as it was loaded (orphans with their stored quote).
    pub missing: Vec<&'a Annotation>,
    /// Annotated documents whose file changed or vanished since loading.
    pub unreadable: Vec<TextError>,
}

impl Collected<'_> {
    /// Number of annotations found in their documents.
    pub fn anchored(&self) -> usize {
        self.docs
            .iter()
            .flat_map(|d| &d.entries)
            .filter(|e| e.cp.is_some())
            .count()
    }

    /// Number of orphans (not found in the text, or document missing).
    pub fn orphans(&self) -> usize {
        self.missing.len()
            + self
                .docs
                .iter()
                .flat_map(|d| &d.entries)
                .filter(|e| e.cp.is_none())
                .count()
    }
}

/// Anchors the annotations of `set` in `docs`, reading the text of each
/// annotated document once (and no other). The annotations of a document
/// whose text can no longer be read as loaded are orphans (its notice is
/// not a text to quote, nor to write out as the document's).
pub fn collect<'a>(docs: &'a [Document], set: &'a AnnotationSet) -> Collected<'a> {
    let mut out = Collected::default();
    let mut by_doc: HashMap<&str, Vec<&Annotation>> = HashMap::new();
    for a in set.items() {
        by_doc.entry(a.doc()).or_default().push(a);
    }
    let mut unreadable: HashSet<&str> = HashSet::new();
    for doc in docs {
        let Some(anns) = by_doc.get(doc.id.as_str()) else {
            continue;
        };
        let text = match doc.load_text() {
            Ok(t) => t,
            Err(e) => {
                out.unreadable.push(e);
                unreadable.insert(doc.id.as_str());
                continue;
            }
        };
        let anchorer = Anchorer::new(&text);
        let mut entries: Vec<Entry> = anns
            .iter()
            .map(|&ann| {
                let anchor = anchorer.anchor(&ann.target);
                let cp = anchor
                    .range
                    .as_ref()
                    .map(|r| anchorer.code_points().range_to_cp(r));
                Entry { ann, anchor, cp }
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by_key(|e| {
            let start = e.cp.as_ref().map_or(usize::MAX, |r| r.start);
            (start, e.ann.created)
        });
        out.docs.push(DocEntries { doc, text, entries });
    }
    let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    out.missing = set
        .items()
        .iter()
        .filter(|a| !ids.contains(a.doc()) || unreadable.contains(a.doc()))
        .collect();
    out
}

/// Renders a single-stream format.
pub fn render(format: Format, c: &Collected) -> Result<String> {
    Ok(match format {
        Format::W3c => w3c::render(c)?,
        Format::Csv => csv::render(c),
        Format::Md => md::render(c),
        Format::Brat => bail!("brat writes a .txt and an .ann file per document: give --out DIR"),
    })
}

/// Writes `format` into folder `out`; returns the files written.
pub fn write_to_dir(format: Format, c: &Collected, out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let files = match format.file_name() {
        Some(name) => vec![(out.join(name), render(format, c)?)],
        None => brat::files(c)
            .into_iter()
            .map(|(name, body)| (out.join(name), body))
            .collect(),
    };
    let mut written = Vec::with_capacity(files.len());
    for (path, body) in files {
        write_atomic(&path, body.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `qari export`: loads the corpus of `paths` (the default corpus when
/// empty) and its annotations from `data_dir`, and exports them to stdout
/// or into `out`. Skipped files and store problems go to stderr.
pub fn run_export(
    paths: &[PathBuf],
    format: Format,
    out: Option<&Path>,
    data_dir: &Path,
) -> Result<()> {
    if format == Format::Brat && out.is_none() {
        bail!("brat writes a .txt and an .ann file per document: give --out DIR");
    }
    let corpus = if paths.is_empty() {
        crate::corpus::load_default()
    } else {
        crate::corpus::load(paths)
    };
    for s in &corpus.skipped {
        eprintln!("qari: skipped {}: {}", s.path.display(), s.reason);
    }
    let (store, warnings) = Store::open_corpus(data_dir, paths);
    for w in warnings {
        eprintln!("qari: {w}");
    }
    let c = collect(&corpus.docs, &store.set);
    for e in &c.unreadable {
        eprintln!("qari: skipped {e}");
    }
    match out {
        None => print!("{}", render(format, &c)?),
        Some(dir) => {
            let files = write_to_dir(format, &c, dir)?;
            eprintln!("qari: wrote {} file(s) in {}", files.len(), dir.display());
        }
    }
    let orphans = c.orphans();
    eprintln!(
        "qari: exported {} annotation(s) from {} document(s); {} orphan(s){}",
        c.anchored(),
        c.docs.len(),
        orphans,
        if orphans > 0 && format == Format::Brat {
            " (not in brat: they have no position)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Whether an entry is an orphan.
pub fn is_orphan(e: &Entry) -> bool {
    e.anchor.state == AnchorState::Orphan
}

#[cfg(test)]
#[path = "tests.rs"]
pub(crate) mod tests;
