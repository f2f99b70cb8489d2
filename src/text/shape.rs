//! Arabic shaping to presentation forms, from Unicode's joining data.
//!
//! Terminals that do not shape show every Arabic letter in its isolated form;
//! replacing letters by their contextual presentation forms (Forms-B, and
//! Forms-A for Persian/Urdu letters) makes the text read joined everywhere.
//! Lam followed directly by an alef becomes one of the lam-alef ligatures
//! U+FEF5–U+FEFC (one cell). The Allah ligature U+FDF2 is never produced.
//!
//! The shaper is table driven and works on logical text, so it never panics:
//! unknown characters simply do not join.

use unicode_normalization::char::is_combining_mark;

/// Unicode joining type (ArabicShaping.txt), reduced to what shaping needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// Joins on both sides (beh, lam, ...).
    Dual,
    /// Joins only to the preceding letter (alef, dal, reh, waw, ...).
    Right,
    /// Forces joining on both sides (tatweel, ZWJ).
    Causing,
    /// Does not join (hamza, ZWNJ, spaces, Latin, digits).
    NonJoining,
    /// Skipped when looking for neighbours (harakat and other marks).
    Transparent,
}

/// The contextual form of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Joined on neither side.
    Isolated = 0,
    /// Joined to the preceding letter only.
    Final,
    /// Joined to the following letter only.
    Initial,
    /// Joined on both sides.
    Medial,
}

