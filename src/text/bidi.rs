//! Bidi levels and per-line reordering (UAX #9).
//!
//! Levels are resolved once per paragraph (rules P–I, by unicode-bidi, or by a
//! fast path when the answer is known without running the algorithm); lines
//! are then reordered one by one (L1, L2) at the level of grapheme clusters,
//! which keeps harakat on their letters (L3). Mirroring (L4) is done when the
//! cells are emitted.

use unicode_bidi::{bidi_class, BidiClass, Level, ParagraphBidiInfo};

use super::cluster::Clusters;
use super::layout::Direction;
use super::resolve::resolve_simple;

/// Bidi class of `c`, with shortcuts for ASCII and the Arabic block (the
/// general lookup is a binary search).
#[inline]
pub fn class(c: char) -> BidiClass {
    let u = c as u32;
    if u < 0x80 {
        ASCII_CLASSES[u as usize]
    } else if (0x0600..0x0700).contains(&u) {
        arabic_classes()[(u - 0x0600) as usize]
    } else {
        bidi_class(c)
    }
}

/// Bidi classes of ASCII (UnicodeData.txt).
static ASCII_CLASSES: [BidiClass; 128] = {
    use BidiClass::*;
    let mut t = [ON; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = match i as u8 {
            0x09 | 0x0B | 0x1F => S,
            0x0A | 0x0D | 0x1C..=0x1E => B,
            0x0C | b' ' => WS,
            0x00..=0x1B | 0x7F => BN,
            b'#'..=b'%' => ET,
            b'+' | b'-' => ES,
            b',' | b'.' | b'/' | b':' => CS,
            b'0'..=b'9' => EN,
            b'A'..=b'Z' | b'a'..=b'z' => L,
            _ => ON,
        };
        i += 1;
    }
    t
};

/// Bidi classes of the Arabic block, looked up once.
fn arabic_classes() -> &'static [BidiClass; 256] {
    static TABLE: std::sync::OnceLock<[BidiClass; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [BidiClass::AL; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            *slot = char::from_u32(0x0600 + i as u32).map_or(BidiClass::AL, bidi_class);
        }
        t
    })
}

/// What a paragraph contains, as far as direction is concerned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    /// Strong left-to-right characters.
    pub ltr: usize,
    /// Strong right-to-left characters (R and AL).
    pub rtl: usize,
    /// Direction of the first strong character.
    pub first: Option<Direction>,
    /// European or Arabic numbers (EN, AN).
    pub numbers: bool,
    /// Arabic numbers (AN).
    pub arabic_numbers: bool,
    /// Explicit embeddings, overrides or isolates.
    pub explicit: bool,
}

impl Scan {
    /// Counts the strong characters of `text`.
    pub fn of(text: &str) -> Scan {
        let mut s = Scan::default();
        for c in text.chars() {
            s.add(class(c));
        }
        s
    }

    /// Counts one character of class `c`.
    #[inline]
    pub fn add(&mut self, c: BidiClass) {
        use BidiClass::*;
        match c {
            L => {
                self.ltr += 1;
                self.first.get_or_insert(Direction::Ltr);
            }
            R | AL => {
                self.rtl += 1;
                self.first.get_or_insert(Direction::Rtl);
            }
            EN => self.numbers = true,
            AN => {
                self.numbers = true;
                self.arabic_numbers = true;
            }
            LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI => self.explicit = true,
            _ => {}
        }
    }

    /// The dominant direction: the one with more strong letters; a tie goes
    /// to the first strong letter; no strong letter at all means LTR.
    pub fn dominant(&self) -> Direction {
        if self.rtl > self.ltr {
            Direction::Rtl
        } else if self.ltr > self.rtl {
            Direction::Ltr
        } else {
            self.first.unwrap_or(Direction::Ltr)
        }
    }
}

/// The dominant direction of a paragraph's strong letters ("MiG-29" at the
/// start of an Arabic paragraph does not make it left to right).
pub fn paragraph_direction(text: &str) -> Direction {
    Scan::of(text).dominant()
}

