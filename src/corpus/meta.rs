//! Title and source of an article, read from its text.
//!
//! Title: the first paragraph when it is a short heading (at most
//! [`HEADING_MAX_CHARS`] characters, one sentence, not ending in a single `.`),
//! else the first words of the first sentence with `…`. A leading Markdown `#`
//! is dropped, and so is a leading outlet tag (`الوقت- `).
//!
//! Source: the first `المصدر: X` (also `المصدر : X`, `المصدر | X`,
//! `المصدر/X`, `Source: X`) at the start of a line or glued to the end of
//! one, with a value of at most 60 characters. Without one, an outlet tag
//! glued to a dash at the very start of the text (`الوقت- في حين …`) is used.

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem::Finder;

/// A first paragraph longer than this (in characters) is not a heading.
pub const HEADING_MAX_CHARS: usize = 120;
/// Words kept from the first sentence when there is no heading.
const TITLE_WORDS: usize = 10;
/// A sentence of up to this many words is used whole as the title.
const TITLE_WORDS_WHOLE: usize = 12;
/// Longest accepted source value, in characters.
const SOURCE_MAX_CHARS: usize = 60;

/// A leading outlet tag such as `الوقت- ` at the start of `para`: the tag
/// name and the byte length to skip (tag, dash and space).
pub fn outlet_tag(para: &str) -> Option<(&str, usize)> {
    let space = para.find(' ')?;
    let word = &para[..space];
    let name = word.strip_suffix(['-', '–'])?;
    let n = name.chars().count();
    if !(2..=20).contains(&n) || !name.chars().all(char::is_alphabetic) {
        return None;
    }
    Some((name, space + 1))
}

/// The title of a document (see the module docs). `skip` lists paragraphs
/// that are not candidates (the date line).
pub fn title(
    text: &str,
    paragraphs: &[Range<usize>],
    sentences: &[Range<usize>],
    skip: Option<Range<usize>>,
) -> String {
    let Some(p) = title_paragraph(paragraphs.iter().cloned(), skip.as_ref()) else {
        return String::new();
    };
    let own: Vec<Range<usize>> = sentences
        .iter()
        .filter(|s| s.start >= p.start && s.end <= p.end)
        .cloned()
        .collect();
    title_of_paragraph(text, &p, &own)
}

/// The paragraph the title comes from: the first one that is not the line
/// holding the date `skip`.
pub fn title_paragraph(
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    skip: Option<&Range<usize>>,
) -> Option<Range<usize>> {
    paragraphs.into_iter().find(|p| {
        skip.is_none_or(|d| !(p.start <= d.start && d.end <= p.end && p.len() < d.len() + 40))
    })
}

/// The title read from paragraph `p` of `text`, given the sentences of `p`.
pub fn title_of_paragraph(text: &str, p: &Range<usize>, sentences: &[Range<usize>]) -> String {
    let para = text[p.clone()].trim_start_matches('#').trim_start();
    let one_sentence = sentences.len() <= 1;
    let single_period = para.ends_with('.') && !para.ends_with("..");
    if one_sentence && !single_period && para.chars().count() <= HEADING_MAX_CHARS {
        return para.trim_end_matches(':').trim_end().to_string();
    }
    let sentence = sentences.first().map_or(para, |s| {
        text[s.clone()].trim_start_matches('#').trim_start()
    });
    let sentence = match outlet_tag(sentence) {
        Some((_, skip)) => &sentence[skip..],
        None => sentence,
    };
    first_words(sentence)
}

fn first_words(sentence: &str) -> String {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .take(TITLE_WORDS_WHOLE + 1)
        .collect();
    if words.len() <= TITLE_WORDS_WHOLE {
        let t = words.join(" ");
        return t
            .strip_suffix('.')
            .filter(|t| !t.ends_with('.'))
            .map_or(t.clone(), str::to_string);
    }
    let mut t = words[..TITLE_WORDS].join(" ");
    t = t.trim_end_matches(['،', '؛', ',', ';', ':']).to_string();
    t.push('…');
    t
}

/// The source of a document (see the module docs).
pub fn source(text: &str) -> Option<String> {
    const MARK: &str = "المصدر";
    static FINDER: OnceLock<Finder<'static>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| Finder::new(MARK));
    for at in finder.find_iter(text.as_bytes()) {
        let before = text[..at].chars().next_back();
        // `وقال المصدر: …` in running text is a person, not the outlet.
        let line_start = || {
            let from = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
            text[from..at].trim().is_empty()
        };
        if before.is_none_or(char::is_whitespace) && !line_start() {
            continue;
        }
        if let Some(v) = source_value(&text[at + MARK.len()..]) {
            return Some(v);
        }
    }
    // Only a text holding `source:` (in any case) can have such a line.
    if !has_source_colon(text) {
        return first_line_tag(text);
    }
    for line in lines(text) {
        let l = line.trim_start();
        if l.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("source:"))
        {
            if let Some(v) = clean_value(&l[7..]) {
                return Some(v);
            }
        }
    }
    first_line_tag(text)
}

/// The outlet tag at the start of the first line that is not blank.
fn first_line_tag(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    outlet_tag(first.trim_start()).map(|(name, _)| name.to_string())
}

/// Whether `text` holds `source:` in any ASCII case (found through its
/// colons, with SIMD `memchr`).
fn has_source_colon(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b':', b).any(|i| i >= 6 && b[i - 6..i].eq_ignore_ascii_case(b"source"))
}

