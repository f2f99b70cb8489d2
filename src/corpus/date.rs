//! The publication date written near the top of an article.
//!
//! Looked for in the first [`DATE_PARAGRAPHS`] paragraphs, starting within
//! their first [`DATE_WINDOW`] bytes (a date deep inside the first paragraph
//! is about the story, not its publication). Forms:
//! - `[weekday] DAY MONTH[/MONTH] YEAR [TIME [ص|م]]` with Arabic month names of
//!   every regional family (يناير…, كانون الثاني…, جانفي…, يوليوز…);
//! - `19th, September 2023 [GMT]`, `September 19, 2023`;
//! - `2023-09-19`, `19/09/2023` (day first; month first only when the day
//!   cannot be a month);
//!
//! digits may be ASCII, Arabic-Indic or Persian.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{arabic_date, DocDate};

/// Paragraphs searched for the publication date.
pub const DATE_PARAGRAPHS: usize = 5;
/// A date must start within this many bytes of its paragraph.
pub const DATE_WINDOW: usize = 80;

/// Arabic month names with their numbers. Listed longest first within the
/// regex, so `مايو` wins over `ماي`.
#[rustfmt::skip]
pub(super) const AR_MONTHS: &[(&str, u32)] = &[
    ("يناير", 1), ("جانفي", 1), ("كانون الثاني", 1), ("كانون ثاني", 1),
    ("فبراير", 2), ("فيفري", 2), ("شباط", 2),
    ("مارس", 3), ("آذار", 3), ("اذار", 3),
    ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("أفريل", 4), ("افريل", 4), ("نيسان", 4),
    ("مايو", 5), ("ماي", 5), ("أيار", 5), ("ايار", 5),
    ("يونيو", 6), ("يونيه", 6), ("جوان", 6), ("حزيران", 6),
    ("يوليو", 7), ("يوليه", 7), ("يوليوز", 7), ("جويلية", 7), ("تموز", 7),
    ("أغسطس", 8), ("اغسطس", 8), ("أوت", 8), ("اوت", 8), ("غشت", 8), ("أغشت", 8), ("آب", 8),
    ("سبتمبر", 9), ("شتنبر", 9), ("شتمبر", 9), ("أيلول", 9), ("ايلول", 9),
    ("أكتوبر", 10), ("اكتوبر", 10), ("تشرين الأول", 10), ("تشرين الاول", 10), ("تشرين أول", 10),
    ("نوفمبر", 11), ("نونبر", 11), ("تشرين الثاني", 11), ("تشرين ثاني", 11),
    ("ديسمبر", 12), ("دجنبر", 12), ("دجمبر", 12), ("كانون الأول", 12), ("كانون الاول", 12),
    ("كانون أول", 12),
];

const EN_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub(super) const WEEKDAYS: &str =
    "الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت";

/// A digit of any of the three sets, in regex syntax.
const DIGIT: &str = "[0-9٠-٩۰-۹]";

struct Patterns {
    english: Regex,
    numeric: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let d = DIGIT;
        // No `\b`: Unicode word boundaries keep the regex off its fast
        // engines; a suffix glued to a following word is trimmed afterwards.
        let en = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
        let english = format!(
            r"(?i)(?:({d}{{1,2}})(?:st|nd|rd|th)?,?\s+({en}),?\s+({d}{{4}})|({en})\s+({d}{{1,2}})(?:st|nd|rd|th)?,?\s+({d}{{4}}))(?:\s+GMT)?"
        );
        let numeric = format!(
            r"({d}{{4}})-({d}{{1,2}})-({d}{{1,2}})|({d}{{1,2}})\u{{200F}}?[/.-]({d}{{1,2}})\u{{200F}}?[/.-]({d}{{4}})"
        );
        // The patterns are constants; failing to compile them is a bug caught by every test.
        Patterns {
            english: Regex::new(&english).expect("english date regex"),
            numeric: Regex::new(&numeric).expect("numeric date regex"),
        }
    })
}

