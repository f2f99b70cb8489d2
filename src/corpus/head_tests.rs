//! The loader reads title, date, source and first sentence from the head of
//! the text only (`build::finish`). These tests compare it with the same
//! metadata computed from every paragraph and sentence of the text, on the
//! seeds, every fixture kind, generated articles and random text.

use std::borrow::Cow;

use proptest::prelude::*;

use super::build::{clean_text, finish, given_date, one_line, Given};
use super::equivalence_tests::{fixtures, seed_piece, seeds, special};
use super::{date, decode, meta, split, Body, Document};

#[path = "../../examples/gencorpus/vocab.rs"]
mod vocab;

/// The metadata from the whole text: all paragraphs and sentences.
fn full(text: &str, given: &Given) -> Result<Document, String> {
    let paragraphs = split::paragraph_ranges(text);
    if paragraphs.is_empty() {
        return Err("no text".into());
    }
    let sentences = split::sentence_ranges(text, &paragraphs);
    let (date, date_range) = match given.date.as_deref().map(one_line) {
        Some(d) if !d.is_empty() => (Some(given_date(&d)), None),
        _ => match date::find_date(text, &paragraphs) {
            Some((d, r)) => (Some(d), Some(r)),
            None => (None, None),
        },
    };
    let title = match given.title.as_deref().map(one_line) {
        Some(t) if !t.is_empty() => t,
        _ => meta::title(text, &paragraphs, &sentences, date_range),
    };
    let source = match given.source.as_deref().map(one_line) {
        Some(s) if !s.is_empty() => Some(s),
        _ => meta::source(text),
    };
    Ok(Document {
        id: "x".into(),
        title,
        source,
        date,
        lead: sentences.first().map(|r| Box::from(&text[r.clone()])),
        body: Body::kept(text),
        ..Document::default()
    })
}

/// The loader's metadata.
fn head(text: &str, given: &Given) -> Result<Document, String> {
    finish("x".into(), None, text, Vec::new(), given.clone(), false).map_err(|e| e.reason)
}

/// Compares both on `text` as it is and with each of the given fields.
fn check(text: &str) -> Result<(), TestCaseError> {
    let givens = [
        Given::default(),
        Given {
            date: Some("2023-09-19".into()),
            ..Given::default()
        },
        Given {
            title: Some("عنوان".into()),
            source: Some(" ".into()),
            ..Given::default()
        },
    ];
    for given in &givens {
        prop_assert_eq!(head(text, given), full(text, given), "{:?}", text);
    }
    Ok(())
}

#[test]
fn seeds_have_the_same_metadata() {
    for seed in seeds() {
        check(seed).unwrap();
    }
}

#[test]
fn every_fixture_kind_has_the_same_metadata() {
    for (name, bytes) in fixtures() {
        let Ok((text, mut notes)) = decode::decode_cow(&bytes) else {
            continue;
        };
        let text = clean_text(text, &mut notes);
        check(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn generated_articles_have_the_same_metadata() {
    let vocab = vocab::Vocab::new();
    let mut dated = 0;
    for i in 0..300 {
        let text = vocab.document(42, i);
        check(&text).unwrap_or_else(|e| panic!("document {i}: {e}"));
        dated += usize::from(head(&text, &Given::default()).is_ok_and(|d| d.date.is_some()));
    }
    // the generator writes a date line under every title
    assert_eq!(dated, 300);
}

#[test]
fn heads_that_decide_late() {
    let cases = [
        "",
        " \n\t\n",
        "\n\n\n\n\n\n\nبعيد جدا. ثم",
        // the date in the fifth paragraph, the title after it
        "3 مايو 2022\n",
        "أ\nب\nج\nد\n3 مايو 2022\nعنوان",
        "3 مايو 2022\n\n\nالعنوان الحقيقي. جملة ثانية.\nنص",
        // a date in the sixth paragraph is not read
        "أ\nب\nج\nد\nهـ\n3 مايو 2022",
        "# \n## عنوان\nنص",
        "الوقت- في حين أن هذا نص طويل جدا يتجاوز اثنتي عشرة كلمة لأنه يستمر ويستمر بلا نهاية. ثم",
        "جملة أولى. جملة ثانية\nالمصدر: euronews",
    ];
    for text in cases {
        check(text).unwrap();
    }
}

/// Lines that move the decisions of the head around.
fn head_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\n",
        "\n\n",
        " \n",
        "# ",
        "الوقت- ",
        "عنوان قصير",
        "جملة. ",
        "3 مايو 2022 ",
        "تاريخ النشر: 19th, September 2023 GMT",
        "الخميس، 3 تموز 2025\n",
        "المصدر: الجزيرة\n",
        "وقال المصدر: لا",
        ":",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #[test]
    fn random_texts_have_the_same_metadata(
        parts in prop::collection::vec(prop_oneof![seed_piece(), special(), head_piece()], 0..16)
    ) {
        let text = parts.concat();
        let mut notes = Vec::new();
        let text = clean_text(Cow::Borrowed(&text), &mut notes);
        check(&text)?;
    }
}
