//! Making document text safe to show in a terminal.
//!
//! Policy (applied at load time, so every consumer sees the same text):
//! - CRLF, lone CR, NEL (U+0085), U+2028 and U+2029 become LF.
//! - C0 controls except TAB and LF, DEL and C1 controls (U+0080–U+009F) are
//!   **removed**; TAB becomes four spaces.
//! - Escape sequences are removed as a unit: CSI (`ESC [` … final byte, or
//!   8-bit U+009B), OSC/DCS/SOS/PM/APC strings (`ESC ]`, `ESC P`, `ESC X`,
//!   `ESC ^`, `ESC _` or their C1 forms, up to BEL, `ESC \`, U+009C or the end
//!   of the line), two-character sequences (`ESC c`, `ESC ( B`) and a bare ESC.
//! - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//!   are removed and counted; the loader notes "contains bidirectional
//!   control characters".
//! - A stray BOM (U+FEFF) and tag characters (U+E0000–U+E007F, used to smuggle
//!   hidden ASCII) are removed.
//!
//! Removal (rather than a visible placeholder) keeps widths, search and
//! exports clean; the count of removed characters is reported in the
//! document notes.

/// Sanitised text and what was removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sanitized {
    /// The safe text.
    pub text: String,
    /// Control characters removed (an escape sequence counts once).
    pub controls: usize,
    /// Bidi embedding/override/isolate characters removed.
    pub bidi: usize,
    /// The text is surely in NFC (nothing was removed and the scan found
    /// only characters known to be composed and in canonical order).
    pub surely_nfc: bool,
}

impl Sanitized {
    /// Notes for the document, empty when nothing was removed.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.controls > 0 {
            notes.push(format!(
                "removed {} control characters or escape sequences",
                self.controls
            ));
        }
        if self.bidi > 0 {
            notes.push(format!(
                "contains bidirectional control characters ({} removed)",
                self.bidi
            ));
        }
        notes
    }
}

use super::scan::{is_unsafe, scan};

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
const ST: char = '\u{9c}';

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Normalises line ends and removes control characters, escape sequences
/// and bidi controls.
/// Returns the text unchanged (no copy) when there is nothing to remove.
pub fn sanitize(text: String) -> Sanitized {
    let found = scan(&text);
    let Some(first) = found.first_unsafe else {
        return Sanitized {
            text,
            surely_nfc: found.surely_nfc,
            ..Sanitized::default()
        };
    };
    let mut out = Sanitized {
        text: String::with_capacity(text.len()),
        ..Sanitized::default()
    };
    out.text.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.text.push_str("    "),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.text.push('\n');
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.text.push('\n'),
            ESC => {
                out.controls += 1;
                match chars.peek().copied() {
                    Some('[') => {
                        chars.next();
                        skip_csi(&mut chars);
                    }
                    Some(']' | 'P' | 'X' | '^' | '_') => {
                        chars.next();
                        skip_string(&mut chars);
                    }
                    Some('!'..='/') => {
                        // ESC, intermediates, one final byte (e.g. `ESC ( B`).
                        while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                        chars.next_if(|c| ('0'..='~').contains(c));
                    }
                    Some('0'..='~') => {
                        chars.next();
                    }
                    _ => {}
                }
            }
            '\u{9b}' => {
                out.controls += 1;
                skip_csi(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                out.controls += 1;
                skip_string(&mut chars);
            }
            c if is_bidi_control(c) => out.bidi += 1,
            c if is_unsafe(c) => out.controls += 1,
            c => out.text.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips CSI parameters and intermediates and the final byte. Stops (without
/// consuming) at anything that cannot be part of a CSI sequence.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips a control string up to and including its terminator (BEL, ST,
/// `ESC \`); an unterminated string ends at the end of the line.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' | '\r' => return,
            BEL | ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn clean(s: &str) -> String {
        sanitize(s.to_string()).text
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("نص عادي", "نص عادي"),
            ("a\u{1b}[2Jb", "ab"),
            ("a\u{1b}[31;1mred\u{1b}[0m", "ared"),
            ("x\u{1b}]0;title\u{7}y", "xy"),
            (
                "x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y",
                "xlinky",
            ),
            ("x\u{1b}]52;c;aGk=\u{9c}y", "xy"),
            ("bare \u{1b} esc", "bare  esc"),
            ("end\u{1b}", "end"),
            ("\u{1b}cReset", "Reset"),
            ("\u{1b}(Bok", "ok"),
            ("\u{1b}Pdcs data\u{1b}\\after", "after"),
            ("\u{1b}_apc\u{7}z", "z"),
            ("c1 \u{9b}31mcsi", "c1 csi"),
            ("\u{9d}0;t\u{7}osc", "osc"),
            ("nel\u{85}x\u{80}\u{9f}", "nel\nx"),
            ("a\r\nb\rc\r\n\r\n", "a\nb\nc\n\n"),
            ("ls\u{2028}ps\u{2029}", "ls\nps\n"),
            ("tab\there", "tab    here"),
            ("bell\u{7}del\u{7f}nul\u{0}", "belldelnul"),
            ("unterminated \u{1b}]0;title\nnext", "unterminated \nnext"),
            ("\u{1b}[مرحبا", "مرحبا"),
            ("\u{feff}bom", "bom"),
            ("tag\u{E0041}\u{E007F}s", "tags"),
        ];
        for (input, want) in cases {
            assert_eq!(&clean(input), want, "input {input:?}");
        }
    }

    #[test]
    fn bidi_controls_are_removed_and_counted() {
        let s = sanitize("abc\u{202E}cba\u{202C} \u{2067}x\u{2069}".into());
        assert_eq!(s.text, "abccba x");
        assert_eq!(s.bidi, 4);
        assert_eq!(s.controls, 0);
        assert!(s.notes()[0].starts_with("contains bidirectional control characters"));
    }

    #[test]
    fn counts_sequences_once() {
        let s = sanitize("\u{1b}[2J\u{1b}]0;t\u{7}\u{1b}".into());
        assert_eq!((s.text.as_str(), s.controls), ("", 3));
    }

    #[test]
    fn marks_that_shape_arabic_are_kept() {
        let t = "نيكول\u{200C}باشينيان \u{200F}x\u{200D}";
        assert_eq!(clean(t), t);
    }

    fn assert_safe(out: &str) -> Result<(), TestCaseError> {
        for c in out.chars() {
            prop_assert!(!c.is_control() || c == '\n', "{:?} in {:?}", c, out);
            prop_assert!(!is_bidi_control(c));
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn control_heavy_input_comes_out_safe(
            s in "[\\x00-\\x{A0}\\x{202A}-\\x{2069}\\x{FEFF}a-zء-ي\\[\\]\\\\;0-9]*"
        ) {
            let out = clean(&s);
            assert_safe(&out)?;
            prop_assert_eq!(clean(&out), out);
        }

        #[test]
        fn arbitrary_strings_come_out_safe(s in any::<String>()) {
            let out = clean(&s);
            assert_safe(&out)?;
            prop_assert_eq!(clean(&out), out);
        }
    }
}