impl Scan {
    /// Whether neither direction clearly dominates: the larger one has at
    /// most 60 % of the strong letters (an Arabic date line with an English
    /// month and time zone).
    pub fn near_tie(&self) -> bool {
        let (most, all) = (self.ltr.max(self.rtl), self.ltr + self.rtl);
        all > 0 && most * 5 <= all * 3
    }

    /// [`Scan::dominant`], except that a near tie goes to the document's
    /// direction `doc` when there is one.
    pub fn dominant_in(&self, doc: Option<Direction>) -> Direction {
        match doc {
            Some(d) if self.near_tie() => d,
            _ => self.dominant(),
        }
    }
}

/// How much of a document [`document_direction`] reads.
const DOC_PREFIX: usize = 64 * 1024;

/// The dominant direction of a document's strong letters (of its first
/// 64 KB, which settles any article), `None` without strong letters.
pub fn document_direction(text: &str) -> Option<Direction> {
    let mut end = text.len().min(DOC_PREFIX);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let scan = Scan::of(&text[..end]);
    (scan.ltr + scan.rtl > 0).then(|| scan.dominant())
}

/// Resolved embedding levels of a paragraph's clusters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Levels {
    /// Every cluster has this level.
    Uniform(u8),
    /// One level per cluster.
    PerCluster(Vec<u8>),
}

impl Levels {
    /// Level of cluster `i`.
    pub fn at(&self, i: usize) -> u8 {
        match self {
            Levels::Uniform(l) => *l,
            Levels::PerCluster(v) => v.get(i).copied().unwrap_or(0),
        }
    }
}

/// Resolves the levels of one paragraph `text`, split into `cl`, with base
/// direction `dir`.
pub fn resolve(text: &str, cl: &Clusters, scan: &Scan, dir: Direction) -> Levels {
    let uniform = match dir {
        // Only RTL letters and neutrals: everything resolves to level 1.
        Direction::Rtl => scan.ltr == 0 && !scan.numbers && !scan.explicit,
        // No RTL letters and no Arabic numbers: European numbers become L (W7).
        Direction::Ltr => scan.rtl == 0 && !scan.arabic_numbers && !scan.explicit,
    };
    let rtl = dir == Direction::Rtl;
    if uniform {
        return Levels::Uniform(u8::from(rtl));
    }
    if cl.simple && !scan.explicit {
        let mut classes: Vec<BidiClass> = cl.list.iter().map(|c| c.class).collect();
        let base = |i: usize| {
            text[cl.list[i].start as usize..]
                .chars()
                .next()
                .unwrap_or(' ')
        };
        return Levels::PerCluster(resolve_simple(&mut classes, base, rtl));
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(text, Some(level));
    Levels::PerCluster(
        cl.list
            .iter()
            .map(|c| info.levels[c.start as usize].number())
            .collect(),
    )
}

/// L1 for one line: segment separators, and whitespace before them, go back
/// to the paragraph level. (Trailing whitespace was trimmed by the wrapper.)
/// `seg[i]` tells whether item `i` is a segment separator, `ws[i]` whether
/// it is whitespace.
pub fn reset_whitespace(
    levels: &mut [u8],
    base: u8,
    seg: impl Fn(usize) -> bool,
    ws: impl Fn(usize) -> bool,
) {
    let mut reset = true;
    for i in (0..levels.len()).rev() {
        if seg(i) {
            levels[i] = base;
            reset = true;
        } else if ws(i) {
            if reset {
                levels[i] = base;
            }
        } else {
            reset = false;
        }
    }
}

/// L2: the visual order of a line's items, as indices into `levels`
/// (left to right on screen).
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order = Vec::new();
    visual_order_into(levels, &mut order);
    order
}

