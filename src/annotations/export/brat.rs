//! brat standoff: per document a `.txt` (the text, byte for byte) and an
//! `.ann` with `T1\tlabel start end\ttext` lines and
//! `#1\tAnnotatorNotes T1\tnote` lines; offsets in code points (what brat and
//! INCEpTION count). A passage over several lines becomes a discontinuous
//! span, one fragment per line (`start end;start end`), because brat's text
//! field cannot hold a newline; the text field is then the fragments joined
//! by a space, which is what brat checks. An `annotation.conf` lists the
//! labels. Orphans have no position and are left out.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use super::Collected;
use crate::annotations::offsets::CodePoints;

/// File name and content of every file to write.
pub fn files(c: &Collected) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut labels = BTreeSet::new();
    let mut taken = HashSet::new();
    for d in &c.docs {
        let mut name = base_name(&d.doc.id);
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{}-{n}", base_name(&d.doc.id));
        }
        let text = &d.text;
        let cps = CodePoints::new(text);
        let mut ann = String::new();
        let mut t = 0;
        for e in &d.entries {
            let Some(r) = &e.anchor.range else { continue };
            let frags = fragments(text, r.clone());
            if frags.is_empty() {
                continue;
            }
            t += 1;
            let label = sanitize_label(&e.ann.label);
            labels.insert(label.clone());
            let spans: Vec<String> = frags
                .iter()
                .map(|f| {
                    let cp = cps.range_to_cp(f);
                    format!("{} {}", cp.start, cp.end)
                })
                .collect();
            let quoted: Vec<&str> = frags.iter().map(|f| &text[f.clone()]).collect();
            ann.push_str(&format!(
                "T{t}\t{label} {}\t{}\n",
                spans.join(";"),
                quoted.join(" ")
            ));
            let note = note_text(&e.ann.tags, &e.ann.note);
            if !note.is_empty() {
                ann.push_str(&format!("#{t}\tAnnotatorNotes T{t}\t{note}\n"));
            }
        }
        out.push((format!("{name}.txt"), text.to_string()));
        out.push((format!("{name}.ann"), ann));
    }
    let mut conf = String::from("# written by qari: the labels used\n[entities]\n");
    for l in &labels {
        conf.push_str(l);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
    out.push(("annotation.conf".to_string(), conf));
    out
}

/// Splits the byte range `r` of `text` at line breaks and tabs, trims white
/// space at the ends of each piece, and drops empty pieces.
pub fn fragments(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    let slice = &text[r.clone()];
    for (i, c) in slice.char_indices() {
        if matches!(c, '\n' | '\r' | '\t') {
            push_trimmed(text, start..r.start + i, &mut out);
            start = r.start + i + c.len_utf8();
        }
    }
    push_trimmed(text, start..r.end, &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// A brat type name: no white space or separators (`_` instead), never empty.
pub fn sanitize_label(label: &str) -> String {
    let s: String = label
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || ";:=,|#\t".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() {
        "annotation".to_string()
    } else {
        s
    }
}

/// The file name for a document id: folders flattened with `__`, the
/// extension dropped, characters unsafe in file names replaced.
pub fn base_name(id: &str) -> String {
    let flat = id.replace(['/', '\\'], "__");
    let stem = match flat.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && ext.len() <= 5 && !ext.contains("__") => s,
        _ => flat.as_str(),
    };
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || ":*?\"<>|#".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if safe.is_empty() || safe.starts_with('.') {
        format!("doc{safe}")
    } else {
        safe
    }
}

/// Tags and note on one line.
fn note_text(tags: &[String], note: &str) -> String {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    match (tags.is_empty(), note.is_empty()) {
        (true, _) => note,
        (false, true) => format!("tags: {}", tags.join(", ")),
        (false, false) => format!("tags: {}; {note}", tags.join(", ")),
    }
}
