//! The annotation record, shaped after the W3C Web Annotation data model:
//! an id, created/modified times, a motivation, the user's label, tags and
//! note, and a target naming the document with a TextQuoteSelector and a
//! TextPositionSelector (code points), plus a hash of the document text.
//!
//! Fields qari does not know are kept in `extra` and written back on save.

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::offsets::{snap_to_graphemes, CodePoints};

/// Code points of context stored before and after the quote (as Hypothesis).
pub const CONTEXT_CHARS: usize = 32;

/// Motivation for a highlight with a label.
pub const HIGHLIGHTING: &str = "highlighting";
/// Motivation for an annotation that carries a note.
pub const COMMENTING: &str = "commenting";
/// Motivation for an annotation that carries only tags.
pub const TAGGING: &str = "tagging";

/// A point in time, stored as RFC 3339 (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub OffsetDateTime);

static LAST_NOW: Mutex<Option<OffsetDateTime>> = Mutex::new(None);

impl Timestamp {
    /// The current time, strictly later than any earlier `now()` of this
    /// process, so that the newest change always wins a merge.
    pub fn now() -> Self {
        let mut t = OffsetDateTime::now_utc();
        // A poisoned lock only means another thread panicked while holding a
        // timestamp; the value is still usable.
        let mut last = LAST_NOW.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(l) = *last {
            if t <= l {
                t = l + Duration::microseconds(1);
            }
        }
        *last = Some(t);
        Timestamp(t)
    }

    /// RFC 3339 text.
    pub fn to_rfc3339(&self) -> String {
        self.0
            .format(&Rfc3339)
            .unwrap_or_else(|_| self.0.unix_timestamp().to_string())
    }

    /// A form safe in file names: `20261121T084512Z`.
    pub fn compact(&self) -> String {
        let t = self.0;
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        OffsetDateTime::parse(&s, &Rfc3339)
            .map(Timestamp)
            .map_err(serde::de::Error::custom)
    }
}

/// `sha256:<hex>` of a document text.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::from("sha256:");
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A new random id, `urn:uuid:` + a version-4 UUID. The bytes come from
/// `/dev/urandom` when it exists, mixed with time, process id and a counter
/// (so ids stay unique without it).
pub fn new_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    h.update(
        OffsetDateTime::now_utc()
            .unix_timestamp_nanos()
            .to_le_bytes(),
    );
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let mut random = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        use std::io::Read;
        let _ = f.read_exact(&mut random);
    }
    h.update(random);
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// W3C TextQuoteSelector: the quoted text with some context either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    /// The annotated text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] code points before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after it.
    #[serde(default)]
    pub suffix: String,
}

/// W3C TextPositionSelector: `start..end` in code points of the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    /// First code point (inclusive).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// What an annotation points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawTarget", into = "RawTarget")]
pub struct Target {
    /// The document id ([`crate::corpus::Document::id`]).
    pub source: String,
    /// `sha256:<hex>` of the document text when the annotation was made.
    pub text_hash: String,
    /// The quote.
    pub quote: TextQuoteSelector,
    /// The position, in code points.
    pub position: TextPositionSelector,
    /// Selectors of other types, kept as they are.
    pub other_selectors: Vec<Value>,
    /// Unknown target fields, kept on save.
    pub extra: Map<String, Value>,
}

