//! Loading a folder with good and bad files: what loads, in which order,
//! and that every skipped file says why.
//!
//! Tests run as root in CI, where `chmod 000` does not make a file
//! unreadable; unreadable files are simulated with a dangling symlink and a
//! FIFO (which must be skipped without being opened, or the test would hang).

use std::fs;
use std::path::{Path, PathBuf};

use qari::corpus::{load, load_file, load_streaming, LoadEvent};

const SEED_001: &str = include_str!("../seeds/001_960e743a51614c08.txt");

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

fn mixed_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "b.txt", SEED_001);
    write(d, "a.md", "# عنوان\n\nنص المقال.\n");
    write(d, "nested/deeper/c.txt", "مقال متداخل.\r\nسطر ثان\r\n");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(SEED_001);
    write(d, "legacy.txt", cp1256);
    write(d, "binary.txt", [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
    let mut undecodable = vec![0xFF, 0xFE];
    undecodable.extend([0x00, 0xD8].repeat(40));
    write(d, "undecodable.txt", undecodable);
    write(d, "ignored.pdf", "نص");
    write(d, ".hidden.txt", "نص");
    write(d, "empty.txt", "");
    write(
        d,
        "records.jsonl",
        concat!(
            r#"{"id":"r1","text":"سجل أول."}"#,
            "\n",
            "{not json\n",
            r#"{"id":"r2","text":"سجل ثان.","title":"عنوان مُعطى"}"#,
            "\n"
        ),
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
        let fifo = d.join("fifo.txt");
        let ok = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(ok.is_ok_and(|s| s.success()), "mkfifo");
    }
    tmp
}

#[test]
fn mixed_folder_loads_good_files_and_reports_bad_ones() {
    let tmp = mixed_folder();
    let corpus = load(&[tmp.path().to_path_buf()]);
    let ids: Vec<_> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a.md",
            "b.txt",
            "legacy.txt",
            "nested/deeper/c.txt",
            "r1",
            "r2"
        ]
    );
    let legacy = &corpus.docs[2];
    assert_eq!(legacy.text(), corpus.docs[1].text());
    assert!(legacy.notes.iter().any(|n| n.contains("windows-1256")));
    assert_eq!(corpus.docs[0].title, "عنوان");
    assert_eq!(&*corpus.docs[3].text(), "مقال متداخل.\nسطر ثان\n");
    assert_eq!(corpus.docs[5].title, "عنوان مُعطى");

    let reason = |name: &str| {
        let hits: Vec<_> = corpus
            .skipped
            .iter()
            .filter(|s| s.path.file_name().unwrap() == name)
            .map(|s| s.reason.clone())
            .collect();
        assert!(
            !hits.is_empty(),
            "{name} not reported: {:?}",
            corpus.skipped
        );
        hits.join("; ")
    };
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("undecodable.txt").starts_with("undecodable"));
    assert_eq!(reason("empty.txt"), "no text");
    assert!(reason("records.jsonl").starts_with("line 2: invalid JSON"));
    #[cfg(unix)]
    {
        assert!(reason("dangling.txt").contains("No such file"));
        assert_eq!(reason("fifo.txt"), "not a regular file");
    }
    assert!(corpus.skipped.iter().all(|s| !s.reason.is_empty()));
    assert!(!corpus
        .skipped
        .iter()
        .any(|s| s.path.ends_with("ignored.pdf")));
    assert!(!corpus
        .skipped
        .iter()
        .any(|s| s.path.ends_with(".hidden.txt")));
}

#[test]
fn arguments_keep_their_order_and_duplicate_ids_get_a_suffix() {
    let tmp = tempfile::tempdir().unwrap();
    let one = write(tmp.path(), "x/doc.txt", "الأول");
    let two = write(tmp.path(), "y/doc.txt", "الثاني");
    let missing = tmp.path().join("nope");
    let corpus = load(&[two, one, missing.clone()]);
    let got: Vec<_> = corpus
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.text().to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("doc.txt", "الثاني".to_string()),
            ("doc.txt#2", "الأول".to_string())
        ]
    );
    assert_eq!(corpus.skipped.len(), 1);
    assert_eq!(corpus.skipped[0].path, missing);
}

#[test]
fn a_record_id_that_is_taken_gets_a_suffix() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "a.txt", "نص");
    write(
        tmp.path(),
        "b.jsonl",
        "{\"id\":\"a.txt\",\"text\":\"سجل\"}\n",
    );
    let corpus = load(&[tmp.path().to_path_buf()]);
    let ids: Vec<_> = corpus.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a.txt", "a.txt#2"]);
    let streamed = std::sync::Mutex::new(Vec::new());
    load_streaming(&[tmp.path().to_path_buf()], |e| {
        if let LoadEvent::Loaded { doc, .. } = e {
            streamed.lock().unwrap().push(doc.id);
        }
    });
    let mut streamed = streamed.into_inner().unwrap();
    streamed.sort();
    assert_eq!(streamed, ["a.txt", "a.txt#2"]);
}

#[test]
fn streaming_reports_every_document_with_its_place() {
    let tmp = mixed_folder();
    let events = std::sync::Mutex::new(Vec::new());
    load_streaming(&[tmp.path().to_path_buf()], |e| {
        events.lock().unwrap().push(e)
    });
    let events = events.into_inner().unwrap();
    assert!(matches!(events.first(), Some(LoadEvent::Planned { .. })));
    assert!(matches!(events.last(), Some(LoadEvent::Done)));
    let mut loaded: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            LoadEvent::Loaded { key, doc } => Some((*key, doc.id.clone())),
            _ => None,
        })
        .collect();
    loaded.sort();
    let ids: Vec<_> = loaded.into_iter().map(|(_, id)| id).collect();
    let blocking: Vec<_> = load(&[tmp.path().to_path_buf()])
        .docs
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, blocking);
}

#[test]
fn load_file_reads_one_document_or_says_why_not() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "any.name", "\u{feff}عنوان\n\nنص\n");
    let doc = load_file(&p).unwrap();
    assert_eq!((doc.id.as_str(), doc.title.as_str()), ("any.name", "عنوان"));
    let err = load_file(&tmp.path().join("nope.txt")).unwrap_err();
    assert!(err.reason.contains("No such file"), "{err}");
    let err = load_file(tmp.path()).unwrap_err();
    assert_eq!(err.reason, "is a folder, not a file");
}
