//! Markdown: per document a heading, then each passage as a block quote
//! with its label, tags, anchor state and position, and the note below.
//! Orphans are listed under their document and in a final section when
//! their document is gone.

use super::Collected;
use crate::annotations::model::Annotation;

/// The whole file.
pub fn render(c: &Collected) -> String {
    let mut out = String::from("# Annotations\n");
    for d in &c.docs {
        out.push_str(&format!(
            "\n## {}\n\n`{}`\n",
            one_line(&d.doc.title),
            d.doc.id
        ));
        for e in &d.entries {
            let pos =
                e.cp.as_ref()
                    .map(|r| format!(" · {}–{}", r.start, r.end))
                    .unwrap_or_default();
            item(
                &mut out,
                e.ann,
                e.quote(&d.text),
                e.anchor.state.name(),
                &pos,
            );
        }
    }
    if !c.missing.is_empty() {
        out.push_str("\n## Orphans (document not in the corpus or no longer readable)\n");
        for a in &c.missing {
            let doc = format!(" · `{}`", a.doc());
            item(&mut out, a, &a.target.quote.exact, "orphan", &doc);
        }
    }
    out
}

fn item(out: &mut String, a: &Annotation, quote: &str, state: &str, extra: &str) {
    out.push('\n');
    for line in quote.lines() {
        out.push_str("> ");
        out.push_str(line);
        out.push('\n');
    }
    let label = if a.label.is_empty() {
        "—"
    } else {
        a.label.as_str()
    };
    out.push_str(&format!("\n**{label}**"));
    if !a.tags.is_empty() {
        out.push_str(&format!(" · tags: {}", a.tags.join(", ")));
    }
    out.push_str(&format!(" · {state}{extra}\n"));
    if !a.note.trim().is_empty() {
        out.push('\n');
        out.push_str(a.note.trim());
        out.push('\n');
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
