//! The date tables (month names in all their families, weekdays,
//! relative words, decades) and the regex patterns built from them, run
//! on the folded key.

use std::sync::OnceLock;

use regex::Regex;

/// Folded month names with their number; two-word names are units.
pub(super) const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("جانفي", 1),
    ("january", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("فيفري", 2),
    ("february", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("march", 3),
    ("ابريل", 4),
    ("نيسان", 4),
    ("افريل", 4),
    ("april", 4),
    ("مايو", 5),
    ("ايار", 5),
    ("ماي", 5),
    ("may", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("حزيران", 6),
    ("جوان", 6),
    ("june", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("تموز", 7),
    ("جويليه", 7),
    ("july", 7),
    ("اغسطس", 8),
    ("اب", 8),
    ("اوت", 8),
    ("غشت", 8),
    ("اغشت", 8),
    ("august", 8),
    ("سبتمبر", 9),
    ("ايلول", 9),
    ("شتنبر", 9),
    ("شتمبر", 9),
    ("september", 9),
    ("اكتوبر", 10),
    ("تشرين الاول", 10),
    ("تشرين اول", 10),
    ("october", 10),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("نونبر", 11),
    ("november", 11),
    ("ديسمبر", 12),
    ("كانون الاول", 12),
    ("كانون اول", 12),
    ("دجنبر", 12),
    ("دجمبر", 12),
    ("december", 12),
];

/// Month names that are also ordinary words or names: only with a number,
/// a slash partner, شهر before or الماضي/المقبل after.
pub(super) const AMBIGUOUS: &[&str] =
    &["اب", "ماي", "مارس", "نيسان", "ايار", "تموز", "may", "march"];

/// Not a letter or digit of the folded key (Arabic letters, ASCII
/// alphanumerics and the few other letters that survive folding). A small
/// class keeps the DFA small; `\p{L}` made it several times slower.
const NOT_WORD: &str = r"[^\x{0621}-\x{064A}\x{0671}-\x{06D3}0-9a-zA-Z\x{00C0}-\x{024F}]";

pub(super) const WEEKDAYS: &str = "الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت";
pub(super) const RELATIVE: &str = "الماضي|الماضيه|المقبل|المقبله|القادم|القادمه|الحالي";
pub(super) const DECADES: [&str; 8] = [
    "العشرينيات",
    "الثلاثينيات",
    "الاربعينيات",
    "الخمسينيات",
    "الستينيات",
    "السبعينيات",
    "الثمانينيات",
    "التسعينيات",
];

pub(super) struct Patterns {
    pub(super) full: Regex,
    pub(super) month_year: Regex,
    pub(super) month_ctx: Regex,
    pub(super) years: Regex,
    pub(super) numeric: Regex,
    pub(super) relative: Regex,
}

pub(super) fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let mon = names.join("|");
        let mon2 = format!(r"[وفبل]?(?P<mon>{mon})(?:\s*/\s*(?P<mon2>{mon}))?");
        let year = r"(?:1[89][0-9]{2}|20[0-9]{2})";
        // Word boundaries are spelled out as "not a letter or digit" around
        // the whole match (group `all`): the regex crate's Unicode `\b` is
        // not supported by its DFAs on non-ASCII text and falls back to a
        // far slower engine (measured: ~1 MB/s on Arabic).
        let build = |s: String| {
            let body = s.replace(r"\b", "");
            let wrapped = format!(r"(?:^|{NOT_WORD})(?P<all>{body})(?:{NOT_WORD}|$)");
            // The patterns are constants; a unit test compiles them all.
            regex::RegexBuilder::new(&wrapped)
                .dfa_size_limit(64 << 20)
                .build()
                .unwrap_or_else(|e| unreachable!("{e}"))
        };
        Patterns {
            full: build(format!(
                r"\b(?:(?:يوم|{WEEKDAYS})\s+)?(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?\s*,?\s+{mon2}\b(?:\s*,?\s*(?:(?:عام|سنه)\s+)?(?P<year>{year})(?:\s*م)?\b)?(?:\s*[-–،,]?\s+(?P<h>[0-2]?[0-9]):(?P<m>[0-5][0-9])(?:\s*(?P<ampm>ص|م)\b)?)?(?:\s+gmt\b)?(?:\s+(?P<rel>{RELATIVE})\b)?"
            )),
            month_year: build(format!(
                r"\b{mon2}\s*,?\s+(?:(?:عام|سنه)\s+)?(?P<year>{year})(?:\s*م)?\b"
            )),
            month_ctx: build(format!(
                r"\b(?:[وفبل]?(?P<ctx>مطلع|اوائل|منتصف|اواخر|نهايه|بدايه|في|منذ|خلال|حتي|من|شهر)\s+)?{mon2}\b(?:\s+(?P<rel>{RELATIVE})\b)?"
            )),
            years: build(format!(
                r"\b(?:(?P<noun>عام|العام|عامي|سنه|العامين)\s+|(?:في|منذ|حتي|قبل|بعد|خلال|بين)\s+)(?P<y1>{year})(?:\s*م)?\b(?:\s*(?:و|-|/|الي)\s*(?P<y2>{year})\b)?"
            )),
            numeric: build(
                r"\b(?P<d>[0-3]?[0-9])[/.-](?P<mo>[01]?[0-9])[/.-](?P<y>(?:19|20)[0-9]{2})\b".to_string(),
            ),
            relative: build({
                let decades = DECADES.join("|");
                format!(
                r"\b[وفبل]?(?P<r>(?:يوم\s+)?(?:{WEEKDAYS})(?:\s*-\s*(?:{WEEKDAYS}))?(?:\s+(?:{RELATIVE}))?|(?:يوم\s+)?امس|(?:الشهر|الاسبوع|العام|لشهر|لاسبوع|لعام)\s+(?:الماضي|المقبل|القادم|الحالي)|{decades})\b"
                )
            }),
        }
    })
}

pub(super) fn month_number(name: &str) -> u32 {
    MONTHS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, m)| *m)
}
