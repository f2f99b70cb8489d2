//! Title-only JSONL files read in blocks of whole lines and parsed in
//! parallel, keeping only id, title, source and date.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use super::clean::clean_cow;
use super::{Item, Listings, Span};
use crate::corpus::{walk, Skipped};
use crate::search::jsonline;

/// Bytes of JSONL per block read (and per parallel work item).
const BLOCK_BYTES: usize = 256 * 1024;

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
/// What one chunk of a title JSONL gave.
#[derive(Default)]
struct Part {
    items: Vec<Item>,
    arena: Arena,
    skipped: Vec<Skipped>,
    has_text: bool,
}

/// Collects owned strings into an arena text of [`Listings`].
#[derive(Default)]
struct Arena {
    text: String,
}

impl Arena {
    /// A span of `s`: its place in the block (text 0) when it lies in
    /// `file` (the block), else a copy in the arena (text 1); both are fixed
    /// up when the parts are joined.
    fn span(&mut self, file: &str, s: &str) -> Span {
        if s.is_empty() {
            return Span::default();
        }
        let off = (s.as_ptr() as usize).wrapping_sub(file.as_ptr() as usize);
        if off <= file.len() && off + s.len() <= file.len() {
            return Span {
                text: 0,
                start: off as u32,
                end: (off + s.len()) as u32,
            };
        }
        let start = self.text.len() as u32;
        self.text.push_str(s);
        Span {
            text: 1,
            start,
            end: self.text.len() as u32,
        }
    }
}

/// What one line of a title-only JSONL file holds; `T` is what the caller
/// made of the title (see [`read_line_with`]).
pub(super) enum Line<'a, T> {
    /// Only white space.
    Blank,
    /// Not a record that can be listed (the reason, without line number).
    Bad(String),
    /// A record with text: the file is not title-only.
    HasText,
    /// A listing: fields cleaned as the loader cleans them (empty: absent);
    /// `id` is `None` when the record has none (the file id and line number
    /// stand in).
    Item {
        id: Option<Cow<'a, str>>,
        title: T,
        source: Cow<'a, str>,
        date: Cow<'a, str>,
    },
}

/// Reads one line of a title-only JSONL file, the title cleaned.
pub(super) fn read_line(line: &str) -> Line<'_, Cow<'_, str>> {
    read_line_with(line, |t| Some(clean_cow(t)).filter(|t| !t.is_empty()))
}

/// Reads one line of a title-only JSONL file; `title` cleans the raw title
/// (its own way, e.g. folding it on the way) and says `None` when it is
/// empty once cleaned.
pub(super) fn read_line_with<'a, T>(
    line: &'a str,
    title: impl FnOnce(Cow<'a, str>) -> Option<T>,
) -> Line<'a, T> {
    if line.trim().is_empty() {
        return Line::Blank;
    }
    let rec = match jsonline::parse(line) {
        Some(f) => Rec {
            id: f.id.map(|s| Id::Str(Cow::Borrowed(s))),
            title: f.title.map(Cow::Borrowed),
            text: f.text.map(Cow::Borrowed),
            source: f.source.map(Cow::Borrowed),
            date: f.date.map(Cow::Borrowed),
        },
        None => match serde_json::from_str::<Rec>(line) {
            Ok(r) => r,
            Err(e) => return Line::Bad(format!("invalid JSON record: {e}")),
        },
    };
    if rec.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
        return Line::HasText;
    }
    let Some(title) = rec.title.and_then(title) else {
        return Line::Bad("no title and no text".into());
    };
    let id = match rec.id {
        Some(Id::Str(s)) if !s.trim().is_empty() => Some(clean_cow(s)),
        Some(Id::Num(x)) => Some(Cow::Owned(x)),
        _ => None,
    };
    let field = |f: Option<Cow<'a, str>>| f.map(clean_cow).unwrap_or_default();
    Line::Item {
        id,
        title,
        source: field(rec.source),
        date: field(rec.date),
    }
}

