//! A selection is a logical range; on a bidi-reordered line it may show as
//! several separate cell runs. These tests lay out mixed-direction lines and
//! check which cells a selection colours.

use qari::annotations::selection::{cell_runs, extend, start, Unit};
use qari::annotations::DocText;
use qari::corpus::Document;
use qari::text::{layout_document, LayoutOptions};

fn doc(text: &str) -> Document {
    Document::from_text("t", text)
}

/// Checks that the selected cells show exactly the selection's letters.
fn covered_letters(
    text: &str,
    cells: &[qari::text::Cell],
    runs: &[std::ops::Range<usize>],
) -> String {
    let mut logical: Vec<std::ops::Range<usize>> = runs
        .iter()
        .flat_map(|r| cells[r.clone()].iter().map(|c| c.logical.clone()))
        .collect();
    logical.sort_by_key(|r| r.start);
    logical
        .iter()
        .map(|r| &text[r.clone()])
        .collect::<String>()
        .replace(' ', "")
}

#[test]
fn arabic_then_latin_selection_is_two_runs_on_an_rtl_line() {
    let text = "قال NATO summit اليوم إن الحلف مستعد.";
    let d = doc(text);
    let s = text.find("قال").unwrap();
    let sel = s..text.find(" summit").unwrap();
    let layout = layout_document(
        text,
        &d.paragraphs(),
        &LayoutOptions {
            width: 60,
            ..Default::default()
        },
    );
    let line = &layout.lines[0];
    assert!(line.rtl);
    let runs = cell_runs(line, &sel);
    assert_eq!(runs.len(), 2, "{:?}", line.to_text());
    assert_eq!(covered_letters(text, &line.cells, &runs), "قالNATO");
    // on screen, قال is at the right end and NATO left of " summit"
    assert!(runs[0].end < runs[1].start);
    let left: String = line.cells[runs[0].clone()]
        .iter()
        .map(|c| c.symbol.as_str())
        .collect();
    assert_eq!(left, "NATO");
}

#[test]
fn word_by_word_selection_stays_logical_across_lines() {
    let text = "أعلنت وزارة الخارجية أن وفد الاتحاد الأوروبي (EU) سيزور الرياض والدوحة الأسبوع المقبل لبحث الاتفاق.";
    let d = doc(text);
    let t = DocText::of(&d);
    let mut sel = start(&t, 0).unwrap();
    sel = sel.start..text.find(" وفد").unwrap();
    for _ in 0..4 {
        sel = extend(&t, &sel, Unit::Word);
    }
    assert!(text[sel.clone()].ends_with("(EU"), "{}", &text[sel.clone()]);
    let layout = layout_document(
        text,
        &d.paragraphs(),
        &LayoutOptions {
            width: 30,
            ..Default::default()
        },
    );
    let mut letters = String::new();
    let mut lines_touched = 0;
    for line in &layout.lines {
        let runs = cell_runs(line, &sel);
        if !runs.is_empty() {
            lines_touched += 1;
            letters.push_str(&covered_letters(text, &line.cells, &runs));
        }
    }
    assert!(lines_touched >= 2);
    assert_eq!(letters, text[sel].replace(' ', ""));
}
