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
use super::layout::Direction;
use super::shape::{joining, lam_alef, Joining, ARABIC_FORMS};

/// Joining bit: connects to a following letter (dual joining, causing).
const J_FWD: u8 = 1;
/// Joining bit: connects to a preceding letter (dual, right, causing).
const J_BACK: u8 = 2;
/// Joining bit: a letter with contextual forms (dual or right joining).
const J_LETTER: u8 = 4;
/// Joining bit: dual joining.
const J_DUAL: u8 = 8;

/// What the one-pass path knows about a character.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// [`BASE`], [`EXTEND`] or 0 (not handled here).
    kind: u8,
    /// Bidi class.
    class: BidiClass,
    /// Joining type as `J_*` bits.
    join: u8,
}

/// The `J_*` bits of a joining type.
const fn join_bits(j: Joining) -> u8 {
    match j {
        Joining::Dual => J_FWD | J_BACK | J_LETTER | J_DUAL,
        Joining::Right => J_BACK | J_LETTER,
        Joining::Causing => J_FWD | J_BACK,
        Joining::NonJoining | Joining::Transparent => 0,
    }
}

/// [`Info`] of U+0000–U+07FF (the one- and two-byte characters), built once.
fn table() -> &'static [Info; 0x800] {
    static TABLE: OnceLock<[Info; 0x800]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [Info {
            kind: 0,
            class: BidiClass::ON,
            join: 0,
        }; 0x800];
        for (u, slot) in t.iter_mut().enumerate() {
            if let (Some(c), Some(&kind)) = (char::from_u32(u as u32), SIMPLE.get(u)) {
                *slot = Info {
                    kind,
                    class: class(c),
                    join: join_bits(joining(c)),
                };
            }
        }
        t
    })
}

/// The code point at byte `i` of `b` (valid UTF-8, `i` a char boundary)
/// with its length and [`Info`], if this path handles it.
#[inline(always)]
fn decode(b: &[u8], i: usize, tab: &[Info; 0x800]) -> Option<(u32, usize, Info)> {
    let b0 = *b.get(i)?;
    if b0 < 0xE0 {
        // One or two bytes, told apart without a branch (Arabic words and
        // the spaces between them alternate).
        let b1 = b.get(i + 1).copied().unwrap_or(0);
        let two = b0 >= 0x80;
        let u = if two {
            (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F)
        } else {
            u32::from(b0)
        };
        let info = tab[(u & 0x7FF) as usize];
        return (info.kind != 0).then_some((u, 1 + usize::from(two), info));
    }
    if b0 >= 0xF0 {
        return None;
    }
    let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
    let u = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    // Dashes, quotes, ellipsis, per mille: one-cell neutral bases.
    if !matches!(u, 0x2010..=0x2027 | 0x2030..=0x203B) {
        return None;
    }
    let info = Info {
        kind: BASE,
        class: class(char::from_u32(u)?),
        join: 0,
    };
    Some((u, 3, info))
}

/// End of the marks that follow byte `i`, and the next base after them (or
/// `Err` when a character this path does not handle comes first).
#[inline(always)]
#[allow(clippy::type_complexity)]
fn marks_end(
    b: &[u8],
    mut i: usize,
    tab: &[Info; 0x800],
) -> Result<(usize, Option<(u32, usize, Info)>), ()> {
    while i < b.len() {
        let d = decode(b, i, tab).ok_or(())?;
        if d.2.kind != EXTEND {
            return Ok((i, Some(d)));
        }
        i += d.1;
    }
    Ok((i, None))
}

