//! `qari entities [PATH...] [--json]`: each document's entities.
//!
//! JSON: `[{"doc": id, "entities": [{"name", "type", "count", "mentions":
//! [{"start", "end", "text"}]}]}]` with offsets in code points of the
//! document text. `count` and `mentions` are the mentions by name outside
//! boilerplate; demonym and boilerplate mentions are listed apart
//! (`demonym_mentions`, `boilerplate_mentions`) with their counts.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{json, Value};

use super::{Extractor, Mention, MentionKind};
use crate::corpus::Document;

/// Byte offsets → code-point offsets, for sorted queries on one text.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl CharCounter<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn mention_json(text: &str, m: &Mention, cc: &mut CharCounter) -> Value {
    json!({
        "start": cc.at(m.range.start),
        "end": cc.at(m.range.end),
        "text": &text[m.range.clone()],
    })
}

/// The JSON report of one document whose text is `text`.
pub fn doc_json(ex: &Extractor, doc: &Document, text: &str) -> Value {
    let mentions = ex.extract(text);
    let mut cc = CharCounter {
        text,
        byte: 0,
        chars: 0,
    };
    let entities: Vec<Value> = ex
        .summarize(&mentions)
        .iter()
        .map(|s| {
            let (mut names, mut demonyms, mut boiler) = (Vec::new(), Vec::new(), Vec::new());
            for &i in &s.mentions {
                let m = &mentions[i];
                let v = mention_json(text, m, &mut cc);
                match (m.boilerplate, m.kind) {
                    (true, _) => boiler.push(v),
                    (false, MentionKind::Name) => names.push(v),
                    (false, MentionKind::Demonym) => demonyms.push(v),
                }
            }
            let mut obj = json!({
                "name": s.name,
                "type": s.etype.as_str(),
                "count": s.count,
                "mentions": names,
            });
            if !demonyms.is_empty() {
                obj["demonym_count"] = json!(demonyms.len());
                obj["demonym_mentions"] = Value::Array(demonyms);
            }
            if !boiler.is_empty() {
                obj["boilerplate_count"] = json!(boiler.len());
                obj["boilerplate_mentions"] = Value::Array(boiler);
            }
            obj
        })
        .collect();
    json!({ "doc": doc.id, "entities": entities })
}

/// The plain-text report of one document whose text is `text`: a heading,
/// then one line per entity.
pub fn doc_text(ex: &Extractor, doc: &Document, text: &str) -> String {
    let mentions = ex.extract(text);
    let mut out = format!("{}\n", doc.id);
    for s in ex.summarize(&mentions) {
        let mut extra = String::new();
        if s.demonyms > 0 {
            extra.push_str(&format!(" +{} adj.", s.demonyms));
        }
        if s.boilerplate > 0 {
            extra.push_str(&format!(" +{} boilerplate", s.boilerplate));
        }
        out.push_str(&format!(
            "  {:<12} {:>3}{extra}  {}\n",
            s.etype.as_str(),
            s.count,
            s.name
        ));
    }
    out
}

/// Runs the subcommand: loads `paths` (or the default corpus), prints the
/// report on stdout, skipped files on stderr.
pub fn run_entities(paths: &[PathBuf], json: bool, data_dir: &Path) -> Result<()> {
    let corpus = if paths.is_empty() {
        crate::corpus::load_default()
    } else {
        crate::corpus::load(paths)
    };
    for s in &corpus.skipped {
        eprintln!("skipped {}: {}", s.path.display(), s.reason);
    }
    let (g, problems) = super::store::gazetteer_with_user(data_dir);
    for p in problems {
        eprintln!("{p}");
    }
    let ex = Extractor::new(g);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut json_out = json.then(JsonArray::default);
    let mut reports = 0;
    // One text at a time: read, report, drop.
    for d in &corpus.docs {
        let text = match d.body.text() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("skipped {e}");
                continue;
            }
        };
        reports += 1;
        match &mut json_out {
            Some(arr) => arr.push(&mut out, &doc_json(&ex, d, &text))?,
            None => write!(out, "{}", doc_text(&ex, d, &text))?,
        }
    }
    if let Some(arr) = json_out {
        arr.finish(&mut out)?;
    }
    if reports == 0 && (!corpus.skipped.is_empty() || !corpus.docs.is_empty()) {
        anyhow::bail!("no document could be read");
    }
    Ok(())
}

/// A pretty-printed JSON array written one element at a time (the same
/// bytes as `serde_json::to_writer_pretty` of the whole array), so that the
/// reports of a large corpus are not all held at once.
#[derive(Default)]
struct JsonArray {
    items: usize,
}

impl JsonArray {
    fn push(&mut self, out: &mut impl Write, v: &Value) -> Result<()> {
        out.write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        self.items += 1;
        // Pretty JSON has no raw line breaks inside strings: indenting every
        // line nests the element one level.
        let item = serde_json::to_string_pretty(v)?;
        for (i, line) in item.lines().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "  {line}")?;
        }
        Ok(())
    }

    fn finish(self, out: &mut impl Write) -> Result<()> {
        if self.items == 0 {
            writeln!(out, "[]")?;
        } else {
            writeln!(out, "\n]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", text)
    }

    #[test]
    fn json_offsets_are_code_points() {
        let ex = Extractor::builtin();
        let text = "قال بوتين في موسكو إن روسيا والروس\nالمصدر: روسيا اليوم";
        let v = doc_json(&ex, &doc(text), text);
        assert_eq!(v["doc"], "t.txt");
        let ents = v["entities"].as_array().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for e in ents {
            for m in e["mentions"].as_array().unwrap() {
                let (s, t) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[s..t].iter().collect::<String>(),
                    m["text"].as_str().unwrap()
                );
            }
        }
        let putin = ents.iter().find(|e| e["name"] == "فلاديمير بوتين").unwrap();
        assert_eq!(putin["type"], "person");
        assert_eq!(putin["mentions"][0]["start"], 4);
        let russia = ents.iter().find(|e| e["name"] == "روسيا").unwrap();
        assert_eq!(
            (russia["count"].as_u64(), russia["demonym_count"].as_u64()),
            (Some(1), Some(1))
        );
        let rt = ents.iter().find(|e| e["name"] == "روسيا اليوم").unwrap();
        assert_eq!(
            (rt["count"].as_u64(), rt["boilerplate_count"].as_u64()),
            (Some(0), Some(1))
        );
    }

    #[test]
    fn text_report_lists_entities() {
        let ex = Extractor::builtin();
        let text = "زار بوتين يريفان ثم بوتين.";
        let out = doc_text(&ex, &doc(text), text);
        assert!(out.starts_with("t.txt\n"));
        assert!(out.contains("person         2  فلاديمير بوتين"), "{out}");
    }

    #[test]
    fn the_streamed_array_is_the_pretty_printed_one() {
        let ex = Extractor::builtin();
        let texts = [
            "قال بوتين في موسكو\nالمصدر: روسيا اليوم",
            "لا شيء",
            "زار \"يريفان\"\t",
        ];
        for n in 0..=texts.len() {
            let all: Vec<Value> = texts[..n]
                .iter()
                .map(|t| doc_json(&ex, &doc(t), t))
                .collect();
            let mut want = serde_json::to_vec_pretty(&all).unwrap();
            want.push(b'\n');
            let mut got = Vec::new();
            let mut arr = JsonArray::default();
            for v in &all {
                arr.push(&mut got, v).unwrap();
            }
            arr.finish(&mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }
}
