//! Building a [`Document`] from decoded text: sanitising, splitting and
//! reading the metadata. Also JSONL records.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::decode::{nfc, nfc_unsure};
use super::scan::scan;
use super::{date, meta, sanitize, split, Body, DocDate, Document, Skipped};

/// Metadata given with the text (JSONL fields); what is missing is derived.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// Title.
    pub title: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Date as written.
    pub date: Option<String>,
}

/// Builds a document from decoded text (sanitised, then NFC); `Err` when it
/// has no text. Text that needs neither (one scan tells) is not copied
/// until the document keeps it.
pub fn build_document(
    id: String,
    path: Option<PathBuf>,
    text: Cow<'_, str>,
    mut notes: Vec<String>,
    given: Given,
) -> Result<Document, String> {
    let text = clean_text(text, &mut notes);
    finish(id, path, &text, notes, given, false).map_err(|e| e.reason)
}

/// A text that makes no document: why, and the id and path it came with
/// (given back, so that the caller need not keep copies).
pub(super) struct NoDocument {
    /// Why, for the user.
    pub reason: String,
    /// The id given to [`finish`].
    pub id: String,
    /// The path given to [`finish`].
    pub path: Option<PathBuf>,
}

/// Sanitised NFC text: borrowed text comes back borrowed when the scan finds
/// nothing to remove and the text composed.
pub(super) fn clean_text<'a>(text: Cow<'a, str>, notes: &mut Vec<String>) -> Cow<'a, str> {
    let found = scan(&text);
    match found.first_unsafe {
        None if found.surely_nfc => text,
        None => nfc_unsure(text),
        Some(_) => {
            let clean = sanitize::sanitize(text.into_owned());
            notes.extend(clean.notes());
            Cow::Owned(if clean.surely_nfc {
                clean.text
            } else {
                nfc(clean.text)
            })
        }
    }
}

/// The document for clean text: metadata, and the one kept copy of the text
/// unless `on_disk` (then the text is read again from `path` when needed).
pub(super) fn finish(
    id: String,
    path: Option<PathBuf>,
    text: &str,
    notes: Vec<String>,
    given: Given,
    on_disk: bool,
) -> Result<Document, NoDocument> {
    // Only the head of the text is split: the date is looked for in the
    // first DATE_PARAGRAPHS paragraphs, the title comes from the first
    // paragraph that is not the date line, and the lead is the first
    // sentence (every paragraph has at least one: it is trimmed and not
    // empty). The results are those of splitting the whole text.
    let mut rest = split::paragraphs(text);
    let head: Vec<Range<usize>> = rest.by_ref().take(date::DATE_PARAGRAPHS).collect();
    let Some(first) = head.first().cloned() else {
        return Err(NoDocument {
            reason: "no text".into(),
            id,
            path,
        });
    };
    let mut first_sentences = Vec::new();
    split::sentences_of(text, &first, &mut first_sentences);
    let (date, date_range) = match given.date.as_deref().map(one_line) {
        Some(d) if !d.is_empty() => (Some(given_date(&d)), None),
        _ => match date::find_date(text, &head) {
            Some((d, r)) => (Some(d), Some(r)),
            None => (None, None),
        },
    };
    let title = match given.title.as_deref().map(one_line) {
        Some(t) if !t.is_empty() => t,
        _ => match meta::title_paragraph(head.iter().cloned().chain(rest), date_range.as_ref()) {
            Some(p) if p == first => meta::title_of_paragraph(text, &p, &first_sentences),
            Some(p) => {
                let mut sentences = Vec::new();
                split::sentences_of(text, &p, &mut sentences);
                meta::title_of_paragraph(text, &p, &sentences)
            }
            None => String::new(),
        },
    };
    let source = match given.source.as_deref().map(one_line) {
        Some(s) if !s.is_empty() => Some(s),
        _ => meta::source(text),
    };
    let body = match &path {
        Some(p) if on_disk => Body::on_disk(p.clone(), text),
        _ => Body::kept(Arc::from(text)),
    };
    let lead = first_sentences.first().map(|r| Box::from(&text[r.clone()]));
    Ok(Document {
        id,
        path,
        title,
        source,
        date,
        lead,
        body,
        notes,
    })
}

/// A metadata field made safe and single-line.
pub(super) fn one_line(s: &str) -> String {
    let t = nfc(sanitize::sanitize(s.to_string()).text);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn given_date(text: &str) -> DocDate {
    date::parse_date(text).unwrap_or_else(|| DocDate {
        text: text.to_string(),
        iso: None,
    })
}

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    source: Option<String>,
    date: Option<serde_json::Value>,
}

