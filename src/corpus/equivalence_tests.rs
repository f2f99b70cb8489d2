//! The loader's fast path (borrowed UTF-8, one scan deciding that nothing
//! needs sanitising or composing) against the general path (always copy,
//! always sanitise, always compose to NFC): same documents, notes and
//! skipped files.

use std::borrow::Cow;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::build::{build_document, finish, Given};
use super::walk::EMBEDDED_SEEDS;
use super::{decode, load, sanitize, Document};

/// The seed articles as text.
pub(super) fn seeds() -> Vec<&'static str> {
    EMBEDDED_SEEDS
        .iter()
        .map(|(_, b)| std::str::from_utf8(b).expect("seeds are UTF-8"))
        .collect()
}

/// The general path: owned text, sanitised and composed unconditionally.
fn general(bytes: &[u8]) -> Result<Document, String> {
    let d = decode::decode(bytes)?;
    let mut notes = d.notes;
    let clean = sanitize::sanitize(d.text);
    notes.extend(clean.notes());
    let text: String = clean.text.nfc().collect();
    finish("x".into(), None, &text, notes, Given::default(), false).map_err(|e| e.reason)
}

/// The loader's path.
fn fast(bytes: &[u8]) -> Result<Document, String> {
    let (text, notes) = decode::decode_cow(bytes)?;
    build_document("x".into(), None, text, notes, Given::default())
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

/// Every seed in the forms a corpus meets: UTF-8 with and without BOM, CRLF,
/// windows-1256, UTF-16, decomposed (NFD), with tabs, escape sequences,
/// bidi controls, C1 controls and damaged bytes.
pub(super) fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (i, seed) in seeds().into_iter().enumerate() {
        let mut add = |kind: &str, bytes: Vec<u8>| out.push((format!("{i}-{kind}.txt"), bytes));
        add("utf8", seed.as_bytes().to_vec());
        add(
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), seed.as_bytes()].concat(),
        );
        add("crlf", seed.replace('\n', "\r\n").into_bytes());
        add("cr", seed.replace('\n', "\r").into_bytes());
        add(
            "cp1256",
            encoding_rs::WINDOWS_1256.encode(seed).0.into_owned(),
        );
        add("utf16", utf16le_bom(seed));
        add("nfd", seed.nfd().collect::<String>().into_bytes());
        let marks = seed
            .replacen('ا', "ا\u{654}", 3)
            .replacen('ب', "ب\u{651}\u{64e}", 3);
        add("marks", marks.into_bytes());
        add("tabs", seed.replacen(' ', "\t", 5).into_bytes());
        let esc = seed.replacen('\n', "\u{1b}[2J\n\u{1b}]0;t\u{7}", 2);
        add("esc", esc.into_bytes());
        add("bidi", seed.replacen(' ', " \u{202E}", 3).into_bytes());
        add("c1", seed.replacen('\n', "\u{85}", 2).into_bytes());
        add("bomin", seed.replacen(' ', "\u{FEFF}", 2).into_bytes());
        let mut damaged = seed.as_bytes().to_vec();
        damaged.insert(damaged.len() / 2, 0xFF);
        add("damaged", damaged);
    }
    out.push(("binary.txt".into(), b"\x7fELF\x02\x01\x01\x00\x00".to_vec()));
    out.push(("empty.txt".into(), Vec::new()));
    out.push(("blank.txt".into(), b" \r\n\t\n".to_vec()));
    out
}

#[test]
fn fixtures_load_the_same_on_both_paths() {
    for (name, bytes) in fixtures() {
        assert_eq!(fast(&bytes), general(&bytes), "{name}");
    }
}