/// Joining types of U+0600–U+06FF, looked up in [`joining`].
static ARABIC_JOINING: [Joining; 256] = {
    let mut t = [Joining::NonJoining; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = joining_arabic(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// Joining type of a code point of the Arabic block (ArabicShaping.txt;
/// marks of the block are transparent).
const fn joining_arabic(u: u32) -> Joining {
    use Joining::*;
    match u {
        0x0621 => NonJoining,
        0x0622..=0x0625 | 0x0627 | 0x0629 | 0x062F..=0x0632 | 0x0648 => Right,
        0x0626 | 0x0628 | 0x062A..=0x062E | 0x0633..=0x063F | 0x0641..=0x0647 => Dual,
        0x0649 | 0x064A | 0x066E | 0x066F | 0x0678..=0x0687 => Dual,
        0x0640 => Causing,
        0x0671..=0x0673 | 0x0675..=0x0677 | 0x0688..=0x0699 => Right,
        0x069A..=0x06BF | 0x06C1 | 0x06C2 | 0x06CC | 0x06CE | 0x06D0 | 0x06D1 => Dual,
        0x06C0 | 0x06C3..=0x06CB | 0x06CD | 0x06CF | 0x06D2 | 0x06D3 | 0x06D5 => Right,
        0x06EE | 0x06EF => Right,
        0x06FA..=0x06FC | 0x06FF => Dual,
        0x0610..=0x061A | 0x061C | 0x064B..=0x065F | 0x0670 => Transparent,
        0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED => Transparent,
        _ => NonJoining,
    }
}

/// Joining type of `c`.
pub fn joining(c: char) -> Joining {
    use Joining::*;
    let u = c as u32;
    match u {
        0..=0x02FF => NonJoining,
        0x0600..=0x06FF => ARABIC_JOINING[(u - 0x0600) as usize],
        0x0759..=0x075B | 0x076B | 0x076C | 0x0771 | 0x0773 | 0x0774 | 0x0778 | 0x0779 => Right,
        0x0750..=0x077F => Dual,
        0x200D => Causing,
        0x200C => NonJoining,
        // Format characters (bidi marks, isolates) do not break joining.
        0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF => Transparent,
        _ if is_combining_mark(c) => Transparent,
        _ => NonJoining,
    }
}

/// Presentation forms (isolated, final, initial, medial) of a letter; 0 where
/// Unicode has no such form.
const fn forms(u: u32) -> Option<[u32; 4]> {
    let f = match u {
        0x0621 => [0xFE80, 0, 0, 0],
        0x0622 => [0xFE81, 0xFE82, 0, 0],
        0x0623 => [0xFE83, 0xFE84, 0, 0],
        0x0624 => [0xFE85, 0xFE86, 0, 0],
        0x0625 => [0xFE87, 0xFE88, 0, 0],
        0x0626 => [0xFE89, 0xFE8A, 0xFE8B, 0xFE8C],
        0x0627 => [0xFE8D, 0xFE8E, 0, 0],
        0x0628 => [0xFE8F, 0xFE90, 0xFE91, 0xFE92],
        0x0629 => [0xFE93, 0xFE94, 0, 0],
        0x062A..=0x062E => {
            let b = 0xFE95 + 4 * (u - 0x062A);
            [b, b + 1, b + 2, b + 3]
        }
        0x062F => [0xFEA9, 0xFEAA, 0, 0],
        0x0630 => [0xFEAB, 0xFEAC, 0, 0],
        0x0631 => [0xFEAD, 0xFEAE, 0, 0],
        0x0632 => [0xFEAF, 0xFEB0, 0, 0],
        0x0633..=0x063A => {
            let b = 0xFEB1 + 4 * (u - 0x0633);
            [b, b + 1, b + 2, b + 3]
        }
        0x0641..=0x0647 => {
            let b = 0xFED1 + 4 * (u - 0x0641);
            [b, b + 1, b + 2, b + 3]
        }
        0x0648 => [0xFEED, 0xFEEE, 0, 0],
        0x0649 => [0xFEEF, 0xFEF0, 0xFBE8, 0xFBE9],
        0x064A => [0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4],
        0x0671 => [0xFB50, 0xFB51, 0, 0],
        0x0679 => [0xFB66, 0xFB67, 0xFB68, 0xFB69],
        0x067E => [0xFB56, 0xFB57, 0xFB58, 0xFB59],
        0x0686 => [0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D],
        0x0688 => [0xFB88, 0xFB89, 0, 0],
        0x0691 => [0xFB8C, 0xFB8D, 0, 0],
        0x0698 => [0xFB8A, 0xFB8B, 0, 0],
        0x06A4 => [0xFB6A, 0xFB6B, 0xFB6C, 0xFB6D],
        0x06A9 => [0xFB8E, 0xFB8F, 0xFB90, 0xFB91],
        0x06AD => [0xFBD3, 0xFBD4, 0xFBD5, 0xFBD6],
        0x06AF => [0xFB92, 0xFB93, 0xFB94, 0xFB95],
        0x06BA => [0xFB9E, 0xFB9F, 0, 0],
        0x06BE => [0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD],
        0x06C0 => [0xFBA4, 0xFBA5, 0, 0],
        0x06C1 => [0xFBA6, 0xFBA7, 0xFBA8, 0xFBA9],
        0x06CC => [0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF],
        0x06D2 => [0xFBAE, 0xFBAF, 0, 0],
        0x06D3 => [0xFBB0, 0xFBB1, 0, 0],
        _ => return None,
    };
    Some(f)
}

/// The form `i` (isolated, final, initial, medial) of a letter with the
/// presentation forms `f`, falling back to one that exists (medial → final,
/// initial → isolated); 0 when there is none.
const fn pick(f: [u32; 4], i: usize) -> u32 {
    let order: [usize; 3] = match i {
        0 => [0, 0, 0],
        1 => [1, 0, 0],
        2 => [2, 0, 0],
        _ => [3, 1, 0],
    };
    let mut k = 0;
    while k < 3 {
        if f[order[k]] != 0 {
            return f[order[k]];
        }
        k += 1;
    }
    0
}

/// Resolved forms of U+0600–U+06FF (the letters of most Arabic text): the
/// code point to show for each [`Form`], the letter itself when it has none
/// (every presentation form is in the BMP).
pub(super) static ARABIC_FORMS: [[u16; 4]; 256] = {
    let mut t = [[0; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let u = 0x0600 + i as u32;
        let f = match forms(u) {
            Some(f) => f,
            None => [0; 4],
        };
        let mut k = 0;
        while k < 4 {
            t[i][k] = match pick(f, k) {
                0 => u as u16,
                p => p as u16,
            };
            k += 1;
        }
        i += 1;
    }
    t
};

/// The presentation form of `c` in `form`, falling back to a form that
/// exists (medial → final, initial → isolated), or `c` itself.
#[inline]
pub fn presentation(c: char, form: Form) -> char {
    let u = c as u32;
    let i = form as usize;
    let p = if (0x0600..0x0700).contains(&u) {
        u32::from(ARABIC_FORMS[(u - 0x0600) as usize][i])
    } else {
        match forms(u) {
            Some(f) => pick(f, i),
            None => 0,
        }
    };
    char::from_u32(p).filter(|_| p != 0).unwrap_or(c)
}

/// The lam-alef ligature for lam followed by `alef`, if `alef` is one of the
/// four alef forms; `joined` tells whether the lam joins the letter before.
pub fn lam_alef(alef: char, joined: bool) -> Option<char> {
    let iso = match alef {
        '\u{0622}' => 0xFEF5,
        '\u{0623}' => 0xFEF7,
        '\u{0625}' => 0xFEF9,
        '\u{0627}' => 0xFEFB,
        _ => return None,
    };
    char::from_u32(if joined { iso + 1 } else { iso })
}

/// Whether `j` connects to a following letter.
fn joins_forward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Causing)
}

/// Whether `j` connects to a preceding letter.
fn joins_backward(j: Joining) -> bool {
    matches!(j, Joining::Dual | Joining::Right | Joining::Causing)
}

/// One change made by [`shape`]: the character at byte `at` is shown as
/// `with`; `len` bytes of the source are covered (more than the character
/// itself for a lam-alef ligature, which swallows the alef).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shaped {
    /// Byte offset of the replaced character.
    pub at: usize,
    /// Number of source bytes the replacement stands for.
    pub len: usize,
    /// The presentation form.
    pub with: char,
}

/// The shaped form of letter `c` at `at`, given whether it joins the letter
/// before and the joining type of the next non-transparent character.
fn shaped(at: usize, c: char, j: Joining, back: bool, next: Joining) -> Option<Shaped> {
    let fwd = j == Joining::Dual && joins_backward(next);
    let form = match (back, fwd) {
        (false, false) => Form::Isolated,
        (true, false) => Form::Final,
        (false, true) => Form::Initial,
        (true, true) => Form::Medial,
    };
    let with = presentation(c, form);
    (with != c).then_some(Shaped {
        at,
        len: c.len_utf8(),
        with,
    })
}

/// Shapes `text` (logical order). Calls `out` for every letter whose shown
/// form differs from the source, in logical order.
pub fn shape(text: &str, mut out: impl FnMut(Shaped)) {
    // `prev`: joining type of the last non-transparent character.
    let mut prev = Joining::NonJoining;
    // A letter whose form waits for the next non-transparent character:
    // (offset, letter, joins the letter before).
    let mut pending: Option<(usize, char, Joining, bool)> = None;
    let mut it = text.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        let j = joining(c);
        if j == Joining::Transparent {
            continue;
        }
        if let Some((pat, pc, pj, back)) = pending.take() {
            if let Some(s) = shaped(pat, pc, pj, back, j) {
                out(s);
            }
        }
        if !matches!(j, Joining::Dual | Joining::Right) {
            prev = j;
            continue;
        }
        let back = joins_forward(prev) && joins_backward(j);
        if c == '\u{0644}' {
            if let Some((a, lig)) = it.peek().and_then(|&(_, a)| Some((a, lam_alef(a, back)?))) {
                it.next();
                out(Shaped {
                    at,
                    len: c.len_utf8() + a.len_utf8(),
                    with: lig,
                });
                // The ligature ends in an alef, which joins backward only.
                prev = Joining::Right;
                continue;
            }
        }
        pending = Some((at, c, j, back));
        prev = j;
    }
    if let Some(s) =
        pending.and_then(|(at, c, j, back)| shaped(at, c, j, back, Joining::NonJoining))
    {
        out(s);
    }
}

