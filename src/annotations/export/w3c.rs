//! W3C Web Annotation JSON-LD: one `AnnotationCollection` whose first page
//! holds every annotation. The label is a `classifying` body, each tag a
//! `tagging` body, the note a `commenting` body; the target's selectors are
//! the quote and position in the *current* text (the stored ones for
//! orphans). `x-anchor-status` says how each was found.

use anyhow::Result;
use serde_json::{json, Map, Value};

use super::{Collected, Entry};
use crate::annotations::model::{Annotation, CONTEXT_CHARS};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The whole collection as pretty JSON.
pub fn render(c: &Collected) -> Result<String> {
    let mut items = Vec::new();
    for d in &c.docs {
        for e in &d.entries {
            items.push(annotation(e, &d.text));
        }
    }
    for a in &c.missing {
        let mut v = base(a);
        v["target"] = stored_target(a);
        v["x-anchor-status"] = "orphan".into();
        items.push(v);
    }
    let doc = json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "qari annotations",
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

/// One annotation anchored in `text`.
pub fn annotation(e: &Entry, text: &str) -> Value {
    let mut v = base(e.ann);
    v["target"] = match (&e.anchor.range, &e.cp) {
        (Some(r), Some(cp)) => {
            let before: String = text[..r.start].chars().rev().take(CONTEXT_CHARS).collect();
            let prefix: String = before.chars().rev().collect();
            let suffix: String = text[r.end..].chars().take(CONTEXT_CHARS).collect();
            json!({
                "source": e.ann.doc(),
                "selector": [
                    {"type": "TextQuoteSelector", "exact": &text[r.clone()], "prefix": prefix, "suffix": suffix},
                    {"type": "TextPositionSelector", "start": cp.start, "end": cp.end},
                ],
            })
        }
        _ => stored_target(e.ann),
    };
    v["x-anchor-status"] = e.anchor.state.name().into();
    v
}

fn stored_target(a: &Annotation) -> Value {
    let t = &a.target;
    json!({
        "source": t.source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": t.quote.exact, "prefix": t.quote.prefix, "suffix": t.quote.suffix},
            {"type": "TextPositionSelector", "start": t.position.start, "end": t.position.end},
        ],
    })
}

/// id, type, times, motivation and bodies.
fn base(a: &Annotation) -> Value {
    let mut bodies = Vec::new();
    if !a.label.is_empty() {
        bodies.push(text_body("classifying", &a.label));
    }
    for t in &a.tags {
        bodies.push(text_body("tagging", t));
    }
    if !a.note.is_empty() {
        bodies.push(text_body("commenting", &a.note));
    }
    let mut m = Map::new();
    m.insert("id".into(), a.id.clone().into());
    m.insert("type".into(), "Annotation".into());
    m.insert("motivation".into(), a.motivation.clone().into());
    m.insert("created".into(), a.created.to_rfc3339().into());
    m.insert("modified".into(), a.modified.to_rfc3339().into());
    if !bodies.is_empty() {
        m.insert("body".into(), Value::Array(bodies));
    }
    Value::Object(m)
}

fn text_body(purpose: &str, value: &str) -> Value {
    json!({
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": "text/plain",
        "textDirection": direction(value),
    })
}

/// `rtl` when the first strong letter is Arabic/Hebrew, `ltr` when it is
/// another letter, else `auto`.
fn direction(s: &str) -> &'static str {
    for c in s.chars() {
        if matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        {
            if c.is_alphabetic() {
                return "rtl";
            }
        } else if c.is_alphabetic() {
            return "ltr";
        }
    }
    "auto"
}
