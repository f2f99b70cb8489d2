//! A paragraph as a list of display clusters: grapheme clusters in logical
//! order, already shaped, each with its width in cells.
//!
//! Widths are measured per cluster after shaping. `str::width()` of a whole
//! line is never used: unicode-width counts lam + alef as one column there.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::bidi::{class, Scan};
use super::fast::clusters_fast;
use super::shape::{shape, Shaped};
use unicode_bidi::BidiClass;

/// The cluster is a space where a line may be broken.
pub const BREAK: u8 = 1;
/// The cluster is bidi whitespace (class WS).
pub const WS: u8 = 2;
/// The cluster is a segment separator (tab).
pub const SEG: u8 = 4;

/// One displayed grapheme cluster. Its symbol is `repl` (if any) followed by
/// `text[start + skip..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cluster {
    /// Byte offset of the cluster in the paragraph text.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// Replacement for the first `skip` bytes (a presentation form, a mirrored
    /// bracket, a dotted circle under a lone mark).
    pub repl: Option<char>,
    /// Source bytes replaced by `repl`.
    pub skip: u32,
    /// Width in cells.
    pub width: u8,
    /// [`BREAK`], [`WS`], [`SEG`].
    pub flags: u8,
    /// Bidi class of the first character.
    pub class: BidiClass,
}

impl Cluster {
    /// Appends the cluster's symbol to `out`; `text` is the paragraph the
    /// cluster belongs to.
    #[inline(always)]
    pub fn push_symbol(&self, text: &str, mirror: bool, out: &mut String) {
        let (s, e) = (self.start as usize, self.end as usize);
        if let Some(r) = self.repl {
            out.push(r);
            let rest = s + self.skip as usize;
            if rest < e {
                out.push_str(text.get(rest..e).unwrap_or(""));
            }
        } else if mirror {
            push_mirrored(text.get(s..e).unwrap_or(""), out);
        } else if e == s + 1 {
            // One ASCII character (a space, a digit): no call to memcpy.
            out.push(char::from(text.as_bytes().get(s).copied().unwrap_or(b' ')));
        } else {
            out.push_str(text.get(s..e).unwrap_or(""));
        }
    }
}

/// Appends `g` with its first character mirrored (L4).
#[inline(never)]
fn push_mirrored(g: &str, out: &mut String) {
    let mut chars = g.chars();
    if let Some(c) = chars.next() {
        out.push(unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c));
        out.push_str(chars.as_str());
    }
}

/// Characters never drawn: controls and bidi formatting characters (they
/// have no width; the layout already applied their effect).
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{0008}' | '\u{000A}'..='\u{001F}' | '\u{007F}'..='\u{009F}'
        | '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Flag of [`SIMPLE`]: a base character whose grapheme cluster is itself
/// plus any following extenders, one cell wide. Prepend characters,
/// controls, Hangul, emoji and the like are excluded: they take the general
/// path.
pub(super) const BASE: u8 = 1;
/// Flag of [`SIMPLE`]: a mark or joiner that extends a base (grapheme Extend,
/// bidi NSM or BN, width 0).
pub(super) const EXTEND: u8 = 2;

/// [`BASE`] and [`EXTEND`] flags of U+0000–U+06FF.
pub(super) static SIMPLE: [u8; 0x700] = {
    let mut t = [0u8; 0x700];
    let mut u = 0;
    while u < 0x700 {
        t[u] = match u as u32 {
            0x20..=0x7E | 0xA0..=0xA8 | 0xAA..=0xAC | 0xAF..=0x2FF => BASE,
            0x060C..=0x060F | 0x061B | 0x061D..=0x064A | 0x0660..=0x066F => BASE,
            0x0671..=0x06D5 | 0x06E5 | 0x06E6 | 0x06EE..=0x06FF => BASE,
            0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 => EXTEND,
            0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED => EXTEND,
            _ => 0,
        };
        u += 1;
    }
    t
};

/// Whether `c` is a simple base (see [`BASE`]).
#[inline]
fn simple_base(c: char) -> bool {
    match c as u32 {
        u @ 0..=0x6FF => SIMPLE[u as usize] & BASE != 0,
        0x2010..=0x2027 | 0x2030..=0x203B => true,
        _ => false,
    }
}

/// Whether `c` extends a simple base (see [`EXTEND`]).
#[inline]
fn simple_extend(c: char) -> bool {
    match c as u32 {
        u @ 0..=0x6FF => SIMPLE[u as usize] & EXTEND != 0,
        0x200C | 0x200D => true,
        _ => false,
    }
}

/// The character at byte `at` of `text` (a char boundary), decoded directly
/// for the one- and two-byte cases that make up Arabic and Latin text.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let b = text.as_bytes();
    let b0 = *b.get(at)?;
    if b0 < 0x80 {
        return Some(b0 as char);
    }
    if b0 & 0xE0 == 0xC0 {
        if let Some(&b1) = b.get(at + 1) {
            return char::from_u32((u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F));
        }
    }
    text.get(at..)?.chars().next()
}

