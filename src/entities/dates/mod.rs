//! Date expressions in Arabic news (research/arabic.md §5): day-month-year
//! and month-year with both families of month names (يناير… and كانون الثاني…,
//! and the Maghreb forms), slash pairs (تموز/يوليو), Arabic-Indic digits
//! (folded to ASCII), ص/م times, years in context (عام 2010, عامَي 2021 و2022),
//! numeric dates, and relative expressions (السبت الماضي, يوم أمس) kept as
//! written. Patterns run on the folded key and are mapped back.

mod anchor;
mod patterns;

use std::ops::Range;

use regex::{CaptureLocations, Regex};

use crate::text::fold::Folded;
#[cfg(test)]
pub(crate) use anchor::digit_runs;
pub(crate) use anchor::digit_runs_from;
use anchor::windows;
pub(crate) use anchor::{anchor_words, month_stands_alone};
pub use anchor::{anchors, Anchors};
use patterns::{month_number, patterns, AMBIGUOUS};

/// A date mention: where it is and its ISO form when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// ISO 8601 (`2020-10-31`, `2023-09`, `2010`, `--09-27`, `2021/2022`),
    /// or `None` for relative expressions.
    pub iso: Option<String>,
}

/// A weekday standing on its own as a time adverbial: after اليوم, or
/// between commas (`"مجموعة مينسك"، الجمعة.`).
fn adverbial(key: &str, r: Range<usize>) -> bool {
    let before = key[..r.start].trim_end();
    let after = key[r.end..].trim_start();
    before.ends_with("اليوم") || (before.ends_with('،') && after.starts_with(['،', '.', ':', '؛']))
}

/// The capture groups of one match, read by name: the locations are
/// reused from match to match instead of allocating a `Captures` each time.
#[derive(Clone, Copy)]
struct Caps<'h, 'a> {
    key: &'h str,
    re: &'a Regex,
    locs: &'a CaptureLocations,
}

/// One capture group: its range in the key and its text.
#[derive(Clone, Copy)]
struct Group<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    fn as_str(&self) -> &'h str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'h> Caps<'h, '_> {
    /// The group called `name`, if it took part in the match (a pattern
    /// has a dozen names at most: a linear search is cheaper than a map).
    fn name(&self, name: &str) -> Option<Group<'h>> {
        let i = self.re.capture_names().position(|n| n == Some(name))?;
        let (start, end) = self.locs.get(i)?;
        Some(Group {
            text: self.key.get(start..end)?,
            start,
            end,
        })
    }
}

impl std::ops::Index<&str> for Caps<'_, '_> {
    type Output = str;
    /// The text of a group, empty when it did not take part.
    fn index(&self, name: &str) -> &str {
        self.name(name).map_or("", |g| g.text)
    }
}

/// Calls `f` with every match of `re` inside `windows` (offsets stay those
/// of `key`; the haystack is cut at the window's end).
fn each<'h>(re: &Regex, key: &'h str, windows: &[Range<usize>], mut f: impl FnMut(Caps<'h, '_>)) {
    let mut locs = re.capture_locations();
    for w in windows {
        let hay = &key[..w.end];
        let mut pos = w.start;
        while pos < w.end {
            if re.captures_read_at(&mut locs, hay, pos).is_none() {
                break;
            }
            let c = Caps {
                key,
                re,
                locs: &locs,
            };
            let next = c.name("all").map_or(w.end, |m| m.end());
            f(c);
            // Continue from the end of the date itself, so that the boundary
            // character after it can open the next one.
            pos = if next > pos {
                next
            } else {
                next_char(key, pos)
            };
        }
    }
}

fn next_char(key: &str, pos: usize) -> usize {
    key[pos..]
        .chars()
        .next()
        .map_or(key.len(), |c| pos + c.len_utf8())
}

