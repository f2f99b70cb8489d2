//! Turning command-line paths into an ordered list of files to read, with
//! stable ids.
//!
//! A folder is walked recursively for `.txt`, `.md` and `.jsonl` files (any
//! case); names starting with `.` are skipped, and symbolic links to folders
//! are not followed (no cycles). A file named on the command line is read
//! whatever its extension. Ids are paths relative to the folder argument with
//! `/` separators (a file argument: its file name); files are sorted by id
//! within each argument, arguments keep their order, and a repeated id gets a
//! `#2`, `#3`… suffix.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Skipped;

/// Where a planned file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A seed compiled into the binary.
    Embedded(&'static [u8]),
}

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    /// The document id (or the prefix of JSONL record ids).
    pub id: String,
    /// Where to read it.
    pub source: FileSource,
    /// Size in bytes when known: files found by walking a folder are not
    /// stat'ed and have 0 here.
    pub size: u64,
}

impl PlannedFile {
    /// Whether the file holds one JSON record a line.
    pub fn is_jsonl(&self) -> bool {
        // Quick reject first (the loader asks this several times a file): an
        // extension `jsonl` means a name ending in `.jsonl`.
        let ends = |b: &[u8]| b.len() >= 6 && b[b.len() - 6..].eq_ignore_ascii_case(b".jsonl");
        (ends(self.id.as_bytes()) && has_ext(Path::new(&self.id), &["jsonl"]))
            || matches!(&self.source, FileSource::Disk(p)
                if ends(p.as_os_str().as_encoded_bytes()) && has_ext(p, &["jsonl"]))
    }

    /// The path, for disk files.
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            FileSource::Disk(p) => Some(p),
            FileSource::Embedded(_) => None,
        }
    }
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Extensions loaded from folders.
const EXTS: [&str; 3] = ["txt", "md", "jsonl"];

/// Plans the files for `paths`, in order, with unique ids.
///
/// Folders are walked in parallel (one task per subfolder) and their files
/// are not stat'ed: the file type comes from the folder listing, and the size
/// of a file found in a folder is left at 0 (the loader counts the bytes it
/// reads). A stat per file was half of the walk's time.
pub fn plan(paths: &[PathBuf]) -> (Vec<PlannedFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for arg in paths {
        match fs::metadata(arg) {
            Err(e) => skipped.push(skip(arg, &e)),
            Ok(m) if m.is_dir() => {
                let (mut found, skips) = walk(arg, "");
                // `walk` returns the ids sorted unless two names had the same
                // lossy id; then sort (stable: the listing order breaks ties).
                if !found.windows(2).all(|w| w[0].id < w[1].id) {
                    found.par_sort_by(|a, b| a.id.cmp(&b.id));
                }
                files.extend(found);
                skipped.extend(skips);
            }
            Ok(m) if m.is_file() => files.push(PlannedFile {
                id: arg
                    .file_name()
                    .map_or_else(|| arg.display().to_string(), |n| n.to_string_lossy().into()),
                source: FileSource::Disk(arg.clone()),
                size: m.len(),
            }),
            Ok(_) => skipped.push(not_regular(arg)),
        }
    }
    // One folder argument gives distinct ids (sorted: a repeat would be
    // adjacent); only then is the set of seen ids not needed.
    let distinct = paths.len() == 1 && files.windows(2).all(|w| w[0].id != w[1].id);
    if !distinct {
        let mut seen = HashSet::new();
        for f in &mut files {
            f.id = unique_id(&f.id, &mut seen);
        }
    }
    (files, skipped)
}

/// `id`, or `id#2`, `id#3`… if already in `seen`; records the result.
pub fn unique_id(id: &str, seen: &mut HashSet<String>) -> String {
    let mut out = id.to_string();
    let mut n = 1;
    while seen.contains(&out) {
        n += 1;
        out = format!("{id}#{n}");
    }
    seen.insert(out.clone());
    out
}