/// Whether `s` holds an ASCII, Arabic-Indic (D9 A0–A9) or Persian (DB
/// B0–B9) digit, looked for in the bytes.
fn has_digit(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().any(u8::is_ascii_digit)
        || b.windows(2).any(|w| {
            (w[0] == 0xD9 && (0xA0..=0xA9).contains(&w[1]))
                || (w[0] == 0xDB && (0xB0..=0xB9).contains(&w[1]))
        })
}

/// A number written with any of the three digit sets.
fn number(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '٠'..='٩' => c as u32 - '٠' as u32,
            '۰'..='۹' => c as u32 - '۰' as u32,
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(d)
    })
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !((1..=days).contains(&day) && (1800..=2200).contains(&year)) {
        return None;
    }
    // `YYYY-MM-DD` written digit by digit (`format!` was 2 % of loading).
    let digits = [
        year / 1000,
        year / 100 % 10,
        year / 10 % 10,
        year % 10,
        month / 10,
        month % 10,
        day / 10,
        day % 10,
    ];
    let mut out = String::with_capacity(10);
    for (k, d) in digits.into_iter().enumerate() {
        if k == 4 || k == 6 {
            out.push('-');
        }
        out.extend(char::from_digit(d, 10));
    }
    Some(out)
}

/// Whether `s` holds the first three letters of an English month, in any
/// case.
fn has_en_month(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| {
        w[0].is_ascii_alphabetic() && {
            let lower = [w[0], w[1], w[2]].map(|b| b.to_ascii_lowercase());
            EN_MONTHS.iter().any(|m| m.as_bytes() == lower)
        }
    })
}

fn en_month(s: &str) -> Option<u32> {
    let p = s.get(..3)?.to_ascii_lowercase();
    EN_MONTHS.iter().position(|m| *m == p).map(|i| i as u32 + 1)
}

