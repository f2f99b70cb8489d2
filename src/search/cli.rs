//! `qari search` and `qari grep`: what the jump popup and the corpus search
//! would list, for scripts and tests.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::rank::terms_of;
use super::snippet::{code_points, snippet};
use super::titles::{read_listings, read_matching, Listings};
use super::{find_in_text, JumpSearcher, Query, Scored};
use crate::corpus::{self, Skipped};

/// Characters of context on each side of a hit in `grep` snippets.
pub const SNIPPET_CONTEXT: usize = 40;

/// One line of `qari search` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRow {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Match score (higher is better; comparable within one query).
    pub score: i64,
    /// 0: every term matched in the title; 1: some needed source or date;
    /// 2: some needed the first sentence.
    pub tier: u8,
}

/// One line of `qari grep` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrepRow {
    /// Document id.
    pub id: String,
    /// Start of the hit in the document text, in code points.
    pub start: usize,
    /// End of the hit (exclusive), in code points.
    pub end: usize,
    /// The hit with some context, on one line.
    pub snippet: String,
}

fn report_skipped(skipped: &[Skipped]) {
    for s in skipped {
        eprintln!("qari: skipped {}: {}", s.path.display(), s.reason);
    }
}

/// A row of `qari search` borrowed from the listings (written as
/// [`SearchRow`] is: same fields, same order).
#[derive(Serialize)]
struct RowRef<'a> {
    id: &'a str,
    title: &'a str,
    score: i64,
    tier: u8,
}

/// The listings read for `query` and its ranked hits (`limit` 0: all).
fn ranked(query: &str, paths: &[PathBuf], limit: usize) -> (Listings, Vec<Scored>, Vec<Skipped>) {
    let t0 = std::time::Instant::now();
    // A title list is read keeping only the items that can match; anything
    // else is read whole (same ranks and totals either way).
    let (items, index, skipped, t1) = match read_matching(paths, &terms_of(query)) {
        Some(m) => (m.listings, m.index, m.skipped, std::time::Instant::now()),
        None => {
            let (items, skipped) = read_listings(paths);
            let t1 = std::time::Instant::now();
            let index = items.index();
            (items, index, skipped, t1)
        }
    };
    let t2 = std::time::Instant::now();
    let limit = if limit == 0 { usize::MAX } else { limit };
    let hits = JumpSearcher::new()
        .search(&index, query, limit, &|| false)
        .map(|r| r.hits)
        .unwrap_or_default();
    // Phase times for benchmarks (see benches/search_vs_fzf.sh).
    if std::env::var_os("QARI_TIMING").is_some() {
        eprintln!(
            "qari: read {:?}, index {:?}, search {:?}",
            t1 - t0,
            t2 - t1,
            t2.elapsed()
        );
    }
    (items, hits, skipped)
}

fn row<'a>(items: &'a Listings, h: &Scored) -> RowRef<'a> {
    RowRef {
        id: items.id(h.doc as usize),
        title: items.title(h.doc as usize),
        score: h.score,
        tier: h.tier,
    }
}

/// The ranked documents for `query` (`limit` 0: all matches).
pub fn search_rows(query: &str, paths: &[PathBuf], limit: usize) -> (Vec<SearchRow>, Vec<Skipped>) {
    let (items, hits, skipped) = ranked(query, paths, limit);
    let rows = hits
        .iter()
        .map(|h| {
            let r = row(&items, h);
            SearchRow {
                id: r.id.to_string(),
                title: r.title.to_string(),
                score: r.score,
                tier: r.tier,
            }
        })
        .collect();
    (rows, skipped)
}

