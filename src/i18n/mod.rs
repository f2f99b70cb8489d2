//! The interface's own words in English and Arabic (`--ui-lang`, config
//! `display.ui_lang`). Arabic strings are logical text: draw them through
//! `text::layout_inline` like any document text.
//!
//! Three ways in, all backed by the tables in [`tables`]:
//! - [`tr`]: a [`Msg`] id (add a variant and a [`MESSAGES`] row; a test
//!   checks every variant has both languages);
//! - [`localize`]: a fixed English word or label ([`MESSAGES`], [`PHRASES`]);
//! - [`localize_text`]: any English interface text, including messages
//!   built with `format!` (status messages, hints): whole strings, then
//!   their parts between ` · ` and `; `, are looked up in [`PHRASES`], the
//!   action descriptions and the [`TEMPLATES`]. The panes call it when they
//!   draw, so code that sets a message writes plain English.
//!
//! Key descriptions are looked up by action name in [`ACTIONS_AR`]; an
//! action missing there keeps its English description. Untranslated text
//! stays English.

mod tables;

use std::borrow::Cow;

pub use tables::{ACTIONS_AR, MESSAGES, PHRASES, TEMPLATES};

use crate::config::UiLang;
use crate::keymap::defaults::DEFAULT_BINDINGS;

/// An interface string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    /// Title of the document list pane.
    Documents,
    /// Title of the reader pane.
    Reader,
    /// Title of the sidebar pane.
    Sidebar,
    /// Sidebar tab: entities.
    Entities,
    /// Sidebar tab / popup: annotations.
    Annotations,
    /// Entity kind: people.
    People,
    /// Entity kind: places.
    Places,
    /// Entity kind: organisations.
    Organizations,
    /// Entity kind: dates.
    Dates,
    /// Title of the help popup.
    Help,
    /// Help column heading: keys.
    Keys,
    /// Help column heading: what a key does.
    Action,
    /// Search popup title.
    Search,
    /// Shown while the corpus loads.
    Loading,
    /// The corpus is empty.
    NoDocuments,
    /// No document is open in the reader.
    NoDocumentOpen,
    /// Status-bar hint for the help key (the key is appended).
    HelpHint,
    /// Status-bar count of files that could not be read.
    SkippedFiles,
    /// Status-bar mode name: normal.
    ModeNormal,
    /// Status-bar mode name: waiting for the rest of a chord.
    ModePending,
    /// Help section: keys that work everywhere.
    ContextGlobal,
    /// Help section: the document list.
    ContextList,
    /// Help section: the reader.
    ContextReader,
    /// Help section: the sidebar.
    ContextSidebar,
    /// Help section: any popup.
    ContextPopup,
    /// Help section: the help popup.
    ContextHelp,
}

/// `msg` in `lang`.
pub fn tr(lang: UiLang, msg: Msg) -> &'static str {
    MESSAGES
        .iter()
        .find(|(m, _, _)| *m == msg)
        .map(|&(_, en, ar)| match lang {
            UiLang::En => en,
            UiLang::Ar => ar,
        })
        .unwrap_or("")
}

/// An English interface string (a [`MESSAGES`] entry, or one of
/// [`PHRASES`]) in `lang`; strings without a translation stay English.
pub fn localize(lang: UiLang, english: &str) -> &str {
    if lang == UiLang::En {
        return english;
    }
    translate_fixed(english).unwrap_or(english)
}

/// Any English interface text in `lang` (see the module doc): a fixed
/// phrase, an action description, or a [`TEMPLATES`] match with its parts
/// filled in; else each part between ` · ` or `; ` on its own; else `text`
/// unchanged.
pub fn localize_text(lang: UiLang, text: &str) -> Cow<'_, str> {
    if lang == UiLang::En || text.trim().is_empty() {
        return Cow::Borrowed(text);
    }
    if let Some(ar) = translate_fixed(text) {
        return Cow::Borrowed(ar);
    }
    // Separators first: a template's `{}` would otherwise swallow them.
    for sep in [" · ", "; "] {
        if text.contains(sep) {
            let parts: Vec<Cow<'_, str>> =
                text.split(sep).map(|p| localize_text(lang, p)).collect();
            if parts.iter().zip(text.split(sep)).all(|(p, o)| p == o) {
                // nothing translated: document text stays byte for byte
                return Cow::Borrowed(text);
            }
            return Cow::Owned(parts.join(sep));
        }
    }
    if let Some(t) = translate_whole(text) {
        return t;
    }
    // Padding (` Title `) is kept around the translated words.
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        if let Some(t) = translate_whole(trimmed) {
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            return Cow::Owned(format!("{}{t}{}", &text[..start], &text[end..]));
        }
    }
    Cow::Borrowed(text)
}