/// [`visual_order`] into a reused buffer.
pub fn visual_order_into(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..levels.len());
    let (Some(&max), Some(&min)) = (levels.iter().max(), levels.iter().min()) else {
        return;
    };
    if max == min {
        if max % 2 == 1 {
            order.reverse();
        }
        return;
    }
    let lowest_odd = if min % 2 == 1 { min } else { min + 1 };
    let mut lvl = max;
    while lvl >= lowest_odd {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= lvl {
                let start = i;
                while i < order.len() && levels[order[i]] >= lvl {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        if lvl == 0 {
            break;
        }
        lvl -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_tables_agree_with_unicode_bidi() {
        for u in (0..0x80).chain(0x0600..0x0700) {
            let c = char::from_u32(u).unwrap();
            assert_eq!(class(c), bidi_class(c), "U+{u:04X}");
        }
    }

    #[test]
    fn dominant_direction_is_not_first_strong() {
        assert_eq!(paragraph_direction("MiG-29 طائرة مقاتلة"), Direction::Rtl);
        assert_eq!(paragraph_direction("Hello (CSTO) في"), Direction::Ltr);
        assert_eq!(paragraph_direction("2010"), Direction::Ltr);
        // A tie goes to the first strong letter.
        assert_eq!(paragraph_direction("ab بت"), Direction::Ltr);
        assert_eq!(paragraph_direction("بت ab"), Direction::Rtl);
    }

    #[test]
    fn near_ties_follow_the_document() {
        let date = Scan::of("تاريخ النشر: 19th, September 2023 GMT");
        // 14 Latin letters against 10 Arabic ones: LTR on its own ...
        assert_eq!(date.dominant(), Direction::Ltr);
        assert!(date.near_tie());
        // ... right to left in an Arabic document, unchanged in an English one.
        assert_eq!(date.dominant_in(Some(Direction::Rtl)), Direction::Rtl);
        assert_eq!(date.dominant_in(Some(Direction::Ltr)), Direction::Ltr);
        assert_eq!(date.dominant_in(None), Direction::Ltr);
        // A clear majority keeps its direction whatever the document.
        let mig = Scan::of("MiG-29 طائرة مقاتلة");
        assert_eq!(mig.dominant_in(Some(Direction::Ltr)), Direction::Rtl);
        let csto = Scan::of("Hello (CSTO) في");
        assert_eq!(csto.dominant_in(Some(Direction::Rtl)), Direction::Ltr);
        assert!(!Scan::of("2010").near_tie());
        assert_eq!(
            document_direction("عنوان\nتاريخ النشر: 19th, September 2023 GMT"),
            Some(Direction::Rtl)
        );
        assert_eq!(document_direction("2010 ..."), None);
    }

    #[test]
    fn l2_reverses_from_the_highest_level() {
        assert_eq!(visual_order(&[0, 0, 1, 1, 0]), [0, 1, 3, 2, 4]);
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[1, 1, 1]), [2, 1, 0]);
        assert_eq!(visual_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn fast_paths_agree_with_unicode_bidi() {
        for (text, dir) in [
            ("مرحبا بكم (هنا) «نعم»!", Direction::Rtl),
            ("plain English, 2010 (yes).", Direction::Ltr),
        ] {
            let scan = Scan::of(text);
            let level = if dir == Direction::Rtl {
                Level::rtl()
            } else {
                Level::ltr()
            };
            let full = ParagraphBidiInfo::new(text, Some(level));
            let cl = super::super::cluster::clusters(text, false);
            let fast = resolve(text, &cl, &scan, dir);
            assert!(matches!(fast, Levels::Uniform(_)));
            for (i, c) in cl.list.iter().enumerate() {
                let level = full.levels[c.start as usize].number();
                assert_eq!(fast.at(i), level, "{text} at {i}");
            }
        }
    }

    #[test]
    fn whitespace_before_a_tab_goes_to_the_paragraph_level() {
        let mut lv = [1, 2, 2, 2, 1];
        reset_whitespace(&mut lv, 1, |i| i == 3, |i| i == 2);
        assert_eq!(lv, [1, 2, 1, 1, 1]);
    }
}