/// A skipped entry with the OS error as the reason.
pub fn skip(path: &Path, e: &std::io::Error) -> Skipped {
    Skipped {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn not_regular(path: &Path) -> Skipped {
    Skipped {
        path: path.to_path_buf(),
        reason: "not a regular file".into(),
    }
}

/// The files under `dir`, sorted by id, and what was skipped; `prefix` is
/// the id of `dir` with a trailing `/` (empty for the folder argument).
///
/// Each folder sorts its own files and subfolders (a subfolder by its id
/// with the `/`): every id under a subfolder starts with that key, so the
/// sorted lists merged in key order are the sorted list of all ids, without
/// comparing every pair of full paths (the global sort was 40 % of the walk).
fn walk(dir: &Path, prefix: &str) -> (Vec<PlannedFile>, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return (out, vec![skip(dir, &e)]),
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                skipped.push(skip(dir, &e));
                continue;
            }
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        // From the listing (d_type): no system call on the usual file systems.
        let Ok(ft) = entry.file_type() else {
            continue;
        };
        let id = || format!("{prefix}{}", name.to_string_lossy());
        if ft.is_dir() {
            subdirs.push((entry.path(), id() + "/"));
            continue;
        }
        let path = entry.path();
        if !has_ext(&path, &EXTS) {
            continue;
        }
        if ft.is_file() {
            out.push(PlannedFile {
                id: id(),
                source: FileSource::Disk(path),
                size: 0,
            });
            continue;
        }
        if !ft.is_symlink() {
            skipped.push(not_regular(&path));
            continue;
        }
        match fs::metadata(&path) {
            Err(e) => skipped.push(skip(&path, &e)),
            Ok(m) if m.is_file() => out.push(PlannedFile {
                id: id(),
                source: FileSource::Disk(path),
                size: m.len(),
            }),
            // A symlink to a folder is not followed.
            Ok(m) if m.is_dir() => {}
            Ok(_) => skipped.push(not_regular(&path)),
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    subdirs.sort_by(|a, b| a.1.cmp(&b.1));
    let subs: Vec<_> = subdirs
        .par_iter()
        .map(|(path, prefix)| walk(path, prefix))
        .collect();
    if subs.is_empty() {
        return (out, skipped);
    }
    let mut merged = Vec::with_capacity(out.len() + subs.iter().map(|s| s.0.len()).sum::<usize>());
    let mut files = out.into_iter().peekable();
    for ((_, key), (sub, skips)) in subdirs.iter().zip(subs) {
        while let Some(f) = files.next_if(|f| f.id < *key) {
            merged.push(f);
        }
        merged.extend(sub);
        skipped.extend(skips);
    }
    merged.extend(files);
    (merged, skipped)
}

/// The five seed articles compiled into the binary.
pub const EMBEDDED_SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_29a832587050bdde.txt",
        include_bytes!("../../seeds/000_29a832587050bdde.txt"),
    ),
    (
        "001_960e743a51614c08.txt",
        include_bytes!("../../seeds/001_960e743a51614c08.txt"),
    ),
    (
        "002_c82f50676b35041e.txt",
        include_bytes!("../../seeds/002_c82f50676b35041e.txt"),
    ),
    (
        "003_6a1b7cce191ada7f.txt",
        include_bytes!("../../seeds/003_6a1b7cce191ada7f.txt"),
    ),
    (
        "004_b472dfb818848289.txt",
        include_bytes!("../../seeds/004_b472dfb818848289.txt"),
    ),
];

/// The plan for the embedded seeds.
pub fn plan_embedded() -> Vec<PlannedFile> {
    EMBEDDED_SEEDS
        .iter()
        .map(|(id, bytes)| PlannedFile {
            id: (*id).to_string(),
            source: FileSource::Embedded(bytes),
            size: bytes.len() as u64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_get_a_suffix() {
        let mut seen = HashSet::new();
        let ids: Vec<_> = ["a", "a", "b", "a"]
            .iter()
            .map(|i| unique_id(i, &mut seen))
            .collect();
        assert_eq!(ids, ["a", "a#2", "b", "a#3"]);
    }

    #[test]
    fn nested_ids_use_slashes_and_sort_as_strings() {
        let tmp = tempfile::tempdir().unwrap();
        let names = [
            "a/x.txt",
            "a.txt",
            "a/b/y.md",
            "ab.txt",
            "z.TXT",
            "n.pdf",
            ".h/w.txt",
            "a-.txt",
            "a0/z.txt",
            "a/b.txt",
            "b/c/d/e.md",
        ];
        for name in names {
            let p = tmp.path().join(name);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        let (files, skipped) = plan(&[tmp.path().to_path_buf()]);
        assert!(skipped.is_empty(), "{skipped:?}");
        let ids: Vec<_> = files.iter().map(|f| f.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert_eq!(
            ids,
            [
                "a-.txt",
                "a.txt",
                "a/b.txt",
                "a/b/y.md",
                "a/x.txt",
                "a0/z.txt",
                "ab.txt",
                "b/c/d/e.md",
                "z.TXT"
            ]
        );
        assert_eq!(files[4].path(), Some(tmp.path().join("a/x.txt").as_path()));
        let (twice, _) = plan(&[tmp.path().to_path_buf(), tmp.path().to_path_buf()]);
        assert_eq!(twice[10].id, "a.txt#2");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn walked_ids_come_out_sorted(
            names in proptest::collection::btree_set("[a0-][a.0-]{0,2}(/[a0-][a.0-]{0,2}){0,2}\\.txt", 1..12)
        ) {
            let tmp = tempfile::tempdir().unwrap();
            let mut want = Vec::new();
            for name in &names {
                let p = tmp.path().join(name);
                // A name may already be a folder (or a file in the way of one).
                if p.parent().is_some_and(|d| fs::create_dir_all(d).is_ok()) && fs::write(&p, "x").is_ok() {
                    want.push(name.clone());
                }
            }
            want.retain(|n| tmp.path().join(n).is_file());
            want.sort();
            let (files, _) = plan(&[tmp.path().to_path_buf()]);
            let ids: Vec<_> = files.iter().map(|f| f.id.clone()).collect();
            proptest::prop_assert_eq!(ids, want);
        }
    }

    #[test]
    fn jsonl_is_told_by_the_extension() {
        let file = |name: &str| PlannedFile {
            id: name.to_string(),
            source: FileSource::Disk(PathBuf::from("/d").join(name)),
            size: 0,
        };
        for (name, want) in [
            ("a.jsonl", true),
            ("b/A.JSONL", true),
            (".jsonl", false),
            ("x.jsonl.txt", false),
            ("d.jsonl/a.txt", false),
            ("jsonl", false),
        ] {
            assert_eq!(file(name).is_jsonl(), want, "{name}");
        }
    }

    #[test]
    fn embedded_seeds_are_the_seed_files() {
        let mut names: Vec<_> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let ids: Vec<_> = plan_embedded().into_iter().map(|f| f.id).collect();
        assert_eq!(ids, names);
    }
}