/// `n` in `lang` with its digits grouped by threes: `12,345`. The Arabic
/// interface writes Western digits everywhere, and Unicode CLDR groups
/// those with `,` in Arabic too (U+066C ARABIC THOUSANDS SEPARATOR goes with
/// Arabic-Indic digits only), so both languages give `12,345`. Counts built
/// with it go through [`localize_text`] unchanged.
pub fn count(lang: UiLang, n: usize) -> String {
    let sep = match lang {
        UiLang::En | UiLang::Ar => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// A fixed phrase (messages, phrases, action descriptions): `text` as a
/// whole, no templates.
fn translate_fixed(text: &str) -> Option<&'static str> {
    MESSAGES
        .iter()
        .map(|&(_, en, ar)| (en, ar))
        .chain(PHRASES.iter().copied())
        .find(|(en, _)| *en == text)
        .map(|(_, ar)| ar)
        .or_else(|| {
            let (_, _, action, _) = DEFAULT_BINDINGS.iter().find(|b| b.3 == text)?;
            let name = action.name();
            ACTIONS_AR
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, ar)| *ar)
        })
}

fn translate_whole(text: &str) -> Option<Cow<'static, str>> {
    if let Some(ar) = translate_fixed(text) {
        return Some(Cow::Borrowed(ar));
    }
    TEMPLATES.iter().find_map(|(en, ar)| {
        let parts = match_template(en, text)?;
        let mut out = String::new();
        let mut pieces = ar.split("{}");
        out.push_str(pieces.next().unwrap_or(""));
        for ((part, translate), piece) in parts.into_iter().zip(pieces) {
            let shown = if translate {
                translate_fixed(part).unwrap_or(part)
            } else {
                part
            };
            out.push_str(shown);
            out.push_str(piece);
        }
        Some(Cow::Owned(out))
    })
}

/// The parts of `text` that fill the placeholders of `template` (`{}` or
/// `{t}`, the flag says which), if it matches. Each part is non-empty; a
/// literal between two parts is found leftmost, the last one at the end.
fn match_template<'t>(template: &str, text: &'t str) -> Option<Vec<(&'t str, bool)>> {
    let mut literals = Vec::new();
    let mut kinds = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let (lit, tail) = rest.split_at(i);
        literals.push(lit);
        let (kind, after) = if let Some(t) = tail.strip_prefix("{t}") {
            (true, t)
        } else {
            (false, tail.strip_prefix("{}")?)
        };
        kinds.push(kind);
        rest = after;
    }
    literals.push(rest);
    if kinds.is_empty() {
        return (text == template).then(Vec::new);
    }
    let mut left = text.strip_prefix(literals[0])?;
    let mut parts = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let next = literals[i + 1];
        let end = if i + 1 == kinds.len() {
            left.strip_suffix(next)?.len()
        } else if next.is_empty() {
            return None;
        } else {
            left.find(next)?
        };
        if end == 0 {
            return None;
        }
        parts.push((&left[..end], *kind));
        left = &left[end + next.len()..];
    }
    Some(parts)
}

