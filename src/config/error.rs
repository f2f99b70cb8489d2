//! Config errors that point at the file, line, column and key.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A config file that cannot be used. `Display` gives
/// `path:line:column: key `a.b`: message`, the shape editors and terminals
/// turn into a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub column: Option<usize>,
    /// The dotted key the problem is in (`keys.reader."g x"`), if known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::error::Error for ConfigError {}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "key `{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl ConfigError {
    /// An error about the file as a whole (unreadable, not UTF-8).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: None,
            column: None,
            key: None,
            message: message.into(),
        }
    }

    /// An error at byte range `span` of `source`; the line, column and key
    /// are worked out from the source.
    pub fn at(path: &Path, source: &str, span: Option<Range<usize>>, message: &str) -> Self {
        let mut e = Self::whole_file(path, message);
        if let Some(span) = span {
            let (line, column) = line_col(source, span.start);
            e.line = Some(line);
            e.column = Some(column);
            e.key = key_at(source, &span);
        }
        e
    }

    /// Converts a `toml` error (syntax or deserialization).
    pub fn from_toml(path: &Path, source: &str, err: &toml::de::Error) -> Self {
        // toml's own message repeats the source excerpt; keep the first line,
        // which is what went wrong.
        let message = err
            .message()
            .lines()
            .next()
            .unwrap_or("invalid config")
            .trim();
        Self::at(path, source, err.span(), message)
    }
}

/// 1-based line and character column of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The dotted path of the innermost key whose key or value contains `span`.
pub fn key_at(source: &str, span: &Range<usize>) -> Option<String> {
    let root = DeTable::parse(source).ok()?;
    let mut path = Vec::new();
    find_in_table(root.get_ref(), span, &mut path).then(|| path.join("."))
}

// Table spans cover only the `[header]`, not the entries below it, so every
// table is searched; a hit is a key or a leaf value containing the span.
fn find_in_table(table: &DeTable<'_>, span: &Range<usize>, path: &mut Vec<String>) -> bool {
    for (key, value) in table {
        path.push(quote_key(key.get_ref()));
        if find_in_value(value, span, path) || contains(&key.span(), span) {
            return true;
        }
        path.pop();
    }
    false
}

fn find_in_value(
    value: &Spanned<DeValue<'_>>,
    span: &Range<usize>,
    path: &mut Vec<String>,
) -> bool {
    match value.get_ref() {
        DeValue::Table(t) => find_in_table(t, span, path) || contains(&value.span(), span),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                if find_in_value(item, span, path) {
                    return true;
                }
                path.pop();
            }
            contains(&value.span(), span)
        }
        _ => contains(&value.span(), span),
    }
}

/// Whether `inner` lies inside the non-empty range `outer`.
fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer.start < outer.end
}

/// A key as written in TOML: bare if it can be, else quoted.
pub fn quote_key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        k.to_string()
    } else {
        format!("{k:?}")
    }
}
