//! Boilerplate zones of a news page saved as text: tag lines (كلمات مفتاحية),
//! "read also" blocks (اقرأ أيضاً) with the unrelated articles often appended
//! after them, share prompts and source lines. Mentions inside are counted
//! apart so that the sidebar shows what the article is about.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::text::fold::Folded;

/// Markers that start a block running to the end of the document when they
/// appear in its second half (folded spellings).
pub(crate) const TAIL_MARKERS: &[&str] = &[
    "اقرا ايضا",
    "اقرا المزيد",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "مواضيع اضافيه",
    "شارك هذا المقال",
    "كلمات مفتاحيه",
    "الكلمات المفتاحيه",
    "كلمات دلاليه",
    "الكلمات الدلاليه",
    "الوسوم",
    "تابعونا علي",
    "read also",
    "related articles",
];

/// Markers of a single boilerplate line when they begin it.
const LINE_MARKERS: &[&str] = &["المصدر", "مصدر الخبر", "وسوم", "tags"];

/// Byte ranges of `text` (folded as `folded`) that are boilerplate, sorted
/// and not overlapping.
pub fn boilerplate_zones(text: &str, folded: &Folded) -> Vec<Range<usize>> {
    static TAIL: OnceLock<AhoCorasick> = OnceLock::new();
    let tail =
        TAIL.get_or_init(|| AhoCorasick::new(TAIL_MARKERS).unwrap_or_else(|e| unreachable!("{e}")));
    let tails: Vec<(usize, usize)> = tail
        .find_iter(folded.key.as_str())
        .map(|m| (m.start(), m.pattern().as_usize()))
        .collect();
    boilerplate_zones_at(text, folded, &tails)
}

/// [`boilerplate_zones`] with the tail markers already found: `(start in
/// the key, index in [`TAIL_MARKERS`])`, e.g. by the gazetteer scan.
pub fn boilerplate_zones_at(
    text: &str,
    folded: &Folded,
    tails: &[(usize, usize)],
) -> Vec<Range<usize>> {
    let mut zones: Vec<Range<usize>> = Vec::new();
    for &(at, i) in tails {
        let Some(marker) = TAIL_MARKERS.get(i) else {
            continue;
        };
        let start = folded.to_original(at..at).start;
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        // A block in the second half of the page takes the rest of it;
        // earlier, only its line (and the next one when the line is bare).
        let end = if start * 2 >= text.len() {
            text.len()
        } else if text[start..line_end].chars().count() <= marker.chars().count() + 2 {
            next_line_end(text, line_end)
        } else {
            line_end
        };
        zones.push(start..end);
    }
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        // Only short lines that begin like a marker are folded and checked.
        let candidate =
            trimmed.len() <= 400 && trimmed.starts_with(['ا', 'أ', 'إ', 'آ', 'م', 'و', 't', 'T']);
        if candidate && is_source_line(trimmed) && trimmed.chars().count() <= 100 {
            zones.push(pos + lead..pos + lead + trimmed.len());
        }
        pos += line.len();
    }
    merge(zones)
}

/// Whether a trimmed line begins with a source or tag marker (`المصدر:`).
fn is_source_line(trimmed: &str) -> bool {
    let mut cut = trimmed.len().min(48);
    while !trimmed.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = crate::text::fold::fold_key(&trimmed[..cut]);
    LINE_MARKERS.iter().any(|m| {
        head.strip_prefix(m).is_some_and(|rest| {
            rest.starts_with([':', '|', '/', ' ', '-']) || rest.starts_with('\u{00A0}')
        })
    })
}

/// The end of the first non-empty line after `from`.
fn next_line_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let s = from + rest.len() - rest.trim_start_matches('\n').len();
    text[s..].find('\n').map_or(text.len(), |e| s + e)
}

fn merge(mut zones: Vec<Range<usize>>) -> Vec<Range<usize>> {
    zones.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for z in zones {
        match out.last_mut() {
            Some(last) if z.start <= last.end => last.end = last.end.max(z.end),
            _ => out.push(z),
        }
    }
    out
}

/// Whether `range` lies inside one of `zones` (sorted, as returned above).
pub fn in_zones(zones: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = zones.partition_point(|z| z.end <= range.start);
    zones.get(i).is_some_and(|z| z.start <= range.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn zones(text: &str) -> Vec<String> {
        boilerplate_zones(text, &fold(text))
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn tail_blocks_run_to_the_end() {
        let body = "نص المقال عن أرمينيا وروسيا. ".repeat(10);
        let text = format!("{body}\nكلمات مفتاحية\n\nأرمينيا روسيا\nعنوان آخر");
        assert_eq!(zones(&text), ["كلمات مفتاحية\n\nأرمينيا روسيا\nعنوان آخر"]);
        let text = format!("{body}وحديث.شارك هذا المقال مواضيع إضافية\nإقرأ أيضاً:\nمقال آخر");
        assert_eq!(
            zones(&text),
            ["شارك هذا المقال مواضيع إضافية\nإقرأ أيضاً:\nمقال آخر"]
        );
    }

    #[test]
    fn early_read_also_takes_its_line() {
        let body = "نص المقال عن أرمينيا وروسيا. ".repeat(10);
        let text = format!("مقدمة\nاقرأ أيضاً: عنوان مقال آخر\n{body}");
        assert_eq!(zones(&text), ["اقرأ أيضاً: عنوان مقال آخر"]);
    }

    #[test]
    fn source_lines() {
        let text = "نص\nالمصدر | الخليج الجديد + وكالات\nالمصدرية\n";
        assert_eq!(zones(text), ["المصدر | الخليج الجديد + وكالات"]);
        assert!(in_zones(&boilerplate_zones(text, &fold(text)), &(6..10)));
        assert!(!in_zones(&boilerplate_zones(text, &fold(text)), &(0..4)));
    }
}
