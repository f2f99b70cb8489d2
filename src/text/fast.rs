//! Clusters of a paragraph made only of common characters, in one pass.
//!
//! News text is Arabic letters, harakat, digits, ASCII, a few Latin-1 signs
//! and typographic quotes and dashes. For such a paragraph every grapheme
//! cluster is one base followed by marks, one cell wide, so each character is
//! decoded once and its cluster kind, bidi class and joining type come from
//! one table; shaping is done on the clusters as they are found. A paragraph
//! with any other character (controls, tabs, joiners, bidi formatting, other
//! scripts, emoji) returns `None` and takes the general path, which gives the
//! same result for the paragraphs handled here (a property test checks it).

use std::sync::OnceLock;

use unicode_bidi::BidiClass;

use super::bidi::{class, Scan};
use super::cluster::{Cluster, Clusters, BASE, BREAK, EXTEND, SIMPLE, WS};
use super::shape::{joining, joins_backward, joins_forward, lam_alef, presentation, Form, Joining};

/// What the one-pass path knows about a character.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// [`BASE`], [`EXTEND`] or 0 (not handled here).
    kind: u8,
    /// Bidi class.
    class: BidiClass,
    /// Joining type.
    join: Joining,
}

/// [`Info`] of U+0000–U+06FF, built once.
fn table() -> &'static [Info; 0x700] {
    static TABLE: OnceLock<[Info; 0x700]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [Info {
            kind: 0,
            class: BidiClass::ON,
            join: Joining::NonJoining,
        }; 0x700];
        for (u, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(u as u32) {
                *slot = Info {
                    kind: SIMPLE[u],
                    class: class(c),
                    join: joining(c),
                };
            }
        }
        t
    })
}

/// The character at byte `i` of `b` (valid UTF-8, `i` a char boundary) with
/// its length and [`Info`], if this path handles it.
#[inline]
fn decode(b: &[u8], i: usize, tab: &[Info; 0x700]) -> Option<(char, usize, Info)> {
    let b0 = *b.get(i)?;
    let (u, len) = if b0 < 0x80 {
        (u32::from(b0), 1)
    } else if b0 < 0xE0 {
        let b1 = *b.get(i + 1)?;
        ((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F), 2)
    } else if b0 < 0xF0 {
        let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
        let u = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        // Dashes, quotes, ellipsis, per mille: one-cell neutral bases.
        if !matches!(u, 0x2010..=0x2027 | 0x2030..=0x203B) {
            return None;
        }
        let c = char::from_u32(u)?;
        let info = Info {
            kind: BASE,
            class: class(c),
            join: Joining::NonJoining,
        };
        return Some((c, 3, info));
    } else {
        return None;
    };
    let info = *tab.get(u as usize)?;
    if info.kind == 0 {
        return None;
    }
    Some((char::from_u32(u)?, len, info))
}

