//! Title-only JSONL read for one query: only the items that can match are
//! kept.
//!
//! `qari search` runs one query over a title list and exits, so there is no
//! need to keep every title and its fold. Each block of the file is read into
//! a buffer its worker reuses, validated as UTF-8 once (SIMD), parsed, folded,
//! and every item is matched against the query's terms at once (pass 1 of
//! [`crate::search::rank`]); only the items that pass keep their fields and
//! folded text. Ranking the kept items gives exactly the ranks and totals of
//! the whole list: pass 1 decides membership, the kept items keep their
//! relative order (the last tie-break), and everything the ranker counts is
//! over the matched items only.
//!
//! Records without an id, ids not in increasing order (the full reader then
//! makes repeated ids unique), records with text, and files that are not
//! plain UTF-8 are left to [`super::read_listings`].

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;

use rayon::prelude::*;

use super::clean::clean_cow;
use super::jsonl::{read_line_with, Line};
use super::plainfold::fold_plain;
use super::record::usual_record;
use super::{Item, Listings, Span};
use crate::corpus::{walk, Skipped};
use crate::search::fuzzy::{fold_into, JumpFields, JumpIndex};
use crate::search::rank::{matches, Term};

/// Bytes of JSONL per block (and per parallel work item).
const BLOCK_BYTES: u64 = 256 * 1024;

/// The items of a title list that match the query's terms, with their
/// fuzzy-jump index (item `i` is entry `i`), in file order.
pub(crate) struct Matching {
    /// The matching items.
    pub listings: Listings,
    /// Their folded fields.
    pub index: JumpIndex,
    /// Files and lines that were skipped.
    pub skipped: Vec<Skipped>,
}

/// What one block gave.
#[derive(Default)]
struct Block {
    /// Lines that start in the block.
    lines: usize,
    /// Skipped lines: line number within the block (from 0) and reason.
    skipped: Vec<(usize, String)>,
    listings: Listings,
    index: JumpIndex,
    /// First and last id of the block's items.
    first_id: Option<String>,
    last_id: Option<String>,
}

