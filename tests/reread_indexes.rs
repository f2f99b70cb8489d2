//! The entity index and the corpus search index built from texts read
//! again from their files (into a reused buffer) equal the ones built from
//! the same texts kept in memory, whatever the files' encodings, and files
//! changed or deleted after loading count as empty texts.

use std::sync::atomic::AtomicBool;
use std::sync::{mpsc, Arc};

use qari::corpus::{Body, DocKey, Document};
use qari::entities::service::{IndexEvent, IndexService};
use qari::entities::{build_index, CorpusIndex, Extractor};
use qari::search::GrepIndex;

/// The seed articles in several encodings and forms, big files before small
/// ones (a reused buffer must not show a longer file's bytes), plus the two
/// files that change or vanish.
fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut seeds: Vec<String> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    seeds.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for (i, seed) in seeds.iter().enumerate() {
        let forms: [(&str, Vec<u8>); 5] = [
            ("utf8", seed.clone().into_bytes()),
            ("crlf", seed.replace('\n', "\r\n").into_bytes()),
            ("esc", seed.replacen('\n', "\u{1b}[2J\n", 2).into_bytes()),
            (
                "cp1256",
                encoding_rs::WINDOWS_1256.encode(seed).0.into_owned(),
            ),
            (
                "short",
                seed.lines().next().unwrap_or("").as_bytes().to_vec(),
            ),
        ];
        for (kind, bytes) in forms {
            std::fs::write(dir.path().join(format!("{i}-{kind}.txt")), bytes).unwrap();
        }
    }
    std::fs::write(dir.path().join("x-changed.txt"), "زار بوتين موسكو.\n").unwrap();
    std::fs::write(dir.path().join("x-deleted.txt"), "روسيا وأرمينيا.\n").unwrap();
    dir
}

/// The corpus loaded from `dir`, then x-changed.txt edited (same length)
/// and x-deleted.txt removed; and the texts as kept in memory (empty for
/// those two, as the indexes count them).
fn loaded() -> (tempfile::TempDir, Vec<Document>, Vec<Document>) {
    let dir = corpus_dir();
    let docs = qari::corpus::load(&[dir.path().to_path_buf()]).docs;
    assert!(docs.len() > 20 && docs.iter().all(|d| d.body.is_on_disk()));
    let kept: Vec<Document> = docs
        .iter()
        .map(|d| {
            let text = if d.id.starts_with("x-") {
                String::new()
            } else {
                d.text().to_string()
            };
            Document::from_text(d.id.clone(), text.as_str())
        })
        .collect();
    std::fs::write(dir.path().join("x-changed.txt"), "زار بوتين باريس.\n").unwrap();
    std::fs::remove_file(dir.path().join("x-deleted.txt")).unwrap();
    (dir, docs, kept)
}

fn same_entities(a: &CorpusIndex, b: &CorpusIndex) {
    assert_eq!(a.entries, b.entries);
    assert_eq!(a.bytes, b.bytes);
}

#[test]
fn entity_indexes_from_files_equal_the_ones_from_kept_texts() {
    let (_dir, docs, kept) = loaded();
    let ex = Arc::new(Extractor::builtin());
    let no = AtomicBool::new(false);
    let want = build_index(&ex, &kept, &no).unwrap();
    assert!(want.entries.len() > 10);
    let plain = build_index(&ex, &docs, &no).unwrap();
    same_entities(&plain, &want);
    assert_eq!(plain.unreadable.count, 2);
    let keys: Vec<DocKey> = (0..docs.len())
        .map(|record| DocKey { file: 0, record })
        .collect();
    let Some(IndexEvent::Ready { index, .. }) =
        IndexService::inline().start(1, Arc::clone(&ex), &docs, &keys)
    else {
        panic!("the inline build returns the index")
    };
    same_entities(&index, &want);
    assert_eq!(index.unreadable, plain.unreadable);
    let (tx, rx) = mpsc::channel();
    let mut svc = IndexService::background(move |ev| {
        let _ = tx.send(ev);
    });
    assert!(svc.start(2, ex, &docs, &keys).is_none());
    let index = loop {
        if let IndexEvent::Ready { index, .. } = rx.recv().unwrap() {
            break index;
        }
    };
    same_entities(&index, &want);
    assert_eq!(index.unreadable.count, 2);
}

#[test]
fn search_indexes_from_files_equal_the_ones_from_kept_texts() {
    let (_dir, docs, kept) = loaded();
    let bodies: Vec<Body> = docs.iter().map(|d| d.body.clone()).collect();
    let kept_bodies: Vec<Body> = kept.iter().map(|d| d.body.clone()).collect();
    let (mut from_files, mut from_kept) = (GrepIndex::default(), GrepIndex::default());
    let texts = from_files.extend_keeping_other(&bodies);
    let want = from_kept.extend_keeping_other(&kept_bodies);
    assert_eq!(from_files, from_kept);
    assert_eq!(texts, want);
    assert_eq!(GrepIndex::build(&docs), GrepIndex::build(&kept));
    assert_eq!(GrepIndex::build(&docs), from_kept);
}