/// Parses JSONL text (already decoded): one `{"id","title","text","source",
/// "date"}` object a line. A record without `id` gets `FILE_ID:LINE`. Bad
/// lines are reported as skipped with their line number; blank lines are
/// ignored.
pub fn parse_jsonl(
    file_id: &str,
    path: Option<&Path>,
    text: &str,
    notes: &[String],
) -> (Vec<Document>, Vec<Skipped>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| Skipped {
            path: path.map_or_else(|| PathBuf::from(file_id), Path::to_path_buf),
            reason: format!("line {n}: {reason}"),
        };
        let rec: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                skipped.push(bad(format!("invalid JSON record: {e}")));
                continue;
            }
        };
        let Some(body) = rec.text else {
            skipped.push(bad("no \"text\" field".into()));
            continue;
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => one_line(&s),
            Some(serde_json::Value::Number(x)) => x.to_string(),
            _ => format!("{file_id}:{n}"),
        };
        let date = match rec.date {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Number(x)) => Some(x.to_string()),
            _ => None,
        };
        let given = Given {
            title: rec.title,
            source: rec.source,
            date,
        };
        let path = path.map(Path::to_path_buf);
        match build_document(id, path, Cow::Owned(body), notes.to_vec(), given) {
            Ok(d) => docs.push(d),
            Err(e) => skipped.push(bad(e)),
        }
    }
    (docs, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_and_bad_lines() {
        let text = concat!(
            r#"{"id":"a","title":"T","text":"نص أول.\nسطر","source":"S","date":"2023-09-19"}"#,
            "\n\n",
            "{broken\n",
            r#"{"text":"السبت 31 أكتوبر 2020\nعنوان\nنص"}"#,
            "\n",
            r#"{"id":"c"}"#,
            "\n",
            r#"{"id":7,"text":"\u001b[2Jx"}"#,
            "\n"
        );
        let (docs, skipped) = parse_jsonl("f.jsonl", None, text, &[]);
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "f.jsonl:4", "7"]);
        assert_eq!(docs[0].title, "T");
        assert_eq!(docs[0].source.as_deref(), Some("S"));
        assert_eq!(
            docs[0].date.as_ref().unwrap().iso.as_deref(),
            Some("2023-09-19")
        );
        assert_eq!(docs[1].title, "عنوان");
        assert_eq!(
            docs[1].date.as_ref().unwrap().iso.as_deref(),
            Some("2020-10-31")
        );
        assert_eq!(&*docs[2].text(), "x");
        let reasons: Vec<_> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(
            reasons[0].starts_with("line 3: invalid JSON"),
            "{reasons:?}"
        );
        assert_eq!(reasons[1], "line 5: no \"text\" field");
    }

    #[test]
    fn line_ends_and_composition_are_normalised() {
        let seed = include_str!("../../seeds/001_960e743a51614c08.txt");
        let crlf = seed.replace('\n', "\r\n");
        let d = build_document("x".into(), None, crlf.into(), vec![], Given::default()).unwrap();
        assert_eq!(&*d.text(), seed);
        let d = build_document(
            "x".into(),
            None,
            "ا\u{654}\r".into(),
            vec![],
            Given::default(),
        );
        assert_eq!(&*d.unwrap().text(), "أ\n");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_load_or_are_refused_without_panicking(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)
        ) {
            let Ok(d) = crate::corpus::decode::decode(&bytes) else { return Ok(()) };
            let Ok(doc) = build_document("x".into(), None, d.text.into(), d.notes, Given::default()) else {
                return Ok(());
            };
            proptest::prop_assert!(!doc.text().chars().any(|c| c.is_control() && c != '\n'));
            for r in doc.paragraphs().iter().chain(&doc.sentences()) {
                proptest::prop_assert!(doc.text().get(r.clone()).is_some());
            }
            proptest::prop_assert!(!doc.title.contains('\n'));
        }

        #[test]
        fn any_text_builds_with_valid_ranges(text in "(\\PC|[\n\r\t\x1b.؟!،])*") {
            if let Ok(doc) = build_document("x".into(), None, text.into(), vec![], Given::default()) {
                proptest::prop_assert!(!doc.text().chars().any(|c| c.is_control() && c != '\n'));
                for r in doc.paragraphs().iter().chain(&doc.sentences()) {
                    proptest::prop_assert!(doc.text().get(r.clone()).is_some());
                }
            }
        }
    }

    #[test]
    fn empty_text_is_refused() {
        let r = build_document("x".into(), None, " \n\n".into(), vec![], Given::default());
        assert_eq!(r.unwrap_err(), "no text");
    }

    #[test]
    fn escape_sequences_never_reach_the_document() {
        let t = "عنوان\u{1b}[2J\nنص \u{1b}]0;title\u{7} و\u{1b} \u{9b}1m\u{85}تم\n".to_string();
        let d = build_document("x".into(), None, t.into(), vec![], Given::default()).unwrap();
        assert!(!d.text().chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(d.title, "عنوان");
        assert!(
            d.notes.iter().any(|n| n.starts_with("removed 4 control")),
            "{:?}",
            d.notes
        );
    }
}
