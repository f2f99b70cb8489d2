//! Where a document's text lives: kept in memory (JSONL records, the
//! embedded seeds, documents built in code), or read again from its file when
//! it is needed (files on disk). A corpus of files therefore costs its
//! metadata and indexes in memory, not its text; the text of an article is
//! read, decoded and cleaned again when it is opened or indexed, exactly as
//! the loader did, and checked against what the loader saw.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::build::clean_text;
use super::decode;

/// The text of one document, or how to get it back.
#[derive(Clone)]
pub struct Body(Inner);

#[derive(Clone)]
enum Inner {
    Kept(Arc<str>),
    Disk(Arc<OnDisk>),
}

struct OnDisk {
    /// Boxed: 8 bytes less than a `PathBuf`, which is never grown here.
    path: Box<Path>,
    len: usize,
    hash: u64,
}

/// The text of a file could not be read back as the loader saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong, for the user.
    pub reason: String,
}

impl TextError {
    /// The one-paragraph notice shown instead of the text ("⚠ path:
    /// reason"), safe for the terminal whatever the path holds.
    pub fn notice(&self) -> Arc<str> {
        let notice = super::sanitize::sanitize(format!("⚠ {self}")).text;
        Arc::from(notice.replace('\n', " "))
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl Body {
    /// A text kept in memory.
    pub fn kept(text: impl Into<Arc<str>>) -> Self {
        Body(Inner::Kept(text.into()))
    }

    /// A text read again from `path` when needed; `text` is what the loader
    /// read from it (only its length and fingerprint are kept).
    pub fn on_disk(path: PathBuf, text: &str) -> Self {
        Body(Inner::Disk(Arc::new(OnDisk {
            path: path.into_boxed_path(),
            len: text.len(),
            hash: fingerprint(text),
        })))
    }

    /// Whether the text is read from disk when needed.
    pub fn is_on_disk(&self) -> bool {
        matches!(self.0, Inner::Disk(_))
    }

    /// Length of the text in bytes (known without reading it).
    pub fn len(&self) -> usize {
        match &self.0 {
            Inner::Kept(t) => t.len(),
            Inner::Disk(d) => d.len,
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text: the kept one, or the file read, decoded and cleaned again.
    /// Fails when the file cannot be read or no longer holds the text the
    /// loader read from it.
    ///
    /// Every call reads the file: nothing is remembered, so a text's memory
    /// is freed as soon as its last holder drops it (a scan of the corpus
    /// never leaves the texts allocated). Code that uses a text more than
    /// once holds the `Arc` (the reader holds the open document's).
    pub fn text(&self) -> Result<Arc<str>, TextError> {
        match &self.0 {
            Inner::Kept(t) => Ok(Arc::clone(t)),
            Inner::Disk(_) => self.with_text(&mut Vec::new(), |t| Arc::from(t)),
        }
    }

    /// Calls `f` with the text, as [`Body::text`] returns it (same checks,
    /// same errors), without making an `Arc` of it: a file is read into
    /// `buf`, which the caller reuses between documents (one per worker
    /// thread), and a text that needed no cleaning is lent straight from
    /// it. For scans that use each text once (the indexes).
    pub fn with_text<R>(
        &self,
        buf: &mut Vec<u8>,
        f: impl FnOnce(&str) -> R,
    ) -> Result<R, TextError> {
        match &self.0 {
            Inner::Kept(t) => Ok(f(t)),
            Inner::Disk(d) => {
                let bytes =
                    super::load::read_into(&d.path, buf).map_err(|e| unreadable(&d.path, e))?;
                checked(d, bytes).map(|text| f(&text))
            }
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::kept("")
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Kept(t) => f.debug_tuple("Kept").field(t).finish(),
            Inner::Disk(d) => f
                .debug_struct("OnDisk")
                .field("path", &d.path)
                .field("len", &d.len)
                .finish(),
        }
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Inner::Kept(a), Inner::Kept(b)) => a == b,
            (Inner::Disk(a), Inner::Disk(b)) => {
                a.path == b.path && a.len == b.len && a.hash == b.hash
            }
            _ => false,
        }
    }
}

impl Eq for Body {}

fn unreadable(path: &Path, e: std::io::Error) -> TextError {
    TextError {
        path: path.to_path_buf(),
        reason: format!("cannot be read again: {e}"),
    }
}

/// The text of a file's `bytes`, decoded and cleaned as the loader did, if
/// it is the one the loader saw.
fn checked<'b>(d: &OnDisk, bytes: &'b [u8]) -> Result<Cow<'b, str>, TextError> {
    let err = |reason: String| TextError {
        path: d.path.to_path_buf(),
        reason,
    };
    let (text, mut notes) = decode::decode_cow(bytes).map_err(err)?;
    let text = clean_text(text, &mut notes);
    if text.len() != d.len || fingerprint(&text) != d.hash {
        return Err(err("changed on disk since it was loaded".into()));
    }
    Ok(text)
}