thread_local! {
    // The read buffer of each worker thread, reused block after block (fresh
    // buffers cost page clearing and growth copies).
    static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the items of title-only JSONL `paths` that match `terms`; `None`
/// when some file needs the full reader (see the module comment).
pub(crate) fn read_matching(paths: &[PathBuf], terms: &[Term]) -> Option<Matching> {
    read_matching_in(paths, terms, BLOCK_BYTES)
}

fn read_matching_in(paths: &[PathBuf], terms: &[Term], block: u64) -> Option<Matching> {
    if terms.is_empty() {
        return None;
    }
    let (files, mut skipped) = walk::plan(paths);
    if !files.iter().all(|f| f.is_jsonl() && f.path().is_some()) {
        return None;
    }
    let mut listings = Listings::default();
    let mut parts = Vec::new();
    let mut last_id: Option<String> = None;
    for f in &files {
        let path = f.path()?;
        let len = match std::fs::metadata(path) {
            Ok(m) => m.len(),
            Err(e) => {
                skipped.push(walk::skip(path, &e));
                continue;
            }
        };
        let blocks: Vec<Block> = (0..len.div_ceil(block))
            .into_par_iter()
            .map(|k| {
                let (start, end) = (k * block, ((k + 1) * block).min(len));
                BUF.with(|buf| {
                    let mut buf = buf.try_borrow_mut().ok()?;
                    let mut file = File::open(path).ok()?;
                    let text = read_lines(&mut file, &mut buf, start, end, len).ok()??;
                    parse_block(text, terms)
                })
            })
            .collect::<Option<_>>()?;
        let mut line = 0;
        for b in blocks {
            if let (Some(prev), Some(first)) = (&last_id, &b.first_id) {
                if prev >= first {
                    return None;
                }
            }
            if b.last_id.is_some() {
                last_id = b.last_id;
            }
            skipped.extend(b.skipped.into_iter().map(|(k, reason)| Skipped {
                path: path.to_path_buf(),
                reason: format!("line {}: {reason}", line + k + 1),
            }));
            line += b.lines;
            listings.append(b.listings);
            parts.push(b.index);
        }
    }
    Some(Matching {
        listings,
        index: JumpIndex::concat(parts),
        skipped,
    })
}

/// Parses and matches the lines of one block; `None` when the file needs
/// the full reader.
fn parse_block(text: &str, terms: &[Term]) -> Option<Block> {
    let mut b = Block::default();
    let mut arena = String::new();
    let mut prev: Option<Cow<'_, str>> = None;
    // The folded title of the current line.
    let mut folded = String::new();
    let mut pos = 0;
    // Lines as `str::lines` cuts them (a `\r` goes only before a `\n`).
    while let Some(rest) = text.get(pos..).filter(|r| !r.is_empty()) {
        let k = b.lines;
        b.lines += 1;
        folded.clear();
        let line = if let Some((id, title, mask, used)) = usual_record(rest, &mut folded) {
            pos += used;
            Line::Item {
                id: Some(Cow::Borrowed(id)),
                title: (Cow::Borrowed(title), mask),
                source: Cow::Borrowed(""),
                date: Cow::Borrowed(""),
            }
        } else {
            let (line, used) = match memchr::memchr(b'\n', rest.as_bytes()) {
                Some(i) => {
                    let l = rest.get(..i)?;
                    (l.strip_suffix('\r').unwrap_or(l), i + 1)
                }
                None => (rest, rest.len()),
            };
            pos += used;
            read_line_with(line, |t| clean_and_fold(&mut folded, t))
        };
        match line {
            Line::Blank => {}
            Line::Bad(reason) => b.skipped.push((k, reason)),
            Line::HasText => return None,
            Line::Item {
                id,
                title: (title, mask),
                source,
                date,
            } => {
                let id = id?;
                if let Some(p) = &prev {
                    if *p >= id {
                        return None;
                    }
                } else {
                    b.first_id = Some(id.to_string());
                }
                let fields = JumpFields {
                    title: &title,
                    source: Some(&*source).filter(|x| !x.is_empty()),
                    date: Some(&*date).filter(|x| !x.is_empty()),
                    first_sentence: None,
                };
                b.index.push_folded_title(&fields, &folded, mask);
                let doc = b.index.len() as u32 - 1;
                if matches(&b.index, doc, terms) {
                    let mut put = |x: &str| {
                        let start = arena.len() as u32;
                        arena.push_str(x);
                        Span {
                            text: 0,
                            start,
                            end: arena.len() as u32,
                        }
                    };
                    b.listings.items.push(Item {
                        id: put(&id),
                        title: put(&title),
                        source: put(&source),
                        date: put(&date),
                        first_sentence: Span::default(),
                    });
                } else {
                    b.index.pop();
                }
                prev = Some(id);
            }
        }
    }
    b.last_id = prev.map(Cow::into_owned);
    b.listings.texts.push(arena);
    Some(b)
}

/// The cleaned title, its fold appended to `folded` and the fold's letter
/// mask; `None` when it is empty once cleaned. A plain title is checked and
/// folded in one pass.
fn clean_and_fold<'a>(folded: &mut String, t: Cow<'a, str>) -> Option<(Cow<'a, str>, u64)> {
    if let Some(mask) = fold_plain(folded, &t) {
        return Some((t, mask));
    }
    let t = clean_cow(t);
    let mask = fold_into(folded, &t);
    (!t.is_empty()).then_some((t, mask))
}