/// Splits `text` into clusters (shaped with `shaping`) exactly as
/// [`super::cluster::clusters`] does, or returns `None` when the text has a
/// character this path does not handle.
pub fn clusters_fast(text: &str, shaping: bool) -> Option<Clusters> {
    let tab = table();
    let b = text.as_bytes();
    let n = b.len();
    let mut list: Vec<Cluster> = Vec::with_capacity(n / 2 + 1);
    let mut scan = Scan::default();
    let mut simple = true;
    // Shaping state: joining type of the last letter or other non-mark, and
    // the letter whose form waits for the next one (cluster index, letter,
    // joining type, joined to the letter before).
    let mut prev = Joining::NonJoining;
    let mut pending: Option<(usize, char, Joining, bool)> = None;
    let mut next = if n > 0 {
        Some(decode(b, 0, tab)?)
    } else {
        None
    };
    let mut at = 0;
    while let Some((c, len, info)) = next {
        if info.kind != BASE {
            // A mark with no base: the general path shows it on a circle.
            return None;
        }
        let start = at;
        let mut end = at + len;
        next = None;
        while end < n {
            let d = decode(b, end, tab)?;
            if d.2.kind == EXTEND {
                end += d.1;
            } else {
                next = Some(d);
                break;
            }
        }
        scan.add(info.class);
        // W4 wants a *single* separator between numbers: a mark after one
        // makes two (see `cluster.rs`).
        if matches!(info.class, BidiClass::ES | BidiClass::CS) && end > start + len {
            simple = false;
        }
        let mut cl = Cluster {
            start: start as u32,
            end: end as u32,
            repl: None,
            skip: 0,
            width: 1,
            flags: if c == ' ' { BREAK | WS } else { 0 },
            class: info.class,
        };
        if shaping {
            let j = info.join;
            if let Some((k, pc, pj, back)) = pending.take() {
                shape_pending(&mut list[k], pc, pj, back, j);
            }
            if matches!(j, Joining::Dual | Joining::Right) {
                let back = joins_forward(prev) && joins_backward(j);
                prev = j;
                let alef = match next {
                    Some((a, alen, ainfo)) if c == '\u{0644}' && end == start + len => {
                        lam_alef(a, back).map(|lig| (lig, alen, ainfo))
                    }
                    _ => None,
                };
                if let Some((lig, alen, ainfo)) = alef {
                    // Lam-alef: the alef's cluster (with its marks) joins this one.
                    cl.repl = Some(lig);
                    cl.skip = (len + alen) as u32;
                    scan.add(ainfo.class);
                    end += alen;
                    next = None;
                    while end < n {
                        let d = decode(b, end, tab)?;
                        if d.2.kind == EXTEND {
                            end += d.1;
                        } else {
                            next = Some(d);
                            break;
                        }
                    }
                    cl.end = end as u32;
                    // The ligature ends in an alef, which joins backward only.
                    prev = Joining::Right;
                } else {
                    pending = Some((list.len(), c, j, back));
                }
            } else {
                prev = j;
            }
        }
        list.push(cl);
        at = end;
    }
    if let Some((k, pc, pj, back)) = pending {
        shape_pending(&mut list[k], pc, pj, back, Joining::NonJoining);
    }
    Some(Clusters { list, simple, scan })
}

/// Gives the letter `c` (joining type `j`, joined to the letter before when
/// `back`) at the start of cluster `cl` its form, now that the joining type
/// of the next non-mark is known.
#[inline]
fn shape_pending(cl: &mut Cluster, c: char, j: Joining, back: bool, next: Joining) {
    let fwd = j == Joining::Dual && joins_backward(next);
    let form = match (back, fwd) {
        (false, false) => Form::Isolated,
        (true, false) => Form::Final,
        (false, true) => Form::Initial,
        (true, true) => Form::Medial,
    };
    let with = presentation(c, form);
    if with != c {
        cl.repl = Some(with);
        cl.skip = c.len_utf8() as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::cluster::clusters_general;

    #[test]
    fn bases_join_and_marks_are_transparent() {
        for (u, info) in table().iter().enumerate() {
            match info.kind {
                BASE => assert_ne!(info.join, Joining::Transparent, "U+{u:04X}"),
                EXTEND => {
                    assert_eq!(info.join, Joining::Transparent, "U+{u:04X}");
                    assert_eq!(info.class, BidiClass::NSM, "U+{u:04X}");
                }
                _ => {}
            }
        }
    }

    #[test]
    fn fast_clusters_equal_the_general_path() {
        for text in [
            "",
            "سلام لأن الإسلام «قال» 2010-2012 MiG-29 (CSTO) … “نعم” – 50‰",
            "لَا تُدفّع بـب ،؟ ٣٤٫٥ é a\u{0301}",
            " ل ا لا",
        ] {
            for shaping in [false, true] {
                let fast = clusters_fast(text, shaping);
                assert_eq!(fast, Some(clusters_general(text, shaping)), "{text}");
            }
        }
        for text in ["\u{064E}ب", "a\tb", "ب\u{200D}ب", "漢字", "\u{0600}١"] {
            assert_eq!(clusters_fast(text, true), None, "{text}");
        }
    }
}