#[test]
fn a_folder_of_fixtures_loads_as_the_general_path_says() {
    let tmp = tempfile::tempdir().unwrap();
    let mut fixtures = fixtures();
    for (name, bytes) in &fixtures {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let corpus = load(&[tmp.path().to_path_buf()]);
    let mut docs = corpus.docs.iter();
    let mut skipped = corpus.skipped.iter();
    fixtures.sort();
    for (name, bytes) in &fixtures {
        let path = tmp.path().join(name);
        match general(bytes) {
            Ok(want) => {
                let got = docs.next().expect("a document");
                assert_eq!(got.id, *name);
                assert_eq!(got.path.as_ref(), Some(&path));
                assert!(got.body.is_on_disk(), "{name}");
                let got = Document {
                    id: "x".into(),
                    path: None,
                    body: crate::corpus::Body::kept(got.load_text().expect("read again")),
                    ..got.clone()
                };
                assert_eq!(got, want, "{name}");
            }
            Err(reason) => {
                let got = skipped.next().expect("a skipped file");
                assert_eq!((&got.path, &got.reason), (&path, &reason), "{name}");
            }
        }
    }
    assert!(docs.next().is_none() && skipped.next().is_none());
}

#[test]
fn every_fixture_kind_is_read_again_as_the_general_path_loads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = fixtures();
    for (name, bytes) in &fixtures {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let corpus = load(&[tmp.path().to_path_buf()]);
    let mut kinds = std::collections::BTreeSet::new();
    for doc in &corpus.docs {
        let (_, bytes) = fixtures
            .iter()
            .find(|(n, _)| *n == doc.id)
            .expect("a fixture");
        let want = general(bytes).expect("loaded, so the general path loads it");
        let got = doc.load_text().expect("read again");
        assert_eq!(*got, *want.text(), "{}", doc.id);
        assert_eq!(doc.body.len(), got.len(), "{}", doc.id);
        kinds.insert(
            doc.id
                .split(['-', '.'])
                .nth(1)
                .unwrap_or_default()
                .to_string(),
        );
    }
    let want = "bidi bom bomin c1 cp1256 cr crlf damaged esc marks nfd tabs utf16 utf8";
    assert_eq!(kinds.into_iter().collect::<Vec<_>>().join(" "), want);
}

#[test]
fn with_text_lends_what_text_returns_for_every_fixture_kind_and_error() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = fixtures();
    for (name, bytes) in &fixtures {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let corpus = load(&[tmp.path().to_path_buf()]);
    let kinds: std::collections::BTreeSet<&str> = corpus
        .docs
        .iter()
        .filter_map(|d| d.id.split(['-', '.']).nth(1))
        .collect();
    let want = "bidi bom bomin c1 cp1256 cr crlf damaged esc marks nfd tabs utf16 utf8";
    assert_eq!(kinds.into_iter().collect::<Vec<_>>().join(" "), want);
    // One buffer for all, longest files first: a shorter file read after a
    // longer one must not see the longer one's bytes.
    let mut docs: Vec<&Document> = corpus.docs.iter().collect();
    docs.sort_by_key(|d| std::cmp::Reverse(d.body.len()));
    let mut buf = Vec::new();
    let lent = |d: &Document, buf: &mut Vec<u8>| d.body.with_text(buf, str::to_string);
    for doc in &docs {
        let want = doc.body.text().expect("read again");
        assert_eq!(lent(doc, &mut buf).as_deref(), Ok(&*want), "{}", doc.id);
    }
    // The same errors: a file changed (same length too) and a file deleted.
    let (changed, deleted) = (docs[0], docs[1]);
    let mut bytes = std::fs::read(changed.path.as_ref().unwrap()).unwrap();
    let last = bytes.iter().rposition(u8::is_ascii_alphabetic).unwrap();
    bytes[last] ^= 0x20;
    std::fs::write(changed.path.as_ref().unwrap(), bytes).unwrap();
    std::fs::remove_file(deleted.path.as_ref().unwrap()).unwrap();
    for doc in [changed, deleted] {
        let want = doc.body.text().unwrap_err();
        assert_eq!(lent(doc, &mut buf).unwrap_err(), want, "{}", doc.id);
    }
    assert_eq!(
        lent(changed, &mut buf).unwrap_err().reason,
        "changed on disk since it was loaded"
    );
    assert!(lent(deleted, &mut buf)
        .unwrap_err()
        .reason
        .starts_with("cannot be read again: "));
    // Kept texts are lent as they are.
    let kept = Document::from_text("k", "نص");
    assert_eq!(lent(&kept, &mut buf).as_deref(), Ok("نص"));
}

pub(super) fn seed_piece() -> impl Strategy<Value = String> {
    (0..EMBEDDED_SEEDS.len(), 0usize..4000, 0usize..300).prop_map(|(i, at, len)| {
        let s = seeds()[i];
        let start = (0..=at.min(s.len()))
            .rev()
            .find(|&j| s.is_char_boundary(j))
            .unwrap_or(0);
        let end = (start..=(start + len).min(s.len()))
            .rev()
            .find(|&j| s.is_char_boundary(j))
            .unwrap_or(start);
        s[start..end].to_string()
    })
}

pub(super) fn special() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\r\n",
        "\r",
        "\n",
        "\t",
        "\u{1b}[31m",
        "\u{1b}]8;;x\u{1b}\\",
        "\u{85}",
        "\u{9b}1m",
        "\u{202B}",
        "\u{2067}",
        "\u{2028}",
        "\u{FEFF}",
        "\u{E0041}",
        "\u{7f}",
        "\u{0}",
        "\u{654}",
        "\u{651}\u{64e}",
        "\u{64e}\u{651}",
        "e\u{301}",
        "\u{6d6}",
        "\u{301}",
        "ـ",
        "؟",
        "۔",
        "..",
        "...",
        " 1. ",
        "2.5",
        "د. ",
        "المصدر: ",
        "Source: x\n",
        "السبت 31 أكتوبر 2020",
        "2023-09-19",
        "19/09/2023",
        "September 19, 2023",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #[test]
    fn seed_text_with_specials_builds_the_same_on_both_paths(
        parts in prop::collection::vec(prop_oneof![seed_piece(), special()], 0..12)
    ) {
        let text = parts.concat();
        prop_assert_eq!(fast(text.as_bytes()), general(text.as_bytes()));
        let given = Given::default;
        let borrowed = build_document("x".into(), None, Cow::Borrowed(&text), vec![], given());
        let owned = build_document("x".into(), None, Cow::Owned(text.clone()), vec![], given());
        prop_assert_eq!(borrowed, owned);
    }

    #[test]
    fn any_bytes_decode_the_same_on_both_paths(
        bytes in prop::collection::vec(any::<u8>(), 0..300)
    ) {
        let owned = decode::decode(&bytes);
        let cow = decode::decode_cow(&bytes);
        prop_assert_eq!(owned.as_ref().map(|d| d.text.as_str()), cow.as_ref().map(|(t, _)| &**t));
        // independent of the decoder: valid UTF-8 without a BOM that is
        // accepted comes back exactly as it was written
        if let (Ok(s), Ok((t, _))) = (std::str::from_utf8(&bytes), &cow) {
            if !s.starts_with('\u{FEFF}') {
                prop_assert_eq!(&**t, s);
            }
        }
        prop_assert_eq!(fast(&bytes), general(&bytes));
    }

    #[test]
    fn utf8_validation_agrees_with_std(
        text in "\\PC{0,40}",
        cut in 0usize..200,
        junk in any::<u8>(),
    ) {
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            let at = cut % bytes.len();
            bytes[at] = junk;
        }
        let std_ok = std::str::from_utf8(&bytes).is_ok();
        // Text that decodes is borrowed exactly when it is valid UTF-8.
        if let Ok((text, _)) = decode::decode_cow(&bytes) {
            prop_assert_eq!(matches!(text, Cow::Borrowed(_)), std_ok);
        }
    }
}

#[test]
fn clean_seeds_take_the_fast_path_and_stay_borrowed() {
    // The equivalence tests above would still pass if every text took the
    // general path; the seeds are clean UTF-8 and must need no copy.
    for seed in seeds() {
        let (text, _) = decode::decode_cow(seed.as_bytes()).expect("decodes");
        assert!(matches!(text, Cow::Borrowed(_)));
        let mut notes = Vec::new();
        let clean = super::build::clean_text(text, &mut notes);
        assert!(
            matches!(clean, Cow::Borrowed(_)),
            "{}",
            seed.chars().take(30).collect::<String>()
        );
        assert!(notes.is_empty());
    }
    // text that is not composed goes through NFC and comes back owned
    let mut notes = Vec::new();
    let nfd = "\u{0627}\u{0653} ok";
    let clean = super::build::clean_text(Cow::Borrowed(nfd), &mut notes);
    assert!(matches!(clean, Cow::Owned(_)));
    assert_eq!(&*clean, "\u{0622} ok");
}