/// The lines starting in `start..end` of the file, whole, as text (read
/// into the scratch buffer); `Ok(None)` when they are not plain UTF-8 or
/// the file starts with a byte order mark.
fn read_lines<'b>(
    file: &mut File,
    buf: &'b mut Vec<u8>,
    start: u64,
    end: u64,
    len: u64,
) -> std::io::Result<Option<&'b str>> {
    buf.clear();
    buf.reserve((end - start) as usize + 1);
    // One byte before the block tells whether a line starts at `start`.
    let from = start.saturating_sub(1);
    file.seek(SeekFrom::Start(from))?;
    file.by_ref().take(end - from).read_to_end(buf)?;
    let first = if start == 0 {
        if buf.starts_with(b"\xEF\xBB\xBF") {
            return Ok(None);
        }
        0
    } else {
        match memchr::memchr(b'\n', buf) {
            Some(i) => i + 1,
            None => buf.len(),
        }
    };
    if first as u64 >= end - from {
        return Ok(Some(""));
    }
    // Complete the last line.
    let mut pos = end;
    while buf.last() != Some(&b'\n') && pos < len {
        let have = buf.len();
        let n = file.by_ref().take(64 * 1024).read_to_end(buf)?;
        if n == 0 {
            break;
        }
        pos += n as u64;
        if let Some(i) = memchr::memchr(b'\n', &buf[have..]) {
            buf.truncate(have + i + 1);
            break;
        }
    }
    Ok(simdutf8::basic::from_utf8(&buf[first..]).ok())
}

#[cfg(test)]
mod tests {
    use super::super::read_listings;
    use super::*;
    use crate::search::rank::terms_of;
    use crate::search::JumpSearcher;

    const WORDS: &[&str] = &[
        "روسيا",
        "أرمينيا",
        "باشينيان",
        "قره",
        "باغ",
        "جاهدًا",
        "المُعاهدة",
        "إلى",
        "آسيا",
        "قرية",
        "CSTO",
        "Moscow",
        "٢٠٢٣",
        "2023",
        "بروسيا",
        "لأرمينيا",
        "ﻻ",
        "x\u{a0}y",
        "باكو",
    ];

