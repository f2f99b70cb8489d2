//! Property tests of the layout: lines fit, reordering is a permutation of
//! the line's graphemes, cells map back into the line, nothing panics.

use proptest::prelude::*;
use qari::text::cluster::invisible;
use qari::text::{layout_document, layout_inline, BidiMode, Direction, LayoutOptions};
use unicode_segmentation::UnicodeSegmentation;

/// Characters news text is made of, plus the awkward ones.
fn arabic_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => (0x0621u32..=0x064A).prop_map(|u| char::from_u32(u).unwrap()),
        3 => Just(' '),
        2 => (0x064Bu32..=0x0652).prop_map(|u| char::from_u32(u).unwrap()),
        2 => prop::sample::select(vec!['a', 'Z', 'M', 'i', 'G', 'S']),
        2 => prop::sample::select(vec!['0', '1', '2', '9', '٣', '۴']),
        2 => prop::sample::select(vec!['(', ')', '[', ']', '«', '»', '"', '.', ',', '-', '،', '؟', '%']),
        1 => prop::sample::select(vec![
            '\u{200D}', '\u{200C}', '\u{0640}', 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', '\u{200E}', '\u{200F}',
            '\u{061C}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{202B}', '\u{202C}',
            '😀', '\u{1F3FD}', '漢', 'é', '\u{0301}', '\t', '\u{00A0}', '\u{FEFF}', '\u{0600}'
        ]),
    ]
}

fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(arabic_char(), 0..160).prop_map(|v| v.into_iter().collect())
}

fn any_opts() -> impl Strategy<Value = LayoutOptions> {
    (
        1u16..90,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![Direction::Ltr, Direction::Rtl])),
    )
        .prop_map(|(width, terminal, shape, direction)| LayoutOptions {
            width,
            bidi: if terminal {
                BidiMode::Terminal
            } else {
                BidiMode::App
            },
            shape,
            direction,
        })
}