/// A fast 64-bit fingerprint of a text (not cryptographic: it tells an
/// edited file from the one that was loaded). Four lanes take 8 bytes each
/// in turn, so their multiplications overlap instead of waiting on each
/// other; every step is a bijection of a lane's state, so one changed word
/// always changes the result.
fn fingerprint(text: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        u64::from_le_bytes(w)
    };
    let bytes = text.as_bytes();
    let mut lanes = [bytes.len() as u64, 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for b in &mut blocks {
        for (lane, w) in lanes.iter_mut().zip(b.chunks_exact(8)) {
            *lane = mix(*lane, word(w));
        }
    }
    let h = lanes.into_iter().fold(0, mix);
    blocks.remainder().chunks(8).fold(h, |h, w| mix(h, word(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn a_file_is_read_again_decoded_and_cleaned_as_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let raw = "عنوان\r\nنص \u{1b}[2Jهنا\r\n";
        let p = write(dir.path(), "a.txt", raw.as_bytes());
        let loaded = crate::corpus::load_file(&p).unwrap();
        assert!(loaded.body.is_on_disk());
        let kept = crate::corpus::build::build_document(
            "x".into(),
            None,
            raw.into(),
            Vec::new(),
            Default::default(),
        )
        .unwrap();
        assert!(!kept.body.is_on_disk());
        let want = kept.text();
        assert!(!want.contains('\u{1b}') && !want.contains('\r'), "{want:?}");
        assert_eq!(loaded.text(), want);
        assert_eq!(loaded.body.len(), want.len());
        // windows-1256 bytes are decoded again the same way
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("سلام عليكم\nنص المقال هنا.\n");
        let p = write(dir.path(), "b.txt", &bytes);
        let loaded = crate::corpus::load_file(&p).unwrap();
        assert_eq!(&*loaded.load_text().unwrap(), "سلام عليكم\nنص المقال هنا.\n");
    }

    #[test]
    fn every_read_is_fresh_and_nothing_keeps_a_text() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "a.txt", "نص\n".as_bytes());
        let b = Body::on_disk(p.clone(), "نص\n");
        let first = b.text().unwrap();
        assert_eq!(&*first, "نص\n");
        // No reference is kept: dropping the last `Arc` frees the text.
        assert_eq!((Arc::strong_count(&first), Arc::weak_count(&first)), (1, 0));
        let second = b.text().unwrap();
        assert!(!Arc::ptr_eq(&first, &second), "read again");
        std::fs::remove_file(&p).unwrap();
        let e = b.text().unwrap_err();
        assert_eq!(e.path, p);
        assert!(e.reason.starts_with("cannot be read again"), "{e}");
        assert_eq!(&*first, "نص\n", "a held text stays as it was read");
        assert_eq!(&*Body::kept("x").text().unwrap(), "x");
    }

    #[test]
    fn the_notice_says_where_and_why_without_control_characters() {
        let e = TextError {
            path: PathBuf::from("/tmp/a\u{1b}[2J\nb.txt"),
            reason: "changed on disk since it was loaded".into(),
        };
        let n = e.notice();
        assert!(n.starts_with("⚠ /tmp/a"), "{n}");
        assert!(n.ends_with(": changed on disk since it was loaded"), "{n}");
        assert!(!n.chars().any(char::is_control), "{n:?}");
    }

    #[test]
    fn an_edited_file_is_reported_not_returned() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "a.txt", "روسيا\n".as_bytes());
        let b = Body::on_disk(p.clone(), "روسيا\n");
        write(dir.path(), "a.txt", "روسيه\n".as_bytes());
        assert_eq!(
            b.text().unwrap_err().reason,
            "changed on disk since it was loaded"
        );
        write(dir.path(), "a.txt", "روسيا وأرمينيا\n".as_bytes());
        assert!(b.text().is_err());
        write(dir.path(), "a.txt", "روسيا\n".as_bytes());
        assert_eq!(&*b.text().unwrap(), "روسيا\n");
    }

    #[test]
    fn kept_text_is_itself() {
        let b = Body::kept("x");
        assert!(!b.is_on_disk());
        assert_eq!(&*b.text().unwrap(), "x");
        assert_eq!(b, Body::kept("x"));
        assert_ne!(b, Body::kept("y"));
    }

    #[test]
    fn fingerprints_differ_for_one_changed_byte() {
        let a = "أرمينيا وأذربيجان ".repeat(50);
        let mut b = a.clone().into_bytes();
        b[301] ^= 1;
        let b = String::from_utf8_lossy(&b);
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint("ab"), fingerprint("ab\0"));
        // every byte of every lane and of the tail, for lengths around the
        // 32-byte blocks
        for len in [1, 7, 8, 31, 32, 33, 64, 71, 100] {
            let a = "x".repeat(len);
            for i in 0..len {
                let mut b = a.clone().into_bytes();
                b[i] = b'y';
                let b = String::from_utf8(b).unwrap();
                assert_ne!(fingerprint(&a), fingerprint(&b), "{len} {i}");
            }
        }
    }
}