    /// A title list with sources, dates, unclean titles, blank and bad
    /// lines and a few lines longer than a block.
    fn lines(n: usize) -> Vec<String> {
        let mut seed = 7u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % m
        };
        (0..n)
            .map(|i| {
                let words = if i % 97 == 5 { 60 } else { 1 + next(8) };
                let title: Vec<&str> = (0..words).map(|_| WORDS[next(WORDS.len())]).collect();
                let title = title.join(if i % 13 == 0 { "  " } else { " " });
                match i % 50 {
                    7 => String::new(),
                    11 => "not json".into(),
                    17 => format!(r#"{{"id":"d{i:05}","title":"","text":""}}"#),
                    23 => format!(
                        r#"{{"id":"d{i:05}","title":"{title}","source":"وكالة تاس","date":"2023-05-01"}}"#
                    ),
                    29 => format!(r#"{{"id":"d{i:05}","title":"{title}\tب","source":null}}"#),
                    31 => format!(r#"{{"id":"d{i:05}","title":"{title} \"x\"","text":""}}"#),
                    37 | 49 => format!("{{\"id\":\"d{i:05}\",\"title\":\"{title}\",\"text\":\"\"}}\r"),
                    41 => format!(r#"{{"id": "d{i:05}", "title": "{title}"}}"#),
                    43 => format!(r#"{{"id":"d{i:05} x","title":"{title}","text":""}}"#),
                    _ => format!(r#"{{"id":"d{i:05}","title":"{title}","text":""}}"#),
                }
            })
            .collect()
    }

    fn write(lines: &[String]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        std::fs::write(&path, lines.join("\n")).expect("write");
        (dir, path)
    }

    type Ranked = (Vec<(String, String, i64, u8)>, usize);

    fn rank(items: &Listings, index: &JumpIndex, query: &str, limit: usize) -> Ranked {
        let r = JumpSearcher::new()
            .search(index, query, limit, &|| false)
            .expect("not cancelled");
        let rows = r.hits.iter().map(|h| {
            let d = h.doc as usize;
            (items.id(d).into(), items.title(d).into(), h.score, h.tier)
        });
        (rows.collect(), r.total)
    }

    #[test]
    fn kept_items_rank_like_the_whole_list() {
        let (_dir, path) = write(&lines(1500));
        let paths = [path];
        let (all, all_skipped) = read_listings(&paths);
        let all_index = all.index();
        let reasons = |s: &[Skipped]| s.iter().map(|x| x.reason.clone()).collect::<Vec<_>>();
        let mut queries: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
        queries.extend(
            [
                "روسيا ارمينيا",
                "قره باغ",
                "ا",
                "بش",
                "csto",
                "تاس",
                "2023",
                "٢٠",
                "و ب",
                "zz",
                "اسيا قريه",
                "مع",
                "ب ا ن",
            ]
            .map(String::from),
        );
        for block in [97, 1000, 4096, BLOCK_BYTES] {
            for q in &queries {
                let m = read_matching_in(&paths, &terms_of(q), block).expect("fast path");
                assert_eq!(reasons(&m.skipped), reasons(&all_skipped), "{block}");
                assert!(m.listings.len() < all.len());
                for limit in [usize::MAX, 5] {
                    assert_eq!(
                        rank(&m.listings, &m.index, q, limit),
                        rank(&all, &all_index, q, limit),
                        "{q} block {block} limit {limit}"
                    );
                }
            }
        }
        assert_eq!(all_skipped.len(), 60, "{all_skipped:?}");
        assert!(all_skipped[0].reason.starts_with("line 12: invalid JSON"));
    }

    #[test]
    fn other_lists_are_left_to_the_full_reader() {
        let terms = terms_of("روسيا");
        let ok = r#"{"id":"a","title":"روسيا"}"#;
        let cases: [&[u8]; 6] = [
            r#"{"title":"روسيا"}"#.as_bytes(),
            b"{\"id\":\"b\",\"title\":\"x\"}\n{\"id\":\"a\",\"title\":\"y\"}",
            b"{\"id\":\"a\",\"title\":\"x\"}\n{\"id\":\"a\",\"title\":\"y\"}",
            r#"{"id":"a","title":"x","text":"روسيا تعلن."}"#.as_bytes(),
            b"\xEF\xBB\xBF{\"id\":\"a\",\"title\":\"x\"}",
            b"{\"id\":\"a\",\"title\":\"x\xFF\"}",
        ];
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.jsonl");
        for c in cases {
            std::fs::write(&path, c).expect("write");
            let p = [path.clone()];
            assert!(read_matching_in(&p, &terms, 7).is_none(), "{c:?}");
        }
        std::fs::write(&path, ok).expect("write");
        let p = [path.clone()];
        assert!(read_matching_in(&p, &terms_of(" "), 7).is_none());
        let m = read_matching_in(&p, &terms, 7).expect("fast path");
        assert_eq!((m.listings.id(0), m.listings.title(0)), ("a", "روسيا"));
        let txt = dir.path().join("t.txt");
        std::fs::write(&txt, "روسيا").expect("write");
        assert!(read_matching_in(&[txt], &terms, 7).is_none());
    }

    #[test]
    fn files_follow_each_other_and_missing_ones_are_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.jsonl");
        let b = dir.path().join("b.jsonl");
        std::fs::write(&a, "{\"id\":\"a1\",\"title\":\"روسيا\"}\n").expect("write");
        std::fs::write(&b, "{\"id\":\"b1\",\"title\":\"بروسيا\"}").expect("write");
        let gone = dir.path().join("gone.jsonl");
        let paths = [a.clone(), gone, b.clone()];
        let m = read_matching_in(&paths, &terms_of("روسيا"), 5).expect("fast path");
        assert_eq!((m.listings.id(0), m.listings.id(1)), ("a1", "b1"));
        let (_, skipped) = read_listings(&paths);
        assert_eq!(m.skipped.len(), skipped.len());
        // Ids must increase across files too.
        let m = read_matching_in(&[b, a], &terms_of("روسيا"), 5);
        assert!(m.is_none());
    }
}