/// Runs `qari search`.
pub fn run_search(query: &str, paths: &[PathBuf], limit: usize, json: bool) -> Result<()> {
    let (items, hits, skipped) = ranked(query, paths, limit);
    report_skipped(&skipped);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        let rows: Vec<RowRef<'_>> = hits.iter().map(|h| row(&items, h)).collect();
        serde_json::to_writer(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for h in &hits {
            let r = row(&items, h);
            writeln!(out, "{}\t{}\t{}", r.id, r.score, r.title)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Every hit of `query` in the corpus, in document then text order. Each
/// text is read once (from disk for files) and dropped after its rows are
/// made; a file that can no longer be read as loaded is reported skipped.
pub fn grep_rows(query: &str, paths: &[PathBuf]) -> (Vec<GrepRow>, Vec<Skipped>) {
    let corpus = if paths.is_empty() {
        corpus::load_default()
    } else {
        corpus::load(paths)
    };
    grep_corpus(corpus, &Query::parse(query))
}

/// [`grep_rows`] over a loaded corpus.
fn grep_corpus(corpus: corpus::Corpus, q: &Query) -> (Vec<GrepRow>, Vec<Skipped>) {
    let per_doc: Vec<Result<Vec<GrepRow>, Skipped>> = corpus
        .docs
        .par_iter()
        .map(|d| {
            // read here and dropped after its rows are made
            let text = d.body.text().map_err(|e| Skipped {
                path: e.path.clone(),
                reason: e.reason,
            })?;
            Ok(doc_rows(d, &text, q))
        })
        .collect();
    let mut rows = Vec::new();
    let mut skipped = corpus.skipped;
    for r in per_doc {
        match r {
            Ok(mut v) => rows.append(&mut v),
            Err(s) => skipped.push(s),
        }
    }
    (rows, skipped)
}

/// The rows of one document's hits.
fn doc_rows(d: &corpus::Document, text: &str, q: &Query) -> Vec<GrepRow> {
    let hits = find_in_text(text, q);
    let mut bytes = Vec::with_capacity(hits.len() * 2);
    for h in &hits {
        bytes.push(h.start);
        bytes.push(h.end);
    }
    // Starts are sorted but an end may pass the next start (overlaps).
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&i| bytes[i]);
    let sorted: Vec<usize> = order.iter().map(|&i| bytes[i]).collect();
    let cps = code_points(text, &sorted);
    let mut cp = vec![0; bytes.len()];
    for (k, &i) in order.iter().enumerate() {
        cp[i] = cps[k];
    }
    hits.into_iter()
        .enumerate()
        .map(|(k, h)| GrepRow {
            id: d.id.clone(),
            start: cp[2 * k],
            end: cp[2 * k + 1],
            snippet: snippet(text, h, SNIPPET_CONTEXT).text,
        })
        .collect()
}

/// Runs `qari grep`.
pub fn run_grep(query: &str, paths: &[PathBuf], json: bool) -> Result<()> {
    let (rows, skipped) = grep_rows(query, paths);
    report_skipped(&skipped);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        serde_json::to_writer(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for r in &rows {
            writeln!(out, "{}:{}-{}: {}", r.id, r.start, r.end, r.snippet)?;
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<PathBuf> {
        vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")]
    }

    #[test]
    fn search_ranks_title_matches_first() {
        let (rows, skipped) = search_rows("اذربيجان", &seeds(), 0);
        assert!(skipped.is_empty());
        assert!(!rows.is_empty());
        assert_eq!(rows[0].tier, 0);
        assert!(rows[0].title.contains("أذربيجان"));
        for w in rows.windows(2) {
            assert!((w[0].tier, -w[0].score) <= (w[1].tier, -w[1].score));
        }
    }

    #[test]
    fn search_with_no_match_lists_nothing() {
        let (rows, _) = search_rows("zzzz", &seeds(), 10);
        assert!(rows.is_empty());
    }

    #[test]
    fn grep_finds_clitic_forms_in_the_seeds() {
        let (rows, _) = grep_rows("روسيا", &seeds());
        assert!(rows.iter().any(|r| r.snippet.contains("وروسيا")));
        assert!(rows.iter().any(|r| r.snippet.contains("لروسيا")));
        // روسيا, or روسياً with its tanwin.
        assert!(rows.iter().all(|r| (5..=6).contains(&(r.end - r.start))));
        let (phrase, _) = grep_rows("\"قره باغ\"", &seeds());
        assert!(phrase.len() >= 5);
    }

    #[test]
    fn files_changed_or_gone_after_loading_are_reported_not_searched() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a.txt", "قالت موسكو إن روسيا لن تتدخل");
        write("b.txt", "طالبت يريفان بروسيا");
        let docs = vec![
            corpus::load_file(&dir.path().join("a.txt")).unwrap(),
            corpus::load_file(&dir.path().join("b.txt")).unwrap(),
        ];
        write("a.txt", "روسيا روسيا");
        let corpus = corpus::Corpus {
            docs,
            skipped: Vec::new(),
        };
        let (rows, skipped) = grep_corpus(corpus, &Query::parse("روسيا"));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].snippet, "طالبت يريفان بروسيا");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].path, dir.path().join("a.txt"));
        assert!(skipped[0].reason.contains("changed"), "{:?}", skipped[0]);
        // loaded again, the new text is searched
        let (rows, skipped) = grep_rows("روسيا", &[dir.path().to_path_buf()]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(skipped.is_empty());
    }

    #[test]
    fn skipped_files_are_reported() {
        let (_, skipped) = grep_rows("روسيا", &[PathBuf::from("/nonexistent/qari")]);
        assert_eq!(skipped.len(), 1);
    }
}
