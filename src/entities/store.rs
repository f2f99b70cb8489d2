//! The user's additions in the data dir: `gazetteer.tsv` (same format as the
//! bundled lists, loaded on top of them) and `hidden-entities.txt` (one
//! `type<TAB>name` per line). Writes are atomic (temporary file + rename).

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use super::gazetteer::{parse_tsv, to_tsv, EntityType, Entry, Gazetteer, ParseError, Source};

/// File name of the user gazetteer inside the data dir.
pub const USER_GAZETTEER: &str = "gazetteer.tsv";
/// File name of the hidden-entities list inside the data dir.
pub const HIDDEN: &str = "hidden-entities.txt";

/// Reads the user gazetteer; a missing file is an empty list.
pub fn load_user_gazetteer(data_dir: &Path) -> io::Result<(Vec<Entry>, Vec<ParseError>)> {
    match std::fs::read_to_string(data_dir.join(USER_GAZETTEER)) {
        Ok(text) => Ok(parse_tsv(&text, Source::User)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((Vec::new(), Vec::new())),
        Err(e) => Err(e),
    }
}

/// The bundled gazetteer with the user's entries on top. Problems with the
/// user file are returned as messages, not errors: the bundled part works.
pub fn gazetteer_with_user(data_dir: &Path) -> (Gazetteer, Vec<String>) {
    let mut g = Gazetteer::builtin();
    let mut problems = Vec::new();
    match load_user_gazetteer(data_dir) {
        Ok((entries, errors)) => {
            g.add_all(entries);
            let path = data_dir.join(USER_GAZETTEER);
            problems.extend(errors.iter().map(|e| format!("{}: {e}", path.display())));
        }
        Err(e) => problems.push(format!("{}: {e}", data_dir.join(USER_GAZETTEER).display())),
    }
    (g, problems)
}

/// Adds `entry` to the user gazetteer file (merging with an entry of the same
/// name and type) and writes it back atomically.
pub fn add_user_entry(data_dir: &Path, entry: Entry) -> io::Result<()> {
    let (mut entries, _) = load_user_gazetteer(data_dir)?;
    match entries
        .iter_mut()
        .find(|e| e.canonical == entry.canonical && e.etype == entry.etype)
    {
        Some(e) => {
            for a in entry.aliases {
                if !e.aliases.contains(&a) {
                    e.aliases.push(a);
                }
            }
        }
        None => entries.push(entry),
    }
    write_atomic(&data_dir.join(USER_GAZETTEER), &to_tsv(&entries))
}

/// A hidden entity: its type and display name.
pub type HiddenKey = (EntityType, String);

/// Reads the hidden-entities list; a missing file is an empty set.
pub fn load_hidden(data_dir: &Path) -> io::Result<BTreeSet<HiddenKey>> {
    let text = match std::fs::read_to_string(data_dir.join(HIDDEN)) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(e),
    };
    Ok(text
        .lines()
        .filter_map(|l| {
            let (t, name) = l.split_once('\t')?;
            Some((EntityType::parse(t)?, name.trim().to_string()))
        })
        .collect())
}

/// Writes the hidden-entities list atomically.
pub fn save_hidden(data_dir: &Path, hidden: &BTreeSet<HiddenKey>) -> io::Result<()> {
    let mut out = String::new();
    for (t, name) in hidden {
        out.push_str(t.as_str());
        out.push('\t');
        out.push_str(&name.replace(['\t', '\n'], " "));
        out.push('\n');
    }
    write_atomic(&data_dir.join(HIDDEN), &out)
}

fn write_atomic(path: &Path, contents: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("qari"),
        std::process::id()
    ));
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, t: EntityType) -> Entry {
        Entry {
            canonical: name.to_string(),
            etype: t,
            aliases: vec![name.to_string()],
            demonyms: Vec::new(),
            latin: None,
            source: Source::User,
        }
    }

    #[test]
    fn user_gazetteer_round_trip_and_overlay() {
        let dir = tempfile::tempdir().unwrap();
        add_user_entry(dir.path(), entry("سوريل الفلاني", EntityType::Person)).unwrap();
        let mut again = entry("سوريل الفلاني", EntityType::Person);
        again.aliases.push("الفلاني".to_string());
        add_user_entry(dir.path(), again).unwrap();
        add_user_entry(dir.path(), entry("شركة المثال", EntityType::Organization)).unwrap();
        let (entries, errors) = load_user_gazetteer(dir.path()).unwrap();
        assert!(errors.is_empty());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].aliases, ["سوريل الفلاني", "الفلاني"]);
        let (g, problems) = gazetteer_with_user(dir.path());
        assert!(problems.is_empty());
        let i = g.lookup("الفلاني").unwrap();
        assert_eq!(g.entries[i].source, Source::User);
    }

    #[test]
    fn hidden_round_trip_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_hidden(dir.path()).unwrap().is_empty());
        assert!(load_user_gazetteer(dir.path()).unwrap().0.is_empty());
        let hidden: BTreeSet<HiddenKey> = [
            (EntityType::Place, "روسيا".to_string()),
            (EntityType::Date, "يوم السبت".to_string()),
        ]
        .into();
        save_hidden(dir.path(), &hidden).unwrap();
        assert_eq!(load_hidden(dir.path()).unwrap(), hidden);
    }

    #[test]
    fn bad_user_lines_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(USER_GAZETTEER),
            "nonsense line\nplace\tمكان ما\n",
        )
        .unwrap();
        let (g, problems) = gazetteer_with_user(dir.path());
        assert_eq!(problems.len(), 1);
        assert!(g.lookup("مكان ما").is_some());
    }
}
