//! Tables for the layout pipeline. Expected right-to-left lines are written
//! in visual order between U+202D (LRO) and U+202C (PDF), so that editors show
//! them exactly as the screen does; `lro` removes the two marks.

use super::*;

/// Strips the LRO…PDF wrapper of an expected visual string.
fn lro(s: &str) -> String {
    s.trim_start_matches('\u{202D}')
        .trim_end_matches('\u{202C}')
        .to_string()
}

fn opts(width: u16, shape: bool) -> LayoutOptions {
    LayoutOptions {
        width,
        shape,
        ..Default::default()
    }
}

/// Lays out `text` as one paragraph; returns the lines' text without padding.
fn lines(text: &str, o: &LayoutOptions) -> Vec<String> {
    let l = layout_text(text, o);
    l.lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.symbol.as_str()).collect())
        .collect()
}

fn one(text: &str, shape: bool) -> VisualLine {
    let l = layout_text(text, &opts(80, shape));
    assert_eq!(l.lines.len(), 1, "{text}");
    l.lines.into_iter().next().unwrap()
}

fn cps(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

#[test]
fn unshaped_reordering_table() {
    let table = [
        // Brackets inside Arabic are RTL and mirrored (L4).
        (
            "في (الناتو) عام 2010",
            "\u{202D}2010 ماع (وتانلا) يف\u{202C}",
        ),
        // A Latin acronym in brackets after Arabic: brackets RTL, mirrored.
        (
            "وقعت معاهدة (CSTO) في",
            "\u{202D}يف (CSTO) ةدهاعم تعقو\u{202C}",
        ),
        // The paragraph starts with Latin but is mostly Arabic: RTL.
        ("MiG-29 طائرة مقاتلة", "\u{202D}ةلتاقم ةرئاط MiG-29\u{202C}"),
        // Numbers after Arabic letters become AN (W2); the hyphen stays RTL.
        ("بين 2010-2012 تم", "\u{202D}مت 2012-2010 نيب\u{202C}"),
        ("8 أكتوبر 2020", "\u{202D}2020 ربوتكأ 8\u{202C}"),
        // Harakat stay after their letters (L3 by grapheme cluster).
        ("تُدفّع", "\u{202D}عفّدتُ\u{202C}"),
        ("Hello world (CSTO) test", "Hello world (CSTO) test"),
    ];
    for (input, want) in table {
        let got = one(input, false);
        let text: String = got.cells.iter().map(|c| c.symbol.as_str()).collect();
        assert_eq!(cps(&text), cps(&lro(want)), "{input}");
    }
}

#[test]
fn rtl_paragraphs_are_right_aligned_and_ltr_are_not() {
    let ar = one("في (الناتو) عام 2010", false);
    assert!(ar.rtl);
    assert_eq!(ar.pad as usize, 80 - 20);
    assert_eq!(ar.width(), 80);
    let en = one("Hello world (CSTO) test", true);
    assert!(!en.rtl);
    assert_eq!(en.pad, 0);
}

#[test]
fn lam_alef_is_one_cell() {
    // السلام: alef, lam, seen, lam-alef (final), meem — in visual order.
    let l = one("السلام", true);
    assert_eq!(
        cps(l.to_text().trim_start()),
        vec![0xFEE1, 0xFEFC, 0xFEB4, 0xFEDF, 0xFE8D]
    );
    assert_eq!(l.cells.len(), 5);
    let la = one("لا", true);
    assert_eq!(la.cells.len(), 1);
    assert_eq!(la.cells[0].symbol, "\u{FEFB}");
    assert_eq!(la.cells[0].logical, 0..4);
    // الإسلام: two ligatures (lam + alef with hamza below, lam + alef).
    let isl = one("الإسلام", true);
    assert_eq!(isl.cells.len(), 5);
    assert_eq!(
        cps(isl.to_text().trim_start()),
        vec![0xFEE1, 0xFEFC, 0xFEB3, 0xFEF9, 0xFE8D]
    );
    assert_eq!(isl.pad, 75);
}

#[test]
fn harakat_stay_on_their_letters_when_shaped() {
    let l = one("تُدفّع", true);
    let syms: Vec<Vec<u32>> = l.cells.iter().map(|c| cps(&c.symbol)).collect();
    // ع final, ف initial + shadda (dal does not join forward), د final,
    // ت initial + damma.
    assert_eq!(
        syms,
        vec![
            vec![0xFECA],
            vec![0xFED3, 0x0651],
            vec![0xFEAA],
            vec![0xFE97, 0x064F]
        ]
    );
}

#[test]
fn every_cell_knows_its_logical_range() {
    let text = "في (الناتو) عام 2010";
    let l = one(text, true);
    let mut seen: Vec<_> = l.cells.iter().map(|c| c.logical.clone()).collect();
    seen.sort_by_key(|r| r.start);
    // Cells tile the line's logical range exactly (no control characters here).
    let mut at = l.logical.start;
    for r in seen {
        assert_eq!(r.start, at);
        assert!(text.is_char_boundary(r.end));
        at = r.end;
    }
    assert_eq!(at, l.logical.end);
    assert_eq!(l.logical, 0..text.len());
}

#[test]
fn a_200_character_word_is_broken_by_grapheme() {
    let word: String = "كتب".repeat(67)[..].chars().take(200).collect();
    let l = layout_text(&word, &opts(30, false));
    assert_eq!(l.lines.len(), 7);
    for line in &l.lines {
        assert!(line.width() <= 30);
    }
    // Lines follow each other in logical order.
    let joined: String = l.lines.iter().map(|l| &word[l.logical.clone()]).collect();
    assert_eq!(joined, word);
}

#[test]
fn wrapping_is_logical_and_trims_spaces() {
    let text = "ويستند طلب يريفان المساعدة من روسيا على العلاقات الوثيقة بين البلدين";
    let o = opts(20, false);
    let l = layout_text(text, &o);
    let firsts: Vec<&str> = l.lines.iter().map(|l| &text[l.logical.clone()]).collect();
    assert_eq!(
        firsts,
        [
            "ويستند طلب يريفان",
            "المساعدة من روسيا",
            "على العلاقات الوثيقة",
            "بين البلدين"
        ]
    );
    for line in &l.lines {
        assert_eq!(line.width(), 20);
        assert_ne!(line.cells[0].symbol, " ");
    }
    assert_eq!(lines(text, &o)[3], lro("\u{202D}نيدلبلا نيب\u{202C}"));
}

#[test]
fn shaping_never_panics_on_awkward_input() {
    let inputs = [
        "ب\u{200D}لا",
        "\u{200D}لا",
        "ل\u{200D}ا",
        "ل\u{200C}ا",
        "\u{064E}لا",
        "\u{064E}\u{0650}",
        "ـلاـ",
        "پژوهش گاه چک",
        "مرحبا 👋🏽 👨‍👩‍👧",
        "e\u{0301}a\u{0308} ب",
        "\u{0600}12",
        "\u{202B}عربي\u{202C} text \u{2067}نص\u{2069}",
    ];
    for s in inputs {
        for shape in [true, false] {
            for w in [1, 2, 3, 80] {
                let l = layout_text(s, &opts(w, shape));
                for line in &l.lines {
                    assert!(line.width() <= w as usize, "{s:?} at {w}");
                }
            }
        }
    }
}

#[test]
fn bidi_controls_are_not_drawn() {
    let l = one("\u{200F}عربي\u{200E} text", true);
    assert!(l
        .cells
        .iter()
        .all(|c| !c.symbol.contains(['\u{200F}', '\u{200E}'])));
}

#[test]
fn terminal_mode_keeps_logical_order_unshaped_and_unpadded() {
    let text = "في (الناتو) عام 2010";
    let o = LayoutOptions {
        bidi: BidiMode::Terminal,
        ..opts(40, true)
    };
    let l = layout_text(text, &o);
    assert_eq!(l.lines[0].to_text(), text);
    assert_eq!(l.lines[0].pad, 0);
    assert!(l.lines[0].rtl);
}

#[test]
fn direction_override_flips_alignment() {
    let text = "في عام 2010";
    let o = LayoutOptions {
        direction: Some(Direction::Ltr),
        ..opts(40, false)
    };
    let l = layout_text(text, &o);
    assert!(!l.lines[0].rtl);
    assert_eq!(l.lines[0].pad, 0);
    assert_eq!(l.lines[0].to_text(), lro("\u{202D}2010 ماع يف\u{202C}"));
}

#[test]
fn a_near_tie_line_follows_the_document_direction() {
    let date = "تاريخ النشر: 19th, September 2023 GMT";
    // On its own: 14 Latin letters against 10 Arabic ones, left to right.
    assert!(!layout_text(date, &opts(60, false)).lines[0].rtl);
    // In an Arabic article: right to left, so "19th" stays whole after the
    // Arabic label.
    let text = format!("في عام 2010 قال المتحدث\n{date}");
    let paras = crate::corpus::paragraph_ranges(&text);
    let l = layout_document(&text, &paras, &opts(60, false));
    let line = l.lines.last().unwrap();
    assert!(line.rtl);
    assert_eq!(
        line.cells
            .iter()
            .map(|c| c.symbol.as_str())
            .collect::<String>(),
        lro("\u{202D}19th, September 2023 GMT :رشنلا خيرات\u{202C}")
    );
    // In an English text it stays left to right.
    let text = format!("The spokesman said in 2010\n{date}");
    let paras = crate::corpus::paragraph_ranges(&text);
    assert!(
        !layout_document(&text, &paras, &opts(60, false))
            .lines
            .last()
            .unwrap()
            .rtl
    );
}

#[test]
fn paragraphs_are_separated_by_blank_lines() {
    let text = "أولى\nsecond";
    let l = layout_document(text, &[0..8, 9..15], &opts(10, false));
    assert_eq!(l.lines.len(), 3);
    assert_eq!(l.lines[1].paragraph, usize::MAX);
    assert!(l.lines[1].cells.is_empty());
    assert_eq!(l.lines[2].to_text(), "second");
}

#[test]
fn inline_cuts_in_logical_order_with_an_ellipsis_at_the_logical_end() {
    let title = "الرئيس الروسي فلاديمير بوتين";
    let l = layout_inline(title, 12, &opts(80, false));
    assert!(l.width() <= 12);
    assert_eq!(l.pad, 0);
    // RTL: the logical end (ellipsis) is the leftmost cell.
    assert_eq!(l.cells[0].symbol, "\u{2026}");
    assert_eq!(l.cells[0].logical.end, title.len());
    assert_eq!(l.to_text(), lro("\u{202D}…ورلا سيئرلا\u{202C}"));
    let en = layout_inline("A long English title", 10, &opts(80, true));
    assert_eq!(en.to_text(), "A long En…");
    let short = layout_inline("لا", 10, &opts(80, true));
    assert_eq!(short.to_text(), "\u{FEFB}");
}

#[test]
fn logical_and_visual_maps_are_inverse() {
    let text = "في (الناتو) عام 2010 وقعت الاتفاقية";
    let l = layout_text(text, &opts(16, true));
    for (at, _) in text.char_indices() {
        let Some((line, col)) = l.logical_to_visual(at) else {
            // Only spaces dropped at line breaks have no cell.
            assert_eq!(&text[at..at + 1], " ");
            continue;
        };
        let r = l.visual_to_logical(line, col).unwrap();
        assert!(r.contains(&at), "{at} -> ({line}, {col}) -> {r:?}");
    }
    // The first logical letter of an RTL line is its rightmost cell.
    let (line, col) = l.logical_to_visual(0).unwrap();
    assert_eq!(line, 0);
    assert_eq!(col as usize, l.lines[0].width() - 1);
    // Padding shows nothing.
    assert_eq!(l.lines[0].pad, 1);
    assert_eq!(l.visual_to_logical(0, 0), None);
    assert_eq!(l.line_of(text.len() - 1), Some(l.lines.len() - 1));
}