/// The first date in `s` and its byte range: (iso, range).
fn find_in(s: &str) -> Option<(String, Range<usize>)> {
    let p = patterns();
    let mut best: Option<(String, Range<usize>)> = None;
    let mut consider = |iso: Option<String>, mut r: Range<usize>| {
        // `… 2020 م` glued to a following word (`من`) is not a time suffix.
        let glued = s[r.end..].chars().next().is_some_and(char::is_alphabetic);
        if glued {
            let kept = s[r.clone()].trim_end_matches(|c: char| c.is_alphabetic());
            r.end = r.start + kept.trim_end().len();
        }
        if let Some(iso) = iso {
            if best.as_ref().is_none_or(|(_, b)| r.start < b.start) {
                best = Some((iso, r));
            }
        }
    };
    // `captures` finds the match with the fast engines and resolves the
    // groups on the matched span only (calling `find` first, then
    // `captures` on its span, ran the fast engines twice).
    let first = |re: &Regex| re.captures(s);
    if let Some(a) = (!s.is_ascii()).then(|| arabic_date::find(s)).flatten() {
        let d = (|| {
            iso(
                number(&s[a.year.clone()])?,
                a.month,
                number(&s[a.day.clone()])?,
            )
        })();
        consider(d, a.range);
    }
    // An English match is only read when its month starts with an English
    // month abbreviation (`en_month`): without one in `s` (a `GMT` alone, as
    // after most Arabic dates), the regex is not run.
    let ascii_letters = has_en_month(s);
    let separators = s.bytes().any(|b| matches!(b, b'/' | b'-' | b'.'));
    if let Some(c) = ascii_letters.then(|| first(&p.english)).flatten() {
        let d = if c.get(1).is_some() {
            (|| iso(number(&c[3])?, en_month(&c[2])?, number(&c[1])?))()
        } else {
            (|| iso(number(&c[6])?, en_month(&c[4])?, number(&c[5])?))()
        };
        consider(d, c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = separators.then(|| first(&p.numeric)).flatten() {
        let d = if c.get(1).is_some() {
            (|| iso(number(&c[1])?, number(&c[2])?, number(&c[3])?))()
        } else {
            (|| {
                let (a, b, y) = (number(&c[4])?, number(&c[5])?, number(&c[6])?);
                iso(y, b, a).or_else(|| iso(y, a, b))
            })()
        };
        consider(d, c.get(0).map_or(0..0, |m| m.range()));
    }
    best
}

/// Reads a date from a short string (a JSONL `date` field): the first date
/// found anywhere in it, with `text` the whole string.
pub fn parse_date(s: &str) -> Option<DocDate> {
    let (iso, _) = find_in(s)?;
    Some(DocDate {
        text: s.trim().to_string(),
        iso: Some(iso),
    })
}

/// The largest char boundary of `s` at or before `n`.
fn floor_boundary(s: &str, n: usize) -> usize {
    let mut cut = s.len().min(n);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// The publication date near the top of `text` and its byte range.
pub fn find_date(text: &str, paragraphs: &[Range<usize>]) -> Option<(DocDate, Range<usize>)> {
    for p in paragraphs.iter().take(DATE_PARAGRAPHS) {
        let para = &text[p.clone()];
        let window = &para[..floor_boundary(para, DATE_WINDOW + 80)];
        if !has_digit(&window[..floor_boundary(window, DATE_WINDOW + 20)]) {
            continue;
        }
        if let Some((iso, r)) = find_in(window).filter(|(_, r)| r.start <= DATE_WINDOW) {
            let range = p.start + r.start..p.start + r.end;
            let date = DocDate {
                text: text[range.clone()].to_string(),
                iso: Some(iso),
            };
            return Some((date, range));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::split::paragraph_ranges;

    fn date_of(text: &str) -> Option<(String, String)> {
        let (d, r) = find_date(text, &paragraph_ranges(text))?;
        assert_eq!(&text[r], d.text);
        Some((d.text, d.iso?))
    }

    /// The earlier gate: any ASCII letter lets the English regex run.
    fn find_in_reference(s: &str) -> Option<(String, Range<usize>)> {
        let p = patterns();
        let m = p.english.find(s);
        let found = find_in(s);
        let Some(m) = m.filter(|_| !has_en_month(s)) else {
            return found;
        };
        // Without an English month the match cannot be read: the result
        // is the same as without running it.
        let c = p.english.captures(m.as_str())?;
        let month = c.get(2).or(c.get(4)).map_or("", |g| g.as_str());
        assert_eq!(en_month(month), None, "{s:?}");
        found
    }

    /// The regex the hand-written Arabic matcher replaced.
    fn arabic_regex() -> &'static Regex {
        static R: OnceLock<Regex> = OnceLock::new();
        R.get_or_init(|| {
            let mut names: Vec<&str> = AR_MONTHS.iter().map(|(n, _)| *n).collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            let mon = names.join("|");
            let d = DIGIT;
            let arabic = format!(
                r"(?:(?:{WEEKDAYS})\s*[،,]?\s*)?({d}{{1,2}})\s+({mon})(?:\s*/\s*(?:{mon}))?\s*[،,]?\s*({d}{{4}})(?:\s*[-–،,]?\s*{d}{{1,2}}:{d}{{2}}(?:\s*(?:صباحا|مساء|ص|م))?)?"
            );
            Regex::new(&arabic).unwrap()
        })
    }

    fn arabic_reference(s: &str) -> Option<arabic_date::ArabicDate> {
        let c = arabic_regex().captures(s)?;
        let month = AR_MONTHS
            .iter()
            .find(|(n, _)| *n == &c[2])
            .map(|(_, m)| *m)?;
        Some(arabic_date::ArabicDate {
            day: c.get(1)?.range(),
            month,
            year: c.get(3)?.range(),
            range: c.get(0)?.range(),
        })
    }

    fn arabic_piece() -> impl proptest::strategy::Strategy<Value = String> {
        let mut pieces: Vec<String> = AR_MONTHS.iter().map(|(n, _)| n.to_string()).collect();
        pieces.extend(WEEKDAYS.split('|').map(str::to_string));
        pieces.extend(
            [
                "1",
                "31",
                "٣",
                "۱۲",
                "2020",
                "٢٠٢٣",
                "7",
                "0",
                " ",
                "  ",
                "\u{a0}",
                "\n",
                "\t",
                "،",
                ",",
                "/",
                " / ",
                ":",
                "-",
                "–",
                "ص",
                "م",
                "صباحا",
                "مساء",
                "من",
                "ال",
                "كانون",
                "تشرين",
                "ماي",
                "يوليو",
                "ز",
                "x",
                "11:46",
                "9:5",
                "123",
            ]
            .map(str::to_string),
        );
        proptest::sample::select(pieces)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn arabic_dates_match_as_the_regex_did(
            parts in proptest::collection::vec(arabic_piece(), 0..12)
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(arabic_date::find(&s), arabic_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn arabic_dates_of_seed_heads_and_generated_date_lines_match_as_the_regex_did() {
        for (name, _) in AR_MONTHS {
            for day in ["1", "28", "٣", "٢٨"] {
                let line = format!("تاريخ النشر: {day} {name} 2021 GMT");
                assert_eq!(
                    arabic_date::find(&line),
                    arabic_reference(&line),
                    "{line:?}"
                );
                assert!(arabic_date::find(&line).is_some(), "{line:?}");
            }
        }
        let seeds = crate::corpus::walk::EMBEDDED_SEEDS
            .iter()
            .filter_map(|(_, b)| std::str::from_utf8(b).ok());
        for text in seeds {
            for line in text.lines().take(8) {
                assert_eq!(arabic_date::find(line), arabic_reference(line), "{line:?}");
            }
        }
        for (text, _) in table_cases() {
            assert_eq!(arabic_date::find(text), arabic_reference(text), "{text:?}");
        }
    }

    #[test]
    fn arabic_date_forms_match_as_the_regex_did() {
        let mut n = 0;
        for weekday in ["", "الخميس، ", "السبت ", "الاحد,"] {
            for day in ["3", "31", "٣١", "123"] {
                for month in [
                    "مايو",
                    "ماي",
                    "كانون الثاني",
                    "سبتمبر/أيلول",
                    "يوليو / تموز",
                    "أوت",
                ] {
                    for year in [" 2022", "، ٢٠٢٢", "2022", " 20221"] {
                        for time in ["", " 11:00", " - 9:05", "، 11:0", " 111:00"] {
                            for suffix in ["", " ص", " صباحا", "مساء", " م", "من", " x"]
                            {
                                let text = format!("{weekday}{day} {month}{year}{time}{suffix}");
                                let got = arabic_date::find(&text);
                                assert_eq!(got, arabic_reference(&text), "{text:?}");
                                n += usize::from(got.is_some());
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 2000, "{n}");
    }

    proptest::proptest! {
        #[test]
        fn digits_are_found_in_the_bytes(s in "[a ب٠-٩۰-۹0-9ڠ-ک۠-ۺ٪ٟ/:]{0,6}") {
            let want = s.chars().any(|c| c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹'));
            proptest::prop_assert_eq!(has_digit(&s), want);
        }

        #[test]
        fn english_gate_skips_only_unreadable_matches(
            s in "[0-9 ,.ſKa-zA-Z]{0,12}(jan|FEB|Sep|ſep|dec|GMT|ma|y)?[0-9 ,a-z]{0,12}"
        ) {
            proptest::prop_assert_eq!(find_in_reference(&s), find_in(&s));
        }
    }

    type Case = (&'static str, Option<(&'static str, &'static str)>);

    fn table_cases() -> &'static [Case] {
        &[
            (
                "العنوان\n\nالسبت 31 أكتوبر 2020 11:46 ص\n\nنص",
                Some(("السبت 31 أكتوبر 2020 11:46 ص", "2020-10-31")),
            ),
            (
                "العنوان\nتاريخ النشر: 19th, September 2023 GMT\nنص",
                Some(("19th, September 2023 GMT", "2023-09-19")),
            ),
            (
                "نشر في ٥ كانون الثاني ٢٠٢٤",
                Some(("٥ كانون الثاني ٢٠٢٤", "2024-01-05")),
            ),
            (
                "27 سبتمبر/أيلول 2021",
                Some(("27 سبتمبر/أيلول 2021", "2021-09-27")),
            ),
            (
                "الخميس، 3 تموز 2025",
                Some(("الخميس، 3 تموز 2025", "2025-07-03")),
            ),
            ("10 مايو 2022م", Some(("10 مايو 2022", "2022-05-10"))),
            (
                "3 مايو 2022 11:00 مساء",
                Some(("3 مايو 2022 11:00 مساء", "2022-05-03")),
            ),
            (
                "3 مايو 2022 11:00 من",
                Some(("3 مايو 2022 11:00", "2022-05-03")),
            ),
            ("1 ماي 2022", Some(("1 ماي 2022", "2022-05-01"))),
            (
                "Published September 19, 2023",
                Some(("September 19, 2023", "2023-09-19")),
            ),
            ("2023-09-19T10:00:00Z", Some(("2023-09-19", "2023-09-19"))),
            ("نشر: 19/09/2023", Some(("19/09/2023", "2023-09-19"))),
            ("09/19/2023", Some(("09/19/2023", "2023-09-19"))),
            ("١٩/٠٩/٢٠٢٣", Some(("١٩/٠٩/٢٠٢٣", "2023-09-19"))),
            ("31 فبراير 2020", None),
            ("في عام 2010 وقعت", None),
            ("يوم 26 أبريل", None),
        ]
    }

    #[test]
    fn table() {
        for (text, want) in table_cases() {
            let want = want.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(date_of(text), want, "{text:?}");
        }
    }

    #[test]
    fn iso_dates_are_written_as_format_writes_them() {
        for year in (1790..=2210).step_by(7).chain([1800, 2000, 2200]) {
            for month in 0..=13 {
                for day in 0..=32 {
                    let want =
                        iso(year, month, day).map(|_| format!("{year:04}-{month:02}-{day:02}"));
                    assert_eq!(iso(year, month, day), want);
                }
            }
        }
        assert_eq!(iso(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso(2023, 2, 29), None);
    }

    #[test]
    fn dates_deep_in_a_paragraph_are_not_publication_dates() {
        let text = format!("{} في 8 أكتوبر 2020", "كلام ".repeat(30));
        assert_eq!(date_of(&text), None);
        let text = "أ\nب\nج\nد\nهـ\n8 أكتوبر 2020";
        assert_eq!(date_of(text), None);
    }

    #[test]
    fn seed_dates() {
        let seeds = [
            include_str!("../../seeds/000_29a832587050bdde.txt"),
            include_str!("../../seeds/001_960e743a51614c08.txt"),
            include_str!("../../seeds/002_c82f50676b35041e.txt"),
        ];
        let got: Vec<_> = seeds.iter().map(|s| date_of(s).map(|d| d.1)).collect();
        assert_eq!(
            got,
            [None, Some("2020-10-31".into()), Some("2023-09-19".into())]
        );
    }

    #[test]
    fn jsonl_date_field() {
        let d = parse_date("2023-09-19").unwrap();
        assert_eq!(d.iso.as_deref(), Some("2023-09-19"));
        assert_eq!(parse_date("yesterday"), None);
    }
}
