//! A fast reader for the common shape of a title-list JSONL record:
//! one flat object whose values are strings without escapes, `null`,
//! `true` or `false`.
//!
//! `qari search` on a large title list spends most of its time reading the
//! JSONL. This reader handles only the subset of JSON whose meaning is
//! plain (no escapes, no numbers, no nesting, no duplicate known keys) and
//! returns `None` for anything else; the caller then parses the line with
//! serde_json, which also produces the error messages for bad lines. On the
//! lines it accepts, it gives what serde_json gives (property-tested).

/// The fields of a record that `qari search` reads, borrowed from the line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fields<'a> {
    pub id: Option<&'a str>,
    pub title: Option<&'a str>,
    pub text: Option<&'a str>,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let rest = self.s.as_bytes().get(self.i..)?;
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        // No early exit: the check over the whole string vectorises.
        let control = rest[..len].iter().fold(false, |a, &b| a | (b < 0x20));
        if rest[len] != b'"' || control {
            return None;
        }
        let out = self.s.get(self.i..self.i + len)?;
        self.i += len + 1;
        Some(out)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.i + word.len();
        (self.s.as_bytes().get(self.i..end) == Some(word.as_bytes())).then(|| self.i = end)
    }

    /// A value: `Some(Some(s))` for a string, `Some(None)` for `null`
    /// (and, when `any_literal`, `true`/`false`), `None` for the rest.
    fn value(&mut self, any_literal: bool) -> Option<Option<&'a str>> {
        match self.peek()? {
            b'"' => self.string().map(Some),
            b'n' => self.literal("null").map(|_| None),
            b't' if any_literal => self.literal("true").map(|_| None),
            b'f' if any_literal => self.literal("false").map(|_| None),
            _ => None,
        }
    }
}

/// Reads `line` if it is a flat record this reader understands.
pub(crate) fn parse(line: &str) -> Option<Fields<'_>> {
    let mut c = Cursor { s: line, i: 0 };
    let mut f = Fields::default();
    let mut seen = [false; 5];
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.eat(b'}').is_none() {
        loop {
            let key = c.string()?;
            c.ws();
            c.eat(b':')?;
            c.ws();
            let slot = match key {
                "id" => Some((0, &mut f.id)),
                "title" => Some((1, &mut f.title)),
                "text" => Some((2, &mut f.text)),
                "source" => Some((3, &mut f.source)),
                "date" => Some((4, &mut f.date)),
                _ => None,
            };
            match slot {
                Some((k, slot)) => {
                    // serde_json reports a repeated field as an error.
                    if std::mem::replace(&mut seen[k], true) {
                        return None;
                    }
                    *slot = c.value(false)?;
                }
                None => {
                    c.value(true)?;
                }
            }
            c.ws();
            if c.eat(b',').is_some() {
                c.ws();
                continue;
            }
            c.eat(b'}')?;
            break;
        }
    }
    c.ws();
    (c.i == line.len()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Rec {
        id: Option<String>,
        title: Option<String>,
        text: Option<String>,
        source: Option<String>,
        date: Option<String>,
    }

    fn owned(f: Fields<'_>) -> Rec {
        let o = |v: Option<&str>| v.map(str::to_string);
        Rec {
            id: o(f.id),
            title: o(f.title),
            text: o(f.text),
            source: o(f.source),
            date: o(f.date),
        }
    }

    #[test]
    fn reads_the_generated_shape() {
        let line = r#"{"id":"000/000001.txt","title":"في للمنظمة بالخطوة","text":""}"#;
        let f = parse(line).unwrap();
        assert_eq!(f.id, Some("000/000001.txt"));
        assert_eq!(f.title, Some("في للمنظمة بالخطوة"));
        assert_eq!(f.text, Some(""));
        assert_eq!(f.source, None);
        assert_eq!(parse(" { } ").unwrap(), Fields::default());
        let f = parse(r#"{"x": true, "y": null, "date": null, "source": "a b"}"#).unwrap();
        assert_eq!((f.date, f.source), (None, Some("a b")));
    }

    #[test]
    fn leaves_everything_else_to_serde() {
        for line in [
            r#"{"id":1,"title":"t"}"#,
            r#"{"title":"a\"b"}"#,
            r#"{"title":"a\u0628"}"#,
            r#"{"title":"t","title":"u"}"#,
            r#"{"title":"t","x":{"y":1}}"#,
            r#"{"title":"t","x":[1]}"#,
            r#"{"title":"t"} x"#,
            r#"{"title":"t",}"#,
            r#"{"title":true}"#,
            "{\"title\":\"a\tb\"}",
            r#"{"title":"t""#,
            r#"["t"]"#,
            "",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }

    proptest! {
        /// Whatever this reader accepts, serde_json reads the same way.
        #[test]
        fn agrees_with_serde(
            parts in proptest::collection::vec(
                (
                    "id|title|text|source|date|x|\"",
                    "\"[a-z ب\\\\\"\\t]{0,6}\"|null|true|false|1|\\{\\}",
                ),
                0..6,
            ),
            sep in " ?: ?|[ ,:]{0,2}",
            tail in "[ x]{0,1}",
        ) {
            let body: Vec<String> = parts.iter().map(|(k, v)| format!("\"{k}\"{sep}{v}")).collect();
            let line = format!("{{{}}}{tail}", body.join(","));
            if let Some(f) = parse(&line) {
                let serde: Result<Rec, _> = serde_json::from_str(&line);
                prop_assert_eq!(Some(owned(f)), serde.ok(), "{}", line);
            }
        }
    }
}