/// Parses one block of a title-only JSONL file (whole lines), whose first
/// line is line `first_line + 1` of the file.
fn parse_block(file_id: &str, path: &Path, file: &str, first_line: usize) -> Part {
    let mut part = Part::default();
    for (k, line) in file.lines().enumerate() {
        let n = first_line + k + 1;
        match read_line(line) {
            Line::Blank => {}
            Line::Bad(reason) => part.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: format!("line {n}: {reason}"),
            }),
            Line::HasText => {
                part.has_text = true;
                return part;
            }
            Line::Item {
                id,
                title,
                source,
                date,
            } => {
                let id = id.unwrap_or_else(|| Cow::Owned(format!("{file_id}:{n}")));
                let a = &mut part.arena;
                part.items.push(Item {
                    id: a.span(file, &id),
                    title: a.span(file, &title),
                    source: a.span(file, &source),
                    date: a.span(file, &date),
                    first_sentence: Span::default(),
                });
            }
        }
    }
    part
}

/// Parses a title-only JSONL file read as blocks of whole lines; `None`
/// when some record has text (the caller then uses the corpus loader for the
/// file).
fn parse_titles(
    file_id: &str,
    path: &Path,
    blocks: Vec<String>,
) -> Option<(Listings, Vec<Skipped>)> {
    // Line numbers: every block but the last ends with a line end.
    let counts: Vec<usize> = blocks
        .par_iter()
        .map(|b| memchr::memchr_iter(b'\n', b.as_bytes()).count())
        .collect();
    let mut first_lines = Vec::with_capacity(blocks.len());
    let mut line = 0;
    for c in counts {
        first_lines.push(line);
        line += c;
    }
    let parts: Vec<Part> = blocks
        .par_iter()
        .zip(first_lines)
        .map(|(b, first)| parse_block(file_id, path, b, first))
        .collect();
    if parts.iter().any(|p| p.has_text) {
        return None;
    }
    let mut out = Listings {
        texts: Vec::with_capacity(blocks.len() * 2),
        items: Vec::with_capacity(parts.iter().map(|p| p.items.len()).sum()),
    };
    let mut skipped = Vec::new();
    for (block, p) in blocks.into_iter().zip(parts) {
        skipped.extend(p.skipped);
        let index = [out.texts.len() as u32, out.texts.len() as u32 + 1];
        out.texts.push(block);
        out.texts.push(p.arena.text);
        out.items.extend(p.items.into_iter().map(|mut it| {
            for s in [&mut it.id, &mut it.title, &mut it.source, &mut it.date] {
                s.text = index[s.text as usize & 1];
            }
            it
        }));
    }
    Some((out, skipped))
}