/// آب must be written with madda; the folded اب is also "father".
fn month_ok(text: &str, folded: &Folded, c: &Caps, name: &str) -> bool {
    let Some(m) = c.name(name) else { return true };
    if m.as_str() != "اب" {
        return true;
    }
    let r = folded.to_original(m.range());
    text[r].starts_with('آ')
}

/// All date mentions in `text` (folded as `folded`), sorted by start.
pub fn find_dates(text: &str, folded: &Folded) -> Vec<DateHit> {
    find_dates_at(text, folded, anchors(&folded.key))
}

/// All date mentions in `text` (folded as `folded`) whose anchors in the
/// key are `anchors`, sorted by start. Each pattern runs only near what it
/// needs: month names, digits, or relative words.
pub fn find_dates_at(text: &str, folded: &Folded, anchors: Anchors) -> Vec<DateHit> {
    let p = patterns();
    let key = folded.key.as_str();
    // A weekday and day before the month, a slash partner, year, time and
    // a relative word after it.
    let months = windows(key, anchors.months.clone(), 40, 100);
    // Years are runs of four digits (18xx-20xx); numeric dates start with
    // one or two digits and a separator.
    let b = key.as_bytes();
    let digits = anchors.digits;
    // The full and month-year patterns need a day or a year: a window
    // without a digit cannot hold a match of theirs.
    let with_digits = |ws: &[Range<usize>]| -> Vec<Range<usize>> {
        ws.iter()
            .filter(|w| {
                let i = digits.partition_point(|d| d.end <= w.start);
                digits.get(i).is_some_and(|d| d.start < w.end)
            })
            .cloned()
            .collect()
    };
    let (years, numeric): (Vec<_>, Vec<_>) = digits
        .iter()
        .filter(|r| {
            let year = r.len() == 4 && matches!(&b[r.start..r.start + 2], b"18" | b"19" | b"20");
            let day = r.len() <= 2 && matches!(b.get(r.end), Some(b'/' | b'.' | b'-'));
            year || day
        })
        .cloned()
        .partition(|r| r.len() == 4);
    let mut cands: Vec<(Range<usize>, Option<String>)> = Vec::new();
    let num = |c: &Caps, n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    each(&p.full, key, &with_digits(&months), |c| {
        if !month_ok(text, folded, &c, "mon") || !month_ok(text, folded, &c, "mon2") {
            return;
        }
        let (Some(day), Some(whole)) = (num(&c, "day"), c.name("all")) else {
            return;
        };
        let month = month_number(&c["mon"]);
        if !(1..=31).contains(&day) {
            return;
        }
        let iso = match num(&c, "year") {
            Some(y) => {
                let mut s = format!("{y:04}-{month:02}-{day:02}");
                if let (Some(mut h), Some(mi)) = (num(&c, "h"), num(&c, "m")) {
                    if c.name("ampm").is_some_and(|a| a.as_str() == "م") && h < 12 {
                        h += 12;
                    }
                    s.push_str(&format!("T{h:02}:{mi:02}"));
                }
                s
            }
            None => format!("--{month:02}-{day:02}"),
        };
        cands.push((whole.range(), Some(iso)));
    });
    // A month, year or weekday inside a full date gives nothing longer to
    // the other patterns: they run only around the anchors left.
    let full: Vec<Range<usize>> = cands.iter().map(|(r, _)| r.clone()).collect();
    let left = |v: Vec<Range<usize>>| -> Vec<Range<usize>> {
        v.into_iter()
            .filter(|a| !full.iter().any(|r| r.start <= a.start && a.end <= r.end))
            .collect()
    };
    let months = windows(key, left(anchors.months), 40, 100);
    let years = windows(key, left(years), 40, 50);
    let numeric = windows(key, numeric, 0, 20);
    let relative = windows(key, left(anchors.relative), 40, 50);
    each(&p.month_year, key, &with_digits(&months), |c| {
        if !month_ok(text, folded, &c, "mon") || !month_ok(text, folded, &c, "mon2") {
            return;
        }
        let (Some(y), Some(whole)) = (num(&c, "year"), c.name("all")) else {
            return;
        };
        let start = c.name("mon").map_or(whole.start(), |m| m.start());
        let iso = format!("{y:04}-{:02}", month_number(&c["mon"]));
        cands.push((start..whole.end(), Some(iso)));
    });
    each(&p.month_ctx, key, &months, |c| {
        let Some(mon) = c.name("mon") else { return };
        let ambiguous = AMBIGUOUS.contains(&mon.as_str());
        let ctx = c.name("ctx").map(|m| m.as_str());
        let strong = c.name("mon2").is_some() || c.name("rel").is_some() || ctx == Some("شهر");
        // A slash pair or الماضي/المقبل is enough; otherwise a context word,
        // and for the ambiguous names (آب, مارس, أيار...) not even that.
        if (!strong && (ambiguous || ctx.is_none()))
            || !month_ok(text, folded, &c, "mon")
            || !month_ok(text, folded, &c, "mon2")
        {
            return;
        }
        let end = c.name("all").map_or(mon.end(), |m| m.end());
        let iso = format!("--{:02}", month_number(mon.as_str()));
        cands.push((mon.start()..end, Some(iso)));
    });
    each(&p.years, key, &years, |c| {
        let (Some(y1), Some(whole)) = (c.name("y1"), c.name("all")) else {
            return;
        };
        let start = c.name("noun").map_or(y1.start(), |n| n.start());
        let iso = match c.name("y2") {
            Some(y2) => format!("{}/{}", y1.as_str(), y2.as_str()),
            None => y1.as_str().to_string(),
        };
        cands.push((start..whole.end(), Some(iso)));
    });
    each(&p.numeric, key, &numeric, |c| {
        let (Some(d), Some(mo), Some(y)) = (num(&c, "d"), num(&c, "mo"), num(&c, "y")) else {
            return;
        };
        if (1..=31).contains(&d) && (1..=12).contains(&mo) {
            if let Some(w) = c.name("all") {
                cands.push((w.range(), Some(format!("{y:04}-{mo:02}-{d:02}"))));
            }
        }
    });
    each(&p.relative, key, &relative, |c| {
        let Some(m) = c.name("r") else { return };
        let s = m.as_str();
        // الأحد is also "the one" and الجمعة "Friday prayer": only after يوم,
        // next to another weekday, or with الماضي/المقبل.
        let bare = !s.contains(' ') && !s.contains('-');
        let weak = ["الاحد", "الجمعه"].iter().any(|w| s.ends_with(w));
        if bare && weak && !adverbial(key, m.range()) {
            return;
        }
        cands.push((m.range(), None));
    });
    cands.sort_by_key(|(r, _)| (std::cmp::Reverse(r.len()), r.start));
    let mut taken = super::fast::Taken::default();
    let mut out = Vec::new();
    for (r, iso) in cands {
        if r.is_empty() || !taken.insert(&r) {
            continue;
        }
        out.push(DateHit {
            range: folded.to_original(r),
            iso,
        });
    }
    out.sort_by_key(|d| d.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn dates(text: &str) -> Vec<(String, Option<String>)> {
        find_dates(text, &fold(text))
            .into_iter()
            .map(|d| (text[d.range].to_string(), d.iso))
            .collect()
    }

    fn one(text: &str, span: &str, iso: Option<&str>) {
        let d = dates(text);
        assert_eq!(
            d,
            vec![(span.to_string(), iso.map(str::to_string))],
            "{text}"
        );
    }

    #[test]
    fn full_dates_both_families_and_times() {
        one(
            "السبت 31 أكتوبر 2020 11:46 ص",
            "السبت 31 أكتوبر 2020 11:46 ص",
            Some("2020-10-31T11:46"),
        );
        one(
            "بتاريخ (8 أكتوبر 2020) صراحة",
            "8 أكتوبر 2020",
            Some("2020-10-08"),
        );
        one(
            "في 3 كانون الثاني 2024",
            "3 كانون الثاني 2024",
            Some("2024-01-03"),
        );
        one("في ٥ حزيران ٢٠٢٣ م", "٥ حزيران ٢٠٢٣ م", Some("2023-06-05"));
        one(
            "19th, September 2023 GMT",
            "19th, September 2023 GMT",
            Some("2023-09-19"),
        );
        one(
            "الساعة 7 جويلية 2021 9:05 م",
            "7 جويلية 2021 9:05 م",
            Some("2021-07-07T21:05"),
        );
    }

    #[test]
    fn slash_pairs_and_month_year() {
        one(
            "في 27 سبتمبر/أيلول الماضي",
            "27 سبتمبر/أيلول الماضي",
            Some("--09-27"),
        );
        one("مطلع تموز/يوليو بعدما", "تموز/يوليو", Some("--07"));
        one("في أيلول 2023.", "أيلول 2023", Some("2023-09"));
        one("منذ أغسطس 2024.", "أغسطس 2024", Some("2024-08"));
        one(
            "في تشرين الثاني الماضي",
            "تشرين الثاني الماضي",
            Some("--11"),
        );
        one(
            "في 19 يونيو عام 2024.",
            "19 يونيو عام 2024",
            Some("2024-06-19"),
        );
        one("بوتين يوم 26 أبريل بإتمام", "يوم 26 أبريل", Some("--04-26"));
        let t = "الأحد 12 يناير 2025 - 09:30 م";
        one(t, t, Some("2025-01-12T21:30"));
        one(
            "اعتباراً من تموز/يوليو المقبل.",
            "تموز/يوليو المقبل",
            Some("--07"),
        );
        one("الإنتاج لشهر آب.", "آب", Some("--08"));
        assert!(dates("قال يوليو").is_empty());
    }

    #[test]
    fn years_in_context() {
        one("وفي عام 2010 ، وقعت", "عام 2010", Some("2010"));
        one("في عامَي 2021 و2022»", "عامَي 2021 و2022", Some("2021/2022"));
        one("حرب العام 2020 التي", "العام 2020", Some("2020"));
        one("أرمينيا وأذربيجان منذ 2020 هو", "2020", Some("2020"));
        assert!(dates("نحو 6500 قتيل و5 محافظات").is_empty());
    }

    #[test]
    fn ambiguous_months_need_context() {
        assert!(dates("قال الأب إن مارس الضغط وأيار").is_empty());
        assert!(dates("في نيسان الجديدة").is_empty());
        one("في 5 آب 2020", "5 آب 2020", Some("2020-08-05"));
        assert!(dates("الباب 5 اب 2020")
            .iter()
            .all(|(_, iso)| iso.as_deref() != Some("2020-08-05")));
    }

    #[test]
    fn relative_dates_are_kept_as_written() {
        one("أعلنت يوم السبت الماضي أنها", "يوم السبت الماضي", None);
        one("أعلنت أذربيجان الثلاثاء أنها", "الثلاثاء", None);
        one("والخميس الماضي، شدد", "الخميس الماضي", None);
        one("بثت ليل الخميس - الجمعة:", "الخميس - الجمعة", None);
        assert!(dates("صلاة الجمعة والأحد").is_empty());
        one("أعلنت، اليوم الأحد، أن", "الأحد", None);
        one("دول \"مجموعة مينسك\"، الجمعة.", "الجمعة", None);
        one("لمراجعة للعام الحالي", "لعام الحالي", None);
        one("في التسعينيات،", "التسعينيات", None);
        one("ويوم أمس قال", "يوم أمس", None);
    }

    #[test]
    fn numeric_dates() {
        one("بتاريخ 5/3/2021 أعلن", "5/3/2021", Some("2021-03-05"));
        one(
            "بتاريخ ١٢\u{200F}/٤\u{200F}/٢٠٢٢",
            "١٢\u{200F}/٤\u{200F}/٢٠٢٢",
            Some("2022-04-12"),
        );
    }
}