/// Splits `text` into clusters (shaped with `shaping`) exactly as
/// [`super::cluster::clusters`] does, or returns `None` when the text has a
/// character this path does not handle.
pub fn clusters_fast(text: &str, shaping: bool) -> Option<Clusters> {
    let tab = table();
    let b = text.as_bytes();
    let n = b.len();
    let mut list: Vec<Cluster> = Vec::with_capacity(n / 2 + 1);
    let mut counts = [0u32; 23];
    let mut first: Option<Direction> = None;
    let mut simple = true;
    // Shaping state: the last letter or other non-mark joins forward; the
    // letter whose form waits for the next one (cluster index, code point,
    // dual joining, joined to the letter before).
    let mut prev_fwd = false;
    let mut pending: Option<(usize, u32, bool, bool)> = None;
    let mut next = if n > 0 {
        Some(decode(b, 0, tab)?)
    } else {
        None
    };
    let mut at = 0;
    while let Some((u, len, info)) = next {
        if info.kind != BASE {
            // A mark with no base: the general path shows it on a circle.
            return None;
        }
        let start = at;
        let (mut end, after) = marks_end(b, at + len, tab).ok()?;
        next = after;
        counts[info.class as usize] += 1;
        if first.is_none() {
            first = strong(info.class);
        }
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
            flags: if u == 0x20 { BREAK | WS } else { 0 },
            class: info.class,
        };
        if shaping {
            let j = info.join;
            if let Some((k, pu, dual, back)) = pending.take() {
                let fwd = dual && j & J_BACK != 0;
                if let Some(c) = list.get_mut(k) {
                    give_form(c, pu, back, fwd);
                }
            }
            if j & J_LETTER != 0 {
                let back = prev_fwd;
                prev_fwd = j & J_FWD != 0;
                let lig = match next {
                    Some((a, alen, ainfo)) if u == 0x0644 && end == start + len => {
                        char::from_u32(a)
                            .and_then(|a| lam_alef(a, back))
                            .map(|lig| (lig, alen, ainfo))
                    }
                    _ => None,
                };
                if let Some((lig, alen, ainfo)) = lig {
                    // Lam-alef: the alef's cluster (with its marks) joins this one.
                    cl.repl = Some(lig);
                    cl.skip = (len + alen) as u32;
                    counts[ainfo.class as usize] += 1;
                    (end, next) = marks_end(b, end + alen, tab).ok()?;
                    cl.end = end as u32;
                    // The ligature ends in an alef, which joins backward only.
                    prev_fwd = false;
                } else {
                    pending = Some((list.len(), u, j & J_DUAL != 0, back));
                }
            } else {
                prev_fwd = j & J_FWD != 0;
            }
        }
        list.push(cl);
        at = end;
    }
    if let Some((k, pu, _, back)) = pending {
        if let Some(c) = list.get_mut(k) {
            give_form(c, pu, back, false);
        }
    }
    let scan = Scan {
        ltr: counts[BidiClass::L as usize] as usize,
        rtl: (counts[BidiClass::R as usize] + counts[BidiClass::AL as usize]) as usize,
        first,
        numbers: counts[BidiClass::EN as usize] + counts[BidiClass::AN as usize] > 0,
        arabic_numbers: counts[BidiClass::AN as usize] > 0,
        explicit: false,
    };
    Some(Clusters { list, simple, scan })
}

/// The direction of a strong class.
#[inline]
fn strong(c: BidiClass) -> Option<Direction> {
    match c {
        BidiClass::L => Some(Direction::Ltr),
        BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
        _ => None,
    }
}

/// Gives the letter `u` (of the Arabic block) at the start of cluster `cl`
/// its form: joined to the letter before (`back`) and after (`fwd`).
#[inline]
fn give_form(cl: &mut Cluster, u: u32, back: bool, fwd: bool) {
    let form = usize::from(back) | usize::from(fwd) << 1;
    let p = ARABIC_FORMS
        .get(u.wrapping_sub(0x0600) as usize)
        .map_or(u, |f| u32::from(f[form]));
    if p != u {
        cl.repl = char::from_u32(p);
        cl.skip = 2;
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
                BASE => {
                    let c = char::from_u32(u as u32).unwrap();
                    assert_ne!(joining(c), Joining::Transparent, "U+{u:04X}");
                    // Every letter with forms is two bytes long (`give_form`).
                    assert!(info.join & J_LETTER == 0 || c.len_utf8() == 2, "U+{u:04X}");
                }
                EXTEND => {
                    let c = char::from_u32(u as u32).unwrap();
                    assert_eq!(joining(c), Joining::Transparent, "U+{u:04X}");
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