/// Checks the invariants every layout must have.
fn check_layout(text: &str, opts: &LayoutOptions) {
    let whole = 0..text.len();
    let layout = layout_document(text, std::slice::from_ref(&whole), opts);
    let mut prev_end = 0;
    for line in &layout.lines {
        assert!(
            line.width() <= opts.width as usize,
            "line wider than {}: {:?}",
            opts.width,
            line.to_text()
        );
        assert!(line.logical.start >= prev_end, "lines out of logical order");
        prev_end = line.logical.end;
        for c in &line.cells {
            assert!(c.width >= 1 && !c.symbol.is_empty());
            assert!(line.logical.start <= c.logical.start && c.logical.end <= line.logical.end);
            assert!(text.is_char_boundary(c.logical.start) && text.is_char_boundary(c.logical.end));
            assert!(
                !c.symbol.chars().any(invisible),
                "control in {:?}",
                c.symbol
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arabic_heavy_layouts_keep_invariants(text in arabic_text(), opts in any_opts()) {
        check_layout(&text, &opts);
        let inline = layout_inline(&text, opts.width, &opts);
        prop_assert!(inline.width() <= opts.width as usize);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>(), opts in any_opts()) {
        check_layout(&text, &opts);
        let inline = layout_inline(&text, opts.width, &opts);
        prop_assert!(inline.width() <= opts.width as usize);
    }

    #[test]
    fn unshaped_lines_are_permutations_of_their_graphemes(
        text in arabic_text(),
        width in 1u16..60,
        rtl in any::<bool>(),
    ) {
        let opts = LayoutOptions {
            width,
            shape: false,
            direction: Some(if rtl { Direction::Rtl } else { Direction::Ltr }),
            ..Default::default()
        };
        let whole = 0..text.len();
        let layout = layout_document(&text, std::slice::from_ref(&whole), &opts);
        for line in &layout.lines {
            // The visible graphemes of the line, in logical order.
            let logical = &text[line.logical.clone()];
            let mut want: Vec<std::ops::Range<usize>> = logical
                .grapheme_indices(true)
                .filter(|(_, g)| !g.starts_with(invisible) || g.starts_with('\t'))
                .filter(|(_, g)| !g.chars().all(|c| matches!(c, '\u{200C}' | '\u{200D}')))
                .map(|(i, g)| line.logical.start + i..line.logical.start + i + g.len())
                .collect();
            let mut got: Vec<_> = line.cells.iter().map(|c| c.logical.clone()).collect();
            want.sort_by_key(|r| r.start);
            got.sort_by_key(|r| r.start);
            prop_assert_eq!(&got, &want, "line {:?}", logical);
            for c in &line.cells {
                let src = &text[c.logical.clone()];
                let mut sc = c.symbol.chars();
                let mut oc = src.chars();
                let (s0, o0) = (sc.next().unwrap(), oc.next().unwrap());
                let mirrored = unicode_bidi_mirroring::get_mirrored(o0) == Some(s0);
                let replaced = matches!(s0, '\u{25CC}' | ' ' | '\u{FFFD}');
                prop_assert!(s0 == o0 || mirrored || replaced, "{:?} shows {:?}", src, c.symbol);
                if s0 == o0 || mirrored {
                    prop_assert_eq!(sc.as_str(), oc.as_str());
                }
            }
        }
    }
}

/// Characters of "simple" paragraphs: letters, marks, digits, separators,
/// terminators, brackets, spaces and tabs (no explicit formatting).
fn simple_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => (0x0621u32..=0x064A).prop_map(|u| char::from_u32(u).unwrap()),
        4 => prop::sample::select(vec![' ', ' ', '\t', 'a', 'B', 'x']),
        3 => prop::sample::select(vec!['0', '7', '٣', '۴', '\u{0660}']),
        3 => prop::sample::select(vec![
            '(', ')', '[', ']', '{', '}', '«', '»', '<', '>', '"', '.', ',', '-', '+', '/', ':',
            '،', '؟', '%', '$', '#', '٪', '\u{00A0}', '\u{2019}'
        ]),
        1 => prop::sample::select(vec!['\u{064E}', '\u{0651}', '\u{0301}', '\u{200D}', '\u{200C}', '\u{05D0}', '\u{05D1}']),
    ]
}

/// The fast resolver's levels for `text` equal unicode-bidi's.
fn check_resolver(text: &str, rtl: bool) -> Result<(), TestCaseError> {
    use qari::text::bidi::{resolve, Scan};
    let cl = qari::text::cluster::clusters(text, false);
    if !cl.simple {
        return Ok(());
    }
    // The counts taken on clusters are those of the whole text.
    prop_assert_eq!(cl.scan, Scan::of(text));
    let dir = if rtl { Direction::Rtl } else { Direction::Ltr };
    let ours = resolve(text, &cl, &Scan::of(text), dir);
    let level = if rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let theirs = unicode_bidi::ParagraphBidiInfo::new(text, Some(level));
    for (i, c) in cl.list.iter().enumerate() {
        prop_assert_eq!(
            ours.at(i),
            theirs.levels[c.start as usize].number(),
            "{:?} cluster {} ({:?})",
            text,
            i,
            &text[c.start as usize..c.end as usize]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn fast_resolver_matches_unicode_bidi(
        chars in prop::collection::vec(simple_char(), 0..80),
        rtl in any::<bool>(),
    ) {
        let text: String = chars.into_iter().collect();
        check_resolver(&text, rtl)?;
    }

    #[test]
    fn fast_resolver_matches_unicode_bidi_without_latin(
        chars in prop::collection::vec(
            simple_char().prop_filter("no Latin letters", |c| !c.is_ascii_alphabetic()),
            0..80,
        ),
    ) {
        let text: String = chars.into_iter().collect();
        check_resolver(&text, true)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn streamed_render_equals_cell_layout(text in arabic_text(), opts in any_opts()) {
        use qari::text::render::{render_lines, write_rendered};
        let paragraphs = qari::corpus::paragraph_ranges(&text);
        let mut out = Vec::new();
        write_rendered(&text, &paragraphs, &opts, &mut out).unwrap();
        let lines = render_lines(&text, &paragraphs, &opts);
        let want = if lines.is_empty() { String::new() } else { lines.join("\n") + "\n" };
        prop_assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}

/// Characters of common news text (the one-pass cluster path), with lam and
/// alefs often and marks after separators.
fn news_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => (0x0621u32..=0x064A).prop_map(|u| char::from_u32(u).unwrap()),
        4 => prop::sample::select(vec!['\u{0644}', '\u{0627}', '\u{0622}', '\u{0623}', '\u{0625}']),
        3 => Just(' '),
        3 => (0x064Bu32..=0x065F).prop_map(|u| char::from_u32(u).unwrap()),
        2 => prop::sample::select(vec!['a', 'Z', '0', '9', '٣', '۴', '\u{0301}', 'é', '\u{00A0}']),
        2 => prop::sample::select(vec![
            '(', ')', '«', '»', '"', '.', ',', '-', '+', '،', '؟', '%', '\u{201C}', '\u{201D}',
            '\u{2013}', '\u{2026}', '\u{2030}', '\u{0640}', '\u{0670}', '\u{06D6}'
        ]),
        2 => (0x0671u32..=0x06D5).prop_map(|u| char::from_u32(u).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn one_pass_clusters_equal_the_general_path(
        chars in prop::collection::vec(news_char(), 0..120),
        shaping in any::<bool>(),
    ) {
        use qari::text::cluster::clusters_general;
        use qari::text::fast::clusters_fast;
        let text: String = chars.into_iter().collect();
        let general = clusters_general(&text, shaping);
        // Only a leading mark (shown on a dotted circle) leaves this path.
        let lone_mark = general.list.first().is_some_and(|c| c.repl == Some('\u{25CC}'));
        if !lone_mark {
            prop_assert_eq!(clusters_fast(&text, shaping), Some(general), "{:?}", text);
        }
    }
}