/// End of the grapheme cluster starting at `at`; whether it is a simple one
/// (a base followed only by marks and joiners); whether it was found by the
/// fast path (a [`simple_base`] and [`simple_extend`]s: one cell wide).
fn cluster_end(text: &str, at: usize) -> (usize, bool, bool) {
    if let Some(c) = char_at(text, at).filter(|&c| simple_base(c)) {
        let mut end = at + c.len_utf8();
        loop {
            match char_at(text, end) {
                None => return (end, true, true),
                Some(n) if simple_extend(n) => end += n.len_utf8(),
                Some(n) if simple_base(n) => return (end, true, true),
                Some(_) => break,
            }
        }
    }
    let rest = &text[at..];
    let g = rest.graphemes(true).next().unwrap_or(rest);
    let mut chars = g.chars();
    let first = chars.next().map(class);
    let simple = !matches!(first, Some(BidiClass::B | BidiClass::BN | BidiClass::NSM))
        && chars.all(|c| matches!(class(c), BidiClass::NSM | BidiClass::BN));
    (at + g.len().max(1), simple, false)
}

/// A paragraph split into clusters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// The clusters, in logical order.
    pub list: Vec<Cluster>,
    /// Every cluster is a base plus marks or joiners and nothing that affects
    /// bidi was dropped, so one bidi class per cluster describes the text.
    pub simple: bool,
    /// Strong letters and numbers counted on the clusters' base characters
    /// (the whole story when `simple`).
    pub scan: Scan,
}

/// Splits a paragraph into clusters. With `shaping`, Arabic letters get their
/// presentation forms and lam + alef becomes one cluster (one cell).
pub fn clusters(text: &str, shaping: bool) -> Clusters {
    clusters_fast(text, shaping).unwrap_or_else(|| clusters_general(text, shaping))
}

/// [`clusters`] without the one-pass path for common characters
/// ([`clusters_fast`]): any text, grapheme by grapheme.
pub fn clusters_general(text: &str, shaping: bool) -> Clusters {
    let mut shaped: Vec<Shaped> = Vec::new();
    if shaping {
        shape(text, |s| shaped.push(s));
    }
    let mut next_shape = shaped.iter().peekable();
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 2);
    let mut all_simple = true;
    let mut scan = Scan::default();
    let mut at = 0;
    while at < text.len() {
        let (end, simple, fast) = cluster_end(text, at);
        let g = &text[at..end];
        let start = at;
        at = end;
        let first = char_at(text, start).unwrap_or(' ');
        let cls = class(first);
        // W4 wants a *single* separator between numbers: a mark after one
        // makes two, which one class per cluster cannot express.
        let marked_separator =
            matches!(cls, BidiClass::ES | BidiClass::CS) && g.len() > first.len_utf8();
        all_simple &= simple && !marked_separator;
        scan.add(cls);
        let mut c = Cluster {
            start: start as u32,
            end: end as u32,
            repl: None,
            skip: 0,
            width: 1,
            flags: 0,
            class: cls,
        };
        while let Some(s) = next_shape.next_if(|s| s.at < end) {
            if s.at == start {
                c.repl = Some(s.with);
                c.skip = s.len as u32;
                if let Some(lig_end) = Some(start + s.len).filter(|&e| e > end) {
                    // Lam-alef: the alef's cluster (with its marks) joins this one.
                    let (alef_end, simple, _) = cluster_end(text, end);
                    scan.add(class(char_at(text, end).unwrap_or(' ')));
                    all_simple &= simple && lig_end <= alef_end;
                    c.end = alef_end as u32;
                    at = alef_end;
                }
            }
        }
        if first == ' ' {
            c.flags = BREAK | WS;
            out.push(c);
            continue;
        }
        if fast {
            out.push(c);
            continue;
        }
        if first.is_whitespace()
            && (first < ' ' || matches!(first, '\u{85}' | '\u{2028}' | '\u{2029}'))
        {
            // Tabs and stray line breaks are shown as one space.
            c.repl = Some(' ');
            c.skip = g.len() as u32;
            c.flags = BREAK | if first == '\t' { SEG } else { WS };
            out.push(c);
            continue;
        }
        if invisible(first) {
            all_simple &= cls == BidiClass::BN;
            continue;
        }
        c.width = g.width().min(u8::MAX as usize) as u8;
        if c.width == 0 {
            if !g
                .chars()
                .any(unicode_normalization::char::is_combining_mark)
            {
                all_simple &= cls == BidiClass::BN;
                continue;
            }
            // A mark with no base (paragraph start): shown on a dotted circle.
            c.repl = Some('\u{25CC}');
            c.skip = 0;
            c.width = 1;
        }
        if first.is_whitespace() && !matches!(first, '\u{00A0}' | '\u{2007}' | '\u{202F}') {
            c.flags |= BREAK;
        }
        match cls {
            BidiClass::WS => c.flags |= WS,
            BidiClass::S => c.flags |= SEG,
            _ => {}
        }
        out.push(c);
    }
    Clusters {
        list: out,
        simple: all_simple,
        scan,
    }
}