/// The description of action `name` in `lang`: the Arabic one if there is
/// one, else `english`.
pub fn action_description<'a>(lang: UiLang, name: &str, english: &'a str) -> &'a str {
    match lang {
        UiLang::En => english,
        UiLang::Ar => ACTIONS_AR
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(english, |&(_, ar)| ar),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{layout_inline, BidiMode, LayoutOptions};

    const ALL: [Msg; 26] = [
        Msg::Documents,
        Msg::Reader,
        Msg::Sidebar,
        Msg::Entities,
        Msg::Annotations,
        Msg::People,
        Msg::Places,
        Msg::Organizations,
        Msg::Dates,
        Msg::Help,
        Msg::Keys,
        Msg::Action,
        Msg::Search,
        Msg::Loading,
        Msg::NoDocuments,
        Msg::NoDocumentOpen,
        Msg::HelpHint,
        Msg::SkippedFiles,
        Msg::ModeNormal,
        Msg::ModePending,
        Msg::ContextGlobal,
        Msg::ContextList,
        Msg::ContextReader,
        Msg::ContextSidebar,
        Msg::ContextPopup,
        Msg::ContextHelp,
    ];

    fn is_arabic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    }

    #[test]
    fn every_message_has_english_and_arabic() {
        assert_eq!(MESSAGES.len(), ALL.len());
        for m in ALL {
            let (en, ar) = (tr(UiLang::En, m), tr(UiLang::Ar, m));
            assert!(
                !en.is_empty() && (en.is_ascii() || en.ends_with('…')),
                "{m:?}"
            );
            assert!(is_arabic(ar), "{m:?}: {ar}");
        }
        for (name, ar) in ACTIONS_AR {
            assert!(is_arabic(ar), "{name}");
        }
    }

    #[test]
    fn arabic_titles_render_right_to_left_through_the_pipeline() {
        let opts = LayoutOptions {
            width: 40,
            bidi: BidiMode::App,
            shape: true,
            direction: None,
        };
        let line = layout_inline(tr(UiLang::Ar, Msg::Documents), 40, &opts);
        assert!(line.rtl);
        // Visual order: the first letter of the word (ا of ال) is drawn last.
        let last = line.cells.last().unwrap();
        assert_eq!(last.logical.start, 0, "{:?}", line.to_text());
    }

    #[test]
    fn localize_uses_messages_and_phrases() {
        assert_eq!(localize(UiLang::Ar, "Reader"), "القارئ");
        assert_eq!(localize(UiLang::Ar, "READ"), "القراءة");
        assert_eq!(localize(UiLang::Ar, "Untranslated"), "Untranslated");
        assert_eq!(localize(UiLang::En, "Reader"), "Reader");
        for (en, ar) in PHRASES {
            assert!(is_arabic(ar) || en == ar, "{en}");
        }
    }

    #[test]
    fn action_descriptions_fall_back_to_english() {
        assert_eq!(action_description(UiLang::Ar, "quit", "Quit"), "خروج");
        assert_eq!(action_description(UiLang::Ar, "no_such", "Thing"), "Thing");
        assert_eq!(action_description(UiLang::En, "quit", "Quit"), "Quit");
    }

    #[test]
    fn messages_built_with_format_are_translated() {
        let ar = |s: &str| localize_text(UiLang::Ar, s).into_owned();
        assert_eq!(ar("hit 2/7"), "النتيجة 2/7");
        assert_eq!(ar("no hits for مصر"), "لا نتائج عن مصر");
        assert_eq!(
            ar("paragraph direction: right to left"),
            "اتجاه الفقرات: من اليمين إلى اليسار"
        );
        assert_eq!(ar("added Ali (person)"), "أُضيف Ali (شخص)");
        assert_eq!(ar("annotation saved"), "حُفظ التعليق");
        assert_eq!(ar("  5 docs   12×"), "  5 مستند   12×");
        // parts between separators, each on its own; padding kept
        assert_eq!(ar("claim · orphan · my note"), "claim · يتيم · my note");
        assert_eq!(
            ar("3 · this document (c toggles)"),
            "3 · هذا المستند (c للتبديل)"
        );
        assert_eq!(
            ar("cannot read a.json: denied; annotations NOT saved: full"),
            "تعذّرت قراءة a.json: denied; لم تُحفظ التعليقات: full"
        );
        assert_eq!(ar(" New annotation "), " تعليق جديد ");
        // action descriptions (pending-chord hints)
        assert_eq!(ar("Go to the top"), "الذهاب إلى البداية");
        // unknown text and English stay as they are
        assert_eq!(ar("hello there"), "hello there");
        assert_eq!(localize_text(UiLang::En, "hit 2/7"), "hit 2/7");
        // a placeholder never matches nothing
        assert_eq!(ar("hit /"), "hit /");
    }

    #[test]
    fn counts_are_grouped_by_thousands_in_each_language() {
        let cases = [
            (0, "0", "0"),
            (999, "999", "999"),
            (1000, "1,000", "1,000"),
            (12345, "12,345", "12,345"),
            (1234567, "1,234,567", "1,234,567"),
        ];
        for (n, en, ar) in cases {
            assert_eq!(count(UiLang::En, n), en);
            assert_eq!(count(UiLang::Ar, n), ar);
        }
        // the grouped counts pass through the templates untouched
        let t = format!("{} hits in {} documents", count(UiLang::Ar, 12345), 3456);
        assert_eq!(
            localize_text(UiLang::Ar, &t),
            "النتائج 12,345 في 3456 مستند"
        );
    }

    #[test]
    fn templates_are_well_formed() {
        for (en, ar) in TEMPLATES {
            let holes = en.matches("{}").count() + en.matches("{t}").count();
            assert!(holes > 0, "{en}");
            assert_eq!(ar.matches("{}").count(), holes, "{en}");
            assert!(!en.contains("{}{") && !en.contains("}{"), "{en}");
            assert!(is_arabic(ar), "{en}");
            // the template matches itself with placeholders filled in
            let filled = en.replace("{t}", "x").replace("{}", "9");
            assert!(match_template(en, &filled).is_some(), "{en}");
        }
    }
}
