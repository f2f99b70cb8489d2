//! Turning the bytes of a file into text: BOM sniffing, a strict UTF-8 fast
//! path, UTF-16, legacy Arabic encodings guessed with chardetng, binary
//! detection. Newlines are normalised by the sanitiser; [`nfc`] runs after it.

use std::borrow::Cow;

use super::scan::scan;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text decoded from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as decoded: not yet sanitised or normalised.
    pub text: String,
    /// Notes for the user (encoding used when not UTF-8, replaced bytes).
    pub notes: Vec<String>,
}

/// How many leading bytes are inspected for the binary test.
const SNIFF_LEN: usize = 8192;

/// Decodes the bytes of a file, or says why they are not text.
///
/// Takes a slice so that the loader can reuse one read buffer per thread;
/// see [`decode_cow`] for the version that does not copy valid UTF-8.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let mut notes = Vec::new();
    let text = decode_raw(bytes, &mut notes)?.into_owned();
    Ok(Decoded { text, notes })
}

/// Like [`decode`], but valid UTF-8 (the usual case, checked with simdutf8)
/// is borrowed from `bytes` instead of copied: the loader then makes the
/// one copy it keeps. Returns the text and the notes.
pub fn decode_cow(bytes: &[u8]) -> Result<(Cow<'_, str>, Vec<String>), String> {
    let mut notes = Vec::new();
    let text = decode_raw(bytes, &mut notes)?;
    Ok((text, notes))
}

fn decode_raw<'a>(bytes: &'a [u8], notes: &mut Vec<String>) -> Result<Cow<'a, str>, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if enc == UTF_8 {
            return match strict_utf8(rest) {
                Some(t) => Ok(Cow::Borrowed(t)),
                None => decode_with(UTF_8, rest, notes).map(Cow::Owned),
            };
        }
        let text = decode_with(enc, rest, notes)?;
        notes.push(format!("decoded as {}", enc.name()));
        return Ok(Cow::Owned(text));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let text = decode_with(enc, bytes, notes)?;
        notes.push(format!("decoded as {} (no byte order mark)", enc.name()));
        return Ok(Cow::Owned(text));
    }
    check_binary(bytes)?;
    if let Some(text) = strict_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    if mostly_utf8(bytes) {
        return decode_with(UTF_8, bytes, notes).map(Cow::Owned);
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, Utf8Detection::Allow);
    let text = decode_with(enc, bytes, notes)?;
    notes.push(format!("decoded as {} (guessed)", enc.name()));
    Ok(Cow::Owned(text))
}

/// The bytes as a string when they are valid UTF-8 (SIMD validation: Arabic
/// text is mostly two-byte sequences, where simdutf8 is several times faster
/// than a scalar check).
fn strict_utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Decodes with replacement; too many replacements means the file is not
/// really in this encoding (or not text).
fn decode_with(
    enc: &'static Encoding,
    bytes: &[u8],
    notes: &mut Vec<String>,
) -> Result<String, String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        if bad * 20 > total {
            return Err(format!(
                "undecodable: {bad} of {total} characters invalid as {}",
                enc.name()
            ));
        }
        notes.push(format!(
            "{bad} invalid byte sequences replaced with U+FFFD ({})",
            enc.name()
        ));
    }
    Ok(text)
}

/// NUL bytes or many control bytes at the start mean a binary file.
fn check_binary(bytes: &[u8]) -> Result<(), String> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return Err("binary file (contains NUL bytes)".into());
    }
    let head = &head[..head.len().min(1024)];
    // Counted in 64-byte chunks into a `u8` without branches, which the
    // compiler turns into SIMD compares (the filter-and-count form was 4 % of
    // loading).
    let controls: usize = head
        .chunks(64)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, &b| {
                let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
                n + u8::from((control & (b != 0x0c) & (b != 0x1b)) | (b == 0x7f))
            });
            usize::from(n)
        })
        .sum();
    if controls * 10 > head.len() {
        return Err("binary file (mostly control bytes)".into());
    }
    Ok(())
}

/// UTF-8 with a few broken sequences (a truncated or damaged file) rather
/// than a legacy encoding: valid multi-byte characters far outnumber errors.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good >= 10 * bad.max(1)
}

