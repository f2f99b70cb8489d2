//! The record shape title lists are usually written in, read directly.
//!
//! `{"id":"…","title":"…","text":""}` on a line of its own, with an ASCII id
//! and a plain title (see [`super::clean`]): for such a line the general
//! path (JSON reader, cleaning, fold) gives the id and the title as they are
//! and the title's fold, so this reader takes them straight from the bytes
//! and folds the title in the same go. Anything else is left to the general
//! path.

use super::plainfold::fold_plain;

/// One record of the usual shape at the start of `rest`: its id, its
/// title, the title's letter mask (the fold appended to `folded`) and how
/// many bytes the line takes with its line end. `None` (nothing appended)
/// for any other line.
pub(super) fn usual_record<'a>(
    rest: &'a str,
    folded: &mut String,
) -> Option<(&'a str, &'a str, u64, usize)> {
    let b = rest.as_bytes();
    let mut i = expect(b, 0, br#"{"id":""#)?;
    let id = string(rest, &mut i)?;
    // An id of printable ASCII without spaces is clean as it is.
    if id.is_empty() || !id.bytes().all(|x| (0x21..=0x7E).contains(&x)) {
        return None;
    }
    i = expect(b, i, br#","title":""#)?;
    let title = string(rest, &mut i)?;
    i = expect(b, i, br#","text":""}"#)?;
    let used = match b.get(i) {
        None => i,
        Some(b'\n') => i + 1,
        Some(_) => return None,
    };
    let mask = fold_plain(folded, title)?;
    Some((id, title, mask, used))
}

/// The position after `lit` when `b` has it at `i`.
fn expect(b: &[u8], i: usize, lit: &[u8]) -> Option<usize> {
    b.get(i..)?.starts_with(lit).then_some(i + lit.len())
}

/// The string from `i` to the next quote (moving `i` past it), when no
/// backslash comes first. Control characters are left to the caller.
fn string<'a>(s: &'a str, i: &mut usize) -> Option<&'a str> {
    let rest = s.as_bytes().get(*i..)?;
    let len = memchr::memchr2(b'"', b'\\', rest)?;
    if rest.get(len) != Some(&b'"') {
        return None;
    }
    let out = s.get(*i..*i + len)?;
    *i += len + 1;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::jsonl::{read_line, Line};
    use super::*;
    use crate::search::fuzzy::{fold_into, letter_mask};
    use proptest::prelude::*;

    /// What the general path makes of `line`, as (id, title, fold).
    fn general(line: &str) -> Option<(String, String, String)> {
        match read_line(line) {
            Line::Item {
                id: Some(id),
                title,
                source,
                date,
            } if source.is_empty() && date.is_empty() => {
                let mut f = String::new();
                fold_into(&mut f, &title);
                Some((id.into_owned(), title.into_owned(), f))
            }
            _ => None,
        }
    }

    fn check(line: &str) -> Result<(), TestCaseError> {
        let mut folded = String::from("x");
        match usual_record(line, &mut folded) {
            Some((id, title, mask, used)) => {
                let body = line.get(..used).unwrap_or("");
                let body = body.strip_suffix('\n').unwrap_or(body);
                prop_assert!(!body.contains('\n'));
                let fold = folded.strip_prefix('x').unwrap_or("").to_string();
                prop_assert_eq!(mask, letter_mask(&fold));
                let want = general(body);
                prop_assert_eq!(Some((id.into(), title.into(), fold)), want, "{:?}", line);
            }
            None => prop_assert_eq!(folded, "x"),
        }
        Ok(())
    }

    #[test]
    fn reads_the_usual_shape_and_nothing_else() {
        let ok = r#"{"id":"000/000001.txt","title":"في للمنظمة أذربيجان CSTO","text":""}"#;
        let mut f = String::new();
        let two = format!("{ok}\nnext");
        let (id, title, _, used) = usual_record(&two, &mut f).expect("usual");
        assert_eq!(
            (id, title, used),
            ("000/000001.txt", "في للمنظمة أذربيجان CSTO", ok.len() + 1)
        );
        assert_eq!(f, "في للمنظمه اذربيجان csto");
        for line in [
            r#"{"id":"a b","title":"x","text":""}"#,
            r#"{"id":"","title":"x","text":""}"#,
            r#"{"id":"a","title":"x\"y","text":""}"#,
            r#"{"id":"a","title":"x  y","text":""}"#,
            r#"{"id":"a","title":"","text":""}"#,
            r#"{"id":"a","title":"x","text":"y"}"#,
            r#"{"id":"a","title":"x","text":""} "#,
            "{\"id\":\"a\",\"title\":\"x\",\"text\":\"\"}\r\n",
            r#"{"id": "a","title":"x","text":""}"#,
        ] {
            let mut f = String::new();
            assert!(usual_record(line, &mut f).is_none(), "{line}");
            assert!(f.is_empty());
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_general_path(
            id in "[a-z0-9/. \"\\\\]{0,6}",
            title in "[a-zA-Z \u{621}-\u{64a}\u{64b}-\u{655}\u{660}\"\\\\\t]{0,10}",
            text in "|x",
            end in "|\n|\r\n| \n",
        ) {
            check(&format!(r#"{{"id":"{id}","title":"{title}","text":"{text}"}}{end}"#))?;
        }
    }
}