/// Reads a file in blocks of about [`BLOCK_BYTES`] that end at a line end
/// (the last one excepted), as text; `None` when it is not plain UTF-8
/// (invalid, or with a byte order mark): the loader decodes those.
fn read_blocks(path: &Path) -> std::io::Result<Option<Vec<String>>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut raw: Vec<Vec<u8>> = Vec::new();
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut buf = Vec::with_capacity(BLOCK_BYTES + carry.len() + 1);
        buf.append(&mut carry);
        let n = (&mut f).take(BLOCK_BYTES as u64).read_to_end(&mut buf)?;
        if n == 0 {
            if !buf.is_empty() {
                raw.push(buf);
            }
            break;
        }
        match memchr::memrchr(b'\n', &buf) {
            Some(i) => {
                carry = buf.split_off(i + 1);
                raw.push(buf);
            }
            // No line end yet: keep reading this line.
            None => carry = buf,
        }
    }
    if raw.first().is_some_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
        return Ok(None);
    }
    let texts: Option<Vec<String>> = raw
        .into_par_iter()
        .map(|b| String::from_utf8(b).ok())
        .collect();
    Ok(texts)
}
/// The fast path: every file is a title-only JSONL file on disk.
pub(super) fn read_title_files(paths: &[PathBuf]) -> Option<(Listings, Vec<Skipped>)> {
    let (files, mut skipped) = walk::plan(paths);
    if !files.iter().all(|f| f.is_jsonl() && f.path().is_some()) {
        return None;
    }
    let mut out = Listings::default();
    for f in files {
        let p = f.path()?;
        let blocks = match read_blocks(p) {
            Ok(b) => b?,
            Err(e) => {
                skipped.push(walk::skip(p, &e));
                continue;
            }
        };
        let (items, skips) = parse_titles(&f.id, p, blocks)?;
        skipped.extend(skips);
        out.append(items);
    }
    if has_duplicate_ids(&out) {
        let mut seen = std::collections::HashSet::new();
        let mut ids = Vec::with_capacity(out.len());
        for i in 0..out.len() {
            ids.push(walk::unique_id(out.id(i), &mut seen));
        }
        let base = out.texts.len() as u32;
        let mut text = String::new();
        for (it, id) in out.items.iter_mut().zip(ids) {
            let start = text.len() as u32;
            text.push_str(&id);
            it.id = Span {
                text: base,
                start,
                end: text.len() as u32,
            };
        }
        out.texts.push(text);
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

fn has_duplicate_ids(items: &Listings) -> bool {
    // Ids in increasing order (as generated lists and corpora usually are)
    // cannot repeat; no need to hash them.
    if (1..items.len()).all(|i| items.id(i - 1) < items.id(i)) {
        return false;
    }
    let mut seen: std::collections::HashSet<&str, std::hash::BuildHasherDefault<Fnv>> =
        std::collections::HashSet::with_capacity_and_hasher(items.len(), Default::default());
    !(0..items.len()).all(|i| seen.insert(items.id(i)))
}

#[cfg(test)]
mod tests {
    use super::super::read_listings;
    use super::*;

    fn write(lines: &[String]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        std::fs::write(&path, lines.join("\n")).expect("write");
        (dir, path)
    }
    #[test]
    fn lines_are_numbered_across_chunks() {
        // Enough lines for several parallel chunks.
        let mut lines: Vec<String> = (0..12_000)
            .map(|i| {
                format!(r#"{{"id":"d{i}","title":"عنوان رقم {i} في القائمة الطويلة","text":""}}"#)
            })
            .collect();
        lines[9000] = "not json".into();
        lines[11000] = r#"{"title":"بلا معرف"}"#.into();
        lines[11001] =
            r#"{"id":7,"title":"رقم\t\u0628 \"x\"","source":" وكالة  ","date":null}"#.into();
        lines.push(String::new());
        let (_dir, path) = write(&lines);
        let (items, skipped) = read_listings(std::slice::from_ref(&path));
        assert!(lines.join("\n").len() > 3 * BLOCK_BYTES);
        assert_eq!(skipped.len(), 1);
        assert!(
            skipped[0].reason.starts_with("line 9001: invalid JSON"),
            "{}",
            skipped[0]
        );
        assert_eq!(items.len(), 11_999);
        assert_eq!(items.id(0), "d0");
        assert_eq!(items.title(8999), "عنوان رقم 8999 في القائمة الطويلة");
        assert_eq!(items.id(9000), "d9001");
        assert_eq!(items.id(10_999), "t.jsonl:11001");
        assert_eq!(items.title(10_999), "بلا معرف");
        assert_eq!(items.id(11_000), "7");
        assert_eq!(items.title(11_000), "رقم ب \"x\"");
        let f = items.fields(11_000);
        assert_eq!((f.source, f.date), (Some("وكالة"), None));
        let idx = items.index();
        assert_eq!(idx.len(), items.len());
    }

    #[test]
    fn records_with_text_go_through_the_loader() {
        let lines = vec![
            r#"{"id":"a","title":"عنوان","text":""}"#.to_string(),
            r#"{"id":"b","text":"روسيا تعلن. ثم جملة أخرى."}"#.to_string(),
        ];
        let (_dir, path) = write(&lines);
        let (items, skipped) = read_listings(&[path]);
        // The loader skips a record without text; the second one has a title
        // and a first sentence from its text.
        assert_eq!(items.len(), 1, "{skipped:?}");
        assert_eq!(items.id(0), "b");
        assert!(items.fields(0).first_sentence.is_some());
    }

    #[test]
    fn duplicate_ids_are_made_unique() {
        let lines = vec![
            r#"{"id":"a","title":"واحد"}"#.to_string(),
            r#"{"id":"a","title":"اثنان"}"#.to_string(),
        ];
        let (_dir, path) = write(&lines);
        let (items, _) = read_listings(&[path]);
        assert_eq!((items.id(0), items.id(1)), ("a", "a#2"));
        assert_eq!(items.title(1), "اثنان");
    }
}