/// UTF-16 without a BOM: ASCII and Arabic (U+00xx, U+06xx) put 0x00 or 0x06
/// in every high byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.len() < 4 || !head.len().is_multiple_of(2) || memchr::memchr(0, head).is_none() {
        return None;
    }
    let pairs = head.len() / 2;
    let high = |off: usize| {
        head.chunks_exact(2)
            .filter(|p| p[off] == 0 || p[off] == 0x06)
            .count()
    };
    let (odd, even) = (high(1), high(0));
    if odd * 10 >= pairs * 9 && even * 10 < pairs * 3 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs * 3 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Canonical composition (NFC); most text already is, and is returned as is.
pub fn nfc(text: String) -> String {
    if scan(&text).surely_nfc || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// [`nfc`] for text already scanned and found not surely NFC: borrowed text
/// that passes the quick check stays borrowed.
pub(crate) fn nfc_unsure(text: Cow<'_, str>) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    Cow::Owned(text.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const SEED: &str = include_str!("../../seeds/001_960e743a51614c08.txt");

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for u in units {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    fn ok(bytes: Vec<u8>) -> Decoded {
        decode(&bytes).expect("decodes")
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(ok(SEED.as_bytes().to_vec()).text, SEED);
        assert!(ok(SEED.as_bytes().to_vec()).notes.is_empty());
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend(SEED.as_bytes());
        assert_eq!(ok(b).text, SEED);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for le in [true, false] {
            let d = ok(utf16(SEED, le, true));
            assert_eq!(d.text, SEED);
            assert!(d.notes[0].starts_with("decoded as UTF-16"), "{:?}", d.notes);
        }
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let d = ok(utf16("مرحبا بالعالم hello", true, false));
        assert_eq!(d.text, "مرحبا بالعالم hello");
    }

    #[test]
    fn legacy_arabic_encodings_are_guessed() {
        // ISO-8859-6 lacks the curly quotes and NBSP of the seed: use a plain sentence.
        let plain = "طلب رئيس الوزراء الأرميني رسميا من الرئيس الروسي بدء مشاورات عاجلة لتوفير الأمن في ظل النزاع مع أذربيجان.";
        for (enc, text) in [(WINDOWS_1256, SEED), (ISO_8859_6, plain)] {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{}", enc.name());
            let d = ok(bytes.into_owned());
            assert_eq!(d.text, text, "{}", enc.name());
            assert_eq!(
                d.notes,
                vec![format!("decoded as {} (guessed)", enc.name())]
            );
        }
    }

    #[test]
    fn nfc_composes_hamza_and_orders_marks() {
        assert_eq!(nfc("ا\u{654}".into()), "أ");
        // shadda (ccc 33) before fatha (ccc 30) is reordered.
        assert_eq!(nfc("ب\u{651}\u{64e}".into()), "ب\u{64e}\u{651}");
        assert_eq!(nfc(SEED.into()), SEED);
    }

    #[test]
    fn binary_files_are_refused() {
        let e = decode(&[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]).unwrap_err();
        assert!(e.contains("binary"), "{e}");
        let e = decode(&(1u8..=8).cycle().take(100).collect::<Vec<_>>()).unwrap_err();
        assert!(e.contains("control"), "{e}");
    }

    #[test]
    fn unpaired_surrogates_are_undecodable() {
        let mut b = vec![0xFF, 0xFE];
        for _ in 0..50 {
            b.extend([0x00, 0xD8]);
        }
        let e = decode(&b).unwrap_err();
        assert!(e.starts_with("undecodable"), "{e}");
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut b = SEED.as_bytes()[..600].to_vec();
        b.push(0xFF);
        b.extend(&SEED.as_bytes()[..600]);
        let d = ok(b);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
        assert!(d.notes[0].contains("replaced"), "{:?}", d.notes);
    }

    proptest::proptest! {
        #[test]
        fn binary_check_counts_like_a_filter(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0u8..0x20, proptest::prelude::any::<u8>()], 0..1500)
        ) {
            let head = &bytes[..bytes.len().min(1024)];
            let controls = head
                .iter()
                .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
                .count();
            let nul = bytes.contains(&0);
            let want = !nul && controls * 10 <= head.len();
            proptest::prop_assert_eq!(check_binary(&bytes).is_ok(), want);
        }
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(ok(Vec::new()).text, "");
    }
}
