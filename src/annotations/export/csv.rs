//! CSV (RFC 4180): `document,start,end,label,tags,note,quote,state,id`, one
//! row per annotation, offsets in code points (empty for orphans), tags
//! joined by `; `. Written by hand: quoting is the only rule needed — a
//! field with a comma, a quote, a line break or edge white space is put in
//! double quotes with inner quotes doubled.

use super::Collected;

/// The header row.
pub const HEADER: [&str; 9] = [
    "document", "start", "end", "label", "tags", "note", "quote", "state", "id",
];

/// The whole file.
pub fn render(c: &Collected) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.iter().map(|s| s.to_string()));
    for d in &c.docs {
        for e in &d.entries {
            let (start, end) = match &e.cp {
                Some(r) => (r.start.to_string(), r.end.to_string()),
                None => (String::new(), String::new()),
            };
            row(
                &mut out,
                [
                    d.doc.id.clone(),
                    start,
                    end,
                    e.ann.label.clone(),
                    e.ann.tags.join("; "),
                    e.ann.note.clone(),
                    e.quote(&d.text).to_string(),
                    e.anchor.state.name().to_string(),
                    e.ann.id.clone(),
                ],
            );
        }
    }
    for a in &c.missing {
        row(
            &mut out,
            [
                a.doc().to_string(),
                String::new(),
                String::new(),
                a.label.clone(),
                a.tags.join("; "),
                a.note.clone(),
                a.target.quote.exact.clone(),
                "orphan".to_string(),
                a.id.clone(),
            ],
        );
    }
    out
}

fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(&f));
    }
    out.push_str("\r\n");
}

/// One field, quoted when needed.
pub fn field(s: &str) -> String {
    let needs = s.contains([',', '"', '\n', '\r']) || s.trim() != s;
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