/// Shapes `text` into a new string (for tests and tools).
pub fn shape_str(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + text.len() / 2);
    let mut last = 0;
    shape(text, |r| {
        s.push_str(&text[last..r.at]);
        s.push(r.with);
        last = r.at + r.len;
    });
    s.push_str(&text[last..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn joining_forms_table() {
        let table: [(&str, &[u32]); 8] = [
            // beh initial, yeh medial, teh final.
            ("بيت", &[0xFE91, 0xFEF4, 0xFE96]),
            // dal does not join forward: the letter after it is initial.
            ("درس", &[0xFEA9, 0xFEAD, 0xFEB1]),
            // lam-alef: isolated ligature, then final ligature after a joiner.
            ("لا", &[0xFEFB]),
            ("سلام", &[0xFEB3, 0xFEFC, 0xFEE1]),
            ("لأن", &[0xFEF7, 0xFEE5]),
            // A haraka between lam and alef prevents the ligature.
            ("لَا", &[0xFEDF, 0x064E, 0xFE8E]),
            // Tatweel joins on both sides; ZWNJ breaks joining.
            ("بـب\u{200C}ب", &[0xFE91, 0x0640, 0xFE90, 0x200C, 0xFE8F]),
            // Persian letters use Forms-A; no Allah ligature.
            (
                "پگ الله",
                &[0xFB58, 0xFB93, 0x20, 0xFE8D, 0xFEDF, 0xFEE0, 0xFEEA],
            ),
        ];
        for (input, want) in table {
            assert_eq!(cps(&shape_str(input)), want.to_vec(), "{input}");
        }
    }

    #[test]
    fn zwj_before_lam_alef_does_not_break_anything() {
        // ar-reshaper panics on these.
        assert_eq!(cps(&shape_str("ب\u{200D}لا")), [0xFE91, 0x200D, 0xFEFC]);
        assert_eq!(cps(&shape_str("\u{200D}لا")), [0x200D, 0xFEFC]);
        assert_eq!(cps(&shape_str("\u{064E}")), [0x064E]);
    }
}
