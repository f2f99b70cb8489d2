//! A paragraph as a list of display clusters: grapheme clusters in logical
//! order, already shaped, each with its width in cells.
//!
//! Widths are measured per cluster after shaping. `str::width()` of a whole
//! line is never used: unicode-width counts lam + alef as one column there.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::bidi::class;
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
}

impl Cluster {
    /// Appends the cluster's symbol to `out`.
    pub fn push_symbol(&self, text: &str, mirror: bool, out: &mut String) {
        let (s, e) = (self.start as usize, self.end as usize);
        let src = &text[s..e];
        match self.repl {
            Some(r) => {
                out.push(r);
                out.push_str(src.get(self.skip as usize..).unwrap_or(""));
            }
            None => {
                let mut chars = src.chars();
                match chars.next() {
                    Some(c) if mirror => {
                        out.push(unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c));
                        out.push_str(chars.as_str());
                    }
                    _ => out.push_str(src),
                }
            }
        }
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

/// Splits a paragraph into clusters. With `shaping`, Arabic letters get their
/// presentation forms and lam + alef becomes one cluster (one cell).
pub fn clusters(text: &str, shaping: bool) -> Vec<Cluster> {
    let mut shaped: Vec<Shaped> = Vec::new();
    if shaping {
        shape(text, |s| shaped.push(s));
    }
    let mut next_shape = shaped.iter().peekable();
    let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 2);
    // End of the bytes swallowed by a lam-alef ligature in the last cluster.
    let mut ligature_end = 0usize;
    for (at, g) in text.grapheme_indices(true) {
        let end = at + g.len();
        if at < ligature_end {
            // The alef of a lam-alef ligature: its marks join the ligature cell.
            if let Some(last) = out.last_mut() {
                last.end = end as u32;
            }
            continue;
        }
        let first = g.chars().next().unwrap_or(' ');
        if first.is_whitespace()
            && (first < ' ' || matches!(first, '\u{85}' | '\u{2028}' | '\u{2029}'))
        {
            // Tabs and stray line breaks are shown as one space.
            out.push(Cluster {
                start: at as u32,
                end: end as u32,
                repl: Some(' '),
                skip: g.len() as u32,
                width: 1,
                flags: BREAK | if first == '\t' { SEG } else { WS },
            });
            continue;
        }
        if invisible(first) {
            continue;
        }
        let mut c = Cluster {
            start: at as u32,
            end: end as u32,
            repl: None,
            skip: 0,
            width: 0,
            flags: 0,
        };
        while let Some(s) = next_shape.next_if(|s| s.at < end) {
            if s.at == at {
                c.repl = Some(s.with);
                c.skip = s.len as u32;
                if at + s.len > end {
                    ligature_end = at + s.len;
                }
            }
        }
        c.width = if g.len() == 1 {
            1
        } else {
            g.width().min(u8::MAX as usize) as u8
        };
        if c.width == 0 {
            if !g
                .chars()
                .any(unicode_normalization::char::is_combining_mark)
            {
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
        match class(first) {
            BidiClass::WS => c.flags |= WS,
            BidiClass::S => c.flags |= SEG,
            _ => {}
        }
        out.push(c);
    }
    out
}