/// The target as stored: W3C `selector` array.
#[derive(Serialize, Deserialize)]
struct RawTarget {
    source: String,
    #[serde(rename = "textHash", default)]
    text_hash: String,
    #[serde(default)]
    selector: Vec<Value>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl TryFrom<RawTarget> for Target {
    type Error = String;
    fn try_from(raw: RawTarget) -> Result<Self, String> {
        let mut quote = None;
        let mut position = None;
        let mut other = Vec::new();
        for sel in raw.selector {
            match sel.get("type").and_then(Value::as_str) {
                Some("TextQuoteSelector") if quote.is_none() => {
                    quote = Some(serde_json::from_value(sel).map_err(|e| e.to_string())?)
                }
                Some("TextPositionSelector") if position.is_none() => {
                    position = Some(serde_json::from_value(sel).map_err(|e| e.to_string())?)
                }
                _ => other.push(sel),
            }
        }
        let quote: TextQuoteSelector = quote.ok_or("target has no TextQuoteSelector")?;
        let position = position.unwrap_or(TextPositionSelector { start: 0, end: 0 });
        Ok(Target {
            source: raw.source,
            text_hash: raw.text_hash,
            quote,
            position,
            other_selectors: other,
            extra: raw.extra,
        })
    }
}

impl From<Target> for RawTarget {
    fn from(t: Target) -> Self {
        let mut q = serde_json::json!({"type": "TextQuoteSelector", "exact": t.quote.exact});
        if let Value::Object(m) = &mut q {
            m.insert("prefix".into(), t.quote.prefix.into());
            m.insert("suffix".into(), t.quote.suffix.into());
        }
        let p = serde_json::json!({
            "type": "TextPositionSelector",
            "start": t.position.start,
            "end": t.position.end,
        });
        let mut selector = vec![q, p];
        selector.extend(t.other_selectors);
        RawTarget {
            source: t.source,
            text_hash: t.text_hash,
            selector,
            extra: t.extra,
        }
    }
}

impl Target {
    /// A target for the byte range `range` of `text` (document `doc_id`),
    /// widened to grapheme boundaries.
    pub fn from_bytes(doc_id: &str, text: &str, range: Range<usize>) -> Self {
        let r = snap_to_graphemes(text, range);
        let cps = CodePoints::new(text);
        let cp = cps.range_to_cp(&r);
        let pre = cps
            .to_byte(cp.start.saturating_sub(CONTEXT_CHARS))
            .unwrap_or(0);
        let post = cps
            .to_byte((cp.end + CONTEXT_CHARS).min(cps.len()))
            .unwrap_or(text.len());
        Target {
            source: doc_id.to_string(),
            text_hash: text_hash(text),
            quote: TextQuoteSelector {
                exact: text[r.clone()].to_string(),
                prefix: text[pre..r.start].to_string(),
                suffix: text[r.end..post].to_string(),
            },
            position: TextPositionSelector {
                start: cp.start,
                end: cp.end,
            },
            other_selectors: Vec::new(),
            extra: Map::new(),
        }
    }
}

fn annotation_type() -> String {
    "Annotation".to_string()
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique id (`urn:uuid:...`).
    pub id: String,
    /// Always `Annotation`.
    #[serde(rename = "type", default = "annotation_type")]
    pub kind: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it was last changed (the newest wins when two qari merge).
    pub modified: Timestamp,
    /// W3C motivation: [`HIGHLIGHTING`], [`COMMENTING`], [`TAGGING`], ...
    pub motivation: String,
    /// The label (claim, quote, person, ...).
    #[serde(default)]
    pub label: String,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The note (the body), Arabic or any language.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What it annotates.
    pub target: Target,
    /// Unknown fields, kept on save.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Annotation {
    /// A new annotation with `label` on the byte range `range` of document
    /// `doc_id` whose text is `text`.
    pub fn new(doc_id: &str, text: &str, range: Range<usize>, label: &str) -> Self {
        let now = Timestamp::now();
        Annotation {
            id: new_id(),
            kind: annotation_type(),
            created: now,
            modified: now,
            motivation: HIGHLIGHTING.to_string(),
            label: label.to_string(),
            tags: Vec::new(),
            note: String::new(),
            target: Target::from_bytes(doc_id, text, range),
            extra: Map::new(),
        }
    }

    /// Sets the motivation from the content: a note makes it commenting.
    pub fn refresh_motivation(&mut self) {
        self.motivation = if !self.note.trim().is_empty() {
            COMMENTING
        } else if self.label.is_empty() && !self.tags.is_empty() {
            TAGGING
        } else {
            HIGHLIGHTING
        }
        .to_string();
    }

    /// The document id.
    pub fn doc(&self) -> &str {
        &self.target.source
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