/// `str::lines` with SIMD `memchr` (the std search is scalar; this runs
/// over the whole text of every document without `المصدر`).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest.filter(|r| !r.is_empty())?;
        let Some(i) = memchr::memchr(b'\n', r.as_bytes()) else {
            rest = None;
            return Some(r);
        };
        rest = Some(&r[i + 1..]);
        let line = &r[..i];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The value after `المصدر`: a separator, then the rest of the line.
fn source_value(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    let rest = rest.strip_prefix([':', '|', '/', '-', '–'])?;
    clean_value(rest)
}

fn clean_value(rest: &str) -> Option<String> {
    let line = rest.split('\n').next().unwrap_or("");
    let v = line.trim().trim_end_matches(['.', '،', ',']).trim();
    let n = v.chars().count();
    (1..=SOURCE_MAX_CHARS).contains(&n).then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::split::{paragraph_ranges, sentence_ranges};
    use proptest::strategy::Strategy;

    /// The seed articles' texts (the copies compiled into the binary).
    fn seeds() -> [&'static str; 5] {
        crate::corpus::walk::EMBEDDED_SEEDS
            .map(|(_, b)| std::str::from_utf8(b).expect("the seeds are UTF-8"))
    }

    fn title_of(text: &str) -> String {
        let p = paragraph_ranges(text);
        let s = sentence_ranges(text, &p);
        title(text, &p, &s, None)
    }

    #[test]
    fn seed_titles() {
        let want = [
            "في حين أن معاهدات وقف إطلاق النار بين جمهورية أذربيجان…",
            "أرمينيا تطالب روسيا بتفعيل الدفاع المشترك ضد أذربيجان.. وموسكو ترد",
            "هل تُدفّع موسكو يريفان ثمن تقربها من الغرب؟",
            "جمّدت أرمينيا عمليّاً مشاركتها في «منظمة معاهدة الأمن الجماعي»، وهو…",
            "باءت محاولات الحكومة الأرمينية في إقحام روسيا على خط الصراع…",
        ];
        for (seed, want) in seeds().into_iter().zip(want) {
            assert_eq!(title_of(seed), want);
        }
    }

    #[test]
    fn title_table() {
        assert_eq!(title_of("# عنوان قصير\nنص"), "عنوان قصير");
        assert_eq!(
            title_of("جملة قصيرة تنتهي بنقطة.\nنص"),
            "جملة قصيرة تنتهي بنقطة"
        );
        assert_eq!(title_of(""), "");
        assert_eq!(title_of("\n\n  \n"), "");
    }

    #[test]
    fn date_line_is_not_the_title() {
        let t = "السبت 31 أكتوبر 2020\nالعنوان الحقيقي\nنص";
        let p = paragraph_ranges(t);
        let s = sentence_ranges(t, &p);
        assert_eq!(
            title(t, &p, &s, Some(0..t.find('\n').unwrap())),
            "العنوان الحقيقي"
        );
    }

    /// The first version, kept as the reference: the line start found by
    /// `rsplit`, every line checked for `source:`.
    fn source_reference(text: &str) -> Option<String> {
        for (at, _) in text.match_indices("المصدر") {
            let before = text[..at].chars().next_back();
            let line_start = text[..at]
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            if !line_start && before.is_none_or(char::is_whitespace) {
                continue;
            }
            if let Some(v) = source_value(&text[at + "المصدر".len()..]) {
                return Some(v);
            }
        }
        for line in text.lines() {
            let l = line.trim_start();
            if l.get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("source:"))
            {
                if let Some(v) = clean_value(&l[7..]) {
                    return Some(v);
                }
            }
        }
        let first = text.lines().find(|l| !l.trim().is_empty())?;
        outlet_tag(first.trim_start()).map(|(name, _)| name.to_string())
    }

    fn source_piece() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::sample::select(vec![
            "المصدر",
            ":",
            " : ",
            "|",
            "source:",
            "Source",
            "SOURCE:",
            "sourc",
            "e:",
            "\n",
            "\r\n",
            " ",
            "\u{a0}",
            "\t",
            "و",
            "x",
            "الوقت- ",
            "euronews",
            ".",
            "،",
            "\n المصدر: الجزيرة",
            " المصدر | وكالات",
            "وقال المصدر: لا",
            "المصدر/x\n",
        ])
        .prop_map(str::to_string)
    }

    proptest::proptest! {
        #[test]
        fn source_agrees_with_the_reference(
            parts in proptest::collection::vec(source_piece(), 0..14)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(source(&text), source_reference(&text), "{:?}", text);
        }

        #[test]
        fn lines_are_str_lines(text in "[a\\n\\r ب]{0,20}") {
            let want: Vec<_> = text.lines().collect();
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn seed_sources() {
        let want = [
            Some("الوقت"),
            Some("الخليج الجديد + وكالات"),
            Some("euronews"),
            None,
            Some("وكالات"),
        ];
        for (seed, want) in seeds().into_iter().zip(want) {
            assert_eq!(source(seed).as_deref(), want);
        }
    }

    #[test]
    fn source_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("نص\nالمصدر: euronews\n", Some("euronews")),
            ("نص\nالمصدر : الجزيرة.\n", Some("الجزيرة")),
            ("text\nSource: Reuters\n", Some("Reuters")),
            ("وقال المصدر: لا\n", None),
            ("نص\nالمصدر: \n", None),
            ("بيروت - قال الوزير\n", None),
            ("MiG-29 طائرة\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(source(text).as_deref(), *want, "{text:?}");
        }
    }
}
