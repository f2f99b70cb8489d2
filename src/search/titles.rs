//! What `qari search` matches against, read quickly.
//!
//! `qari search` is used on large title lists (a JSONL of `{"id","title",
//! "text":""}` records) where the whole process should cost a fraction of
//! `fzf --filter`. Such JSONL files are parsed here in parallel, keeping only
//! id, title, source and date. A JSONL file whose records carry text, and
//! every other file, goes through the corpus loader (so titles and first
//! sentences are exactly what the TUI shows).

use std::borrow::Cow;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::{self, walk, Document, Skipped};

/// One searchable item: what the jump popup lists for a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// Date as written.
    pub date: Option<String>,
    /// First sentence of the text.
    pub first_sentence: Option<String>,
}

impl Listing {
    /// The fields to index.
    pub fn fields(&self) -> super::JumpFields<'_> {
        super::JumpFields {
            title: &self.title,
            source: self.source.as_deref(),
            date: self.date.as_deref(),
            first_sentence: self.first_sentence.as_deref(),
        }
    }
}

impl From<&Document> for Listing {
    fn from(d: &Document) -> Self {
        let f = super::JumpFields::from(d);
        Listing {
            id: d.id.clone(),
            title: d.title.clone(),
            source: d.source.clone(),
            date: f.date.map(str::to_string),
            first_sentence: f.first_sentence.map(str::to_string),
        }
    }
}

#[derive(Deserialize)]
struct Rec<'a> {
    #[serde(borrow, default)]
    id: Option<Id<'a>>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
}

/// A record id: a string or a number (a hand-written visitor; serde's
/// untagged enums buffer every value and were a third of the parse time).
enum Id<'a> {
    Str(Cow<'a, str>),
    Num(String),
}

impl<'de: 'a, 'a> Deserialize<'de> for Id<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = Id<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Id<'a>, E> {
                Ok(Id::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Id<'a>, E> {
                Ok(Id::Str(Cow::Owned(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Id<'a>, E> {
                Ok(Id::Num(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Id<'a>, E> {
                Ok(Id::Num(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Id<'a>, E> {
                Ok(Id::Num(v.to_string()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A field made safe and single-line, as the corpus loader does.
fn clean(s: &str) -> String {
    let mut t = corpus::sanitize::sanitize(s.to_string()).text;
    // Only combining marks can make text non-NFC; most titles have none,
    // and the NFC check itself is costly at a million titles.
    if t.chars().any(|c| c >= '\u{0300}' && is_mark(c)) {
        t = corpus::decode::nfc(t);
    }
    let tidy = t
        .split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    if tidy {
        t
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
        || !matches!(c, '\u{0600}'..='\u{06FF}' | '\u{2000}'..='\u{206F}')
}

/// Parses a title-only JSONL text; `None` when some record has text (the
/// caller then uses the corpus loader for the file).
fn parse_titles(
    file_id: &str,
    path: &std::path::Path,
    text: &str,
) -> Option<(Vec<Listing>, Vec<Skipped>)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let parsed: Vec<Result<Option<Listing>, Skipped>> = lines
        .par_iter()
        .with_min_len(1024)
        .map(|&(n, line)| {
            let bad = |reason: String| Skipped {
                path: path.to_path_buf(),
                reason: format!("line {}: {reason}", n + 1),
            };
            let rec: Rec =
                serde_json::from_str(line).map_err(|e| bad(format!("invalid JSON record: {e}")))?;
            if rec.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                return Ok(None);
            }
            let title = rec.title.as_deref().map(clean).unwrap_or_default();
            if title.is_empty() {
                return Err(bad("no title and no text".into()));
            }
            let id = match rec.id {
                Some(Id::Str(s)) if !s.trim().is_empty() => clean(&s),
                Some(Id::Num(x)) => x,
                _ => format!("{file_id}:{}", n + 1),
            };
            Ok(Some(Listing {
                id,
                title,
                source: rec.source.as_deref().map(clean).filter(|s| !s.is_empty()),
                date: rec.date.as_deref().map(clean).filter(|s| !s.is_empty()),
                first_sentence: None,
            }))
        })
        .collect();
    let mut out = Vec::with_capacity(parsed.len());
    let mut skipped = Vec::new();
    for p in parsed {
        match p {
            Ok(Some(l)) => out.push(l),
            Ok(None) => return None,
            Err(s) => skipped.push(s),
        }
    }
    Some((out, skipped))
}

/// Reads the listings of `paths` (files and folders; the default corpus
/// when empty), in corpus order, with the files that were skipped.
pub fn read_listings(paths: &[PathBuf]) -> (Vec<Listing>, Vec<Skipped>) {
    if paths.is_empty() {
        let c = corpus::load_default();
        return (c.docs.iter().map(Listing::from).collect(), c.skipped);
    }
    if let Some(fast) = read_title_files(paths) {
        return fast;
    }
    let c = corpus::load(paths);
    (c.docs.iter().map(Listing::from).collect(), c.skipped)
}

/// The fast path: every file is a title-only JSONL file on disk.
fn read_title_files(paths: &[PathBuf]) -> Option<(Vec<Listing>, Vec<Skipped>)> {
    let (files, mut skipped) = walk::plan(paths);
    if !files.iter().all(|f| f.is_jsonl() && f.path().is_some()) {
        return None;
    }
    let mut out = Vec::new();
    for f in files {
        let p = f.path()?;
        let bytes = match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(walk::skip(p, &e));
                continue;
            }
        };
        // Anything but clean UTF-8 goes through the loader's decoding.
        let text = String::from_utf8(bytes)
            .ok()
            .filter(|t| !t.starts_with('\u{FEFF}'))?;
        let (items, skips) = parse_titles(&f.id, p, &text)?;
        skipped.extend(skips);
        out.extend(items);
    }
    if has_duplicate_ids(&out) {
        let mut seen = std::collections::HashSet::new();
        for l in &mut out {
            l.id = walk::unique_id(&l.id, &mut seen);
        }
    }
    Some((out, skipped))
}

/// FNV-1a: the ids are short, and SipHash showed in profiles at 1M titles.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

fn has_duplicate_ids(items: &[Listing]) -> bool {
    let mut seen: std::collections::HashSet<&str, std::hash::BuildHasherDefault<Fnv>> =
        std::collections::HashSet::with_capacity_and_hasher(items.len(), Default::default());
    !items.iter().all(|l| seen.insert(&l.id))
}
