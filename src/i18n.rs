//! The interface's own words in English and Arabic (`--ui-lang`, config
//! `display.ui_lang`). Arabic strings are logical text: draw them through
//! `text::layout_inline` like any document text.
//!
//! To add a string: a [`Msg`] variant and a row in [`MESSAGES`] (a test
//! checks every variant has both languages). Key descriptions are looked up
//! by action name in [`ACTIONS_AR`]; an action missing there keeps its
//! English description.

use crate::config::UiLang;

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

/// `(message, English, Arabic)`.
pub const MESSAGES: &[(Msg, &str, &str)] = &[
    (Msg::Documents, "Documents", "المستندات"),
    (Msg::Reader, "Reader", "القارئ"),
    (Msg::Sidebar, "Sidebar", "الشريط الجانبي"),
    (Msg::Entities, "Entities", "الكيانات"),
    (Msg::Annotations, "Annotations", "التعليقات"),
    (Msg::People, "People", "الأشخاص"),
    (Msg::Places, "Places", "الأماكن"),
    (Msg::Organizations, "Organizations", "المنظمات"),
    (Msg::Dates, "Dates", "التواريخ"),
    (Msg::Help, "Help", "مساعدة"),
    (Msg::Keys, "Keys", "المفاتيح"),
    (Msg::Action, "Action", "الإجراء"),
    (Msg::Search, "Search", "بحث"),
    (Msg::Loading, "Loading…", "جارٍ التحميل…"),
    (Msg::NoDocuments, "No documents", "لا توجد مستندات"),
    (
        Msg::NoDocumentOpen,
        "No document open",
        "لا يوجد مستند مفتوح",
    ),
    (Msg::HelpHint, "help", "مساعدة"),
    (Msg::SkippedFiles, "files skipped", "ملفات متخطاة"),
    (Msg::ModeNormal, "NORMAL", "عادي"),
    (Msg::ModePending, "KEYS", "مفاتيح"),
    (Msg::ContextGlobal, "Everywhere", "في كل مكان"),
    (Msg::ContextList, "Document list", "قائمة المستندات"),
    (Msg::ContextReader, "Reader", "القارئ"),
    (Msg::ContextSidebar, "Sidebar", "الشريط الجانبي"),
    (Msg::ContextPopup, "Any popup", "أي نافذة منبثقة"),
    (Msg::ContextHelp, "Help", "المساعدة"),
];

/// Arabic descriptions of actions, by action name (as in config files).
pub const ACTIONS_AR: &[(&str, &str)] = &[
    ("quit", "خروج"),
    ("toggle_help", "إظهار هذه المساعدة أو إخفاؤها"),
    ("close_popup", "إغلاق النافذة المنبثقة"),
    ("focus_next", "الانتقال إلى اللوحة التالية"),
    ("focus_prev", "الانتقال إلى اللوحة السابقة"),
    ("move_down", "سطر أو عنصر إلى الأسفل"),
    ("move_up", "سطر أو عنصر إلى الأعلى"),
    ("page_down", "صفحة إلى الأسفل"),
    ("page_up", "صفحة إلى الأعلى"),
    ("half_page_down", "نصف صفحة إلى الأسفل"),
    ("half_page_up", "نصف صفحة إلى الأعلى"),
    ("go_top", "الذهاب إلى البداية"),
    ("go_bottom", "الذهاب إلى النهاية"),
    ("open_document", "فتح المستند المحدد في القارئ"),
    ("next_document", "فتح المستند التالي"),
    ("prev_document", "فتح المستند السابق"),
    ("flip_direction", "عكس اتجاه فقرات المستند المفتوح"),
    ("next_tab", "التبويب التالي في الشريط الجانبي"),
    ("prev_tab", "التبويب السابق في الشريط الجانبي"),
    ("annotate_form", "تعليق: الوسم والكلمات المفتاحية والملاحظة"),
    ("cancel_selection", "إلغاء التحديد"),
    ("copy_passage", "نسخ التحديد أو التعليق (OSC 52)"),
    ("cursor_next_sentence", "المؤشر إلى الجملة التالية"),
    ("cursor_prev_sentence", "المؤشر إلى الجملة السابقة"),
    ("delete_annotation", "حذف التعليق تحت المؤشر"),
    ("export_annotations", "تصدير التعليقات (كل الصيغ)"),
    ("open_jump", "الانتقال إلى مستند (بحث تقريبي)"),
    ("find_in_document", "البحث في هذا المستند"),
    ("next_hit", "النتيجة التالية"),
    ("prev_hit", "النتيجة السابقة"),
    ("label1", "وضع الوسم 1 على التحديد أو الجملة"),
    ("label2", "وضع الوسم 2"),
    ("label3", "وضع الوسم 3"),
    ("label4", "وضع الوسم 4"),
    ("label5", "وضع الوسم 5"),
    ("label6", "وضع الوسم 6"),
    ("label7", "وضع الوسم 7"),
    ("label8", "وضع الوسم 8"),
    ("label9", "وضع الوسم 9"),
    ("next_annotation", "التعليق التالي"),
    ("prev_annotation", "التعليق السابق"),
    ("open_note", "فتح التعليق في القارئ"),
    ("redo", "إعادة تغيير التعليق"),
    ("undo", "التراجع عن آخر تغيير في التعليقات"),
    ("select_paragraph_less", "تقليص التحديد بفقرة"),
    ("select_paragraph_more", "توسيع التحديد بفقرة"),
    ("select_sentence_less", "تقليص التحديد بجملة"),
    ("select_sentence_more", "توسيع التحديد بجملة"),
    ("select_word_less", "تقليص التحديد بكلمة"),
    ("select_word_more", "توسيع التحديد بكلمة"),
    ("start_selection", "بدء التحديد من جملة المؤشر"),
    ("toggle_notes_scope", "هذا المستند / كل المجموعة"),
    ("next_mention", "الإشارة التالية إلى الكيان المختار"),
    ("prev_mention", "الإشارة السابقة إلى الكيان المختار"),
    ("toggle_entity_highlights", "إبراز كل الكيانات أو إيقافه"),
    ("entity_enter", "المستندات التي تذكره / فتح المستند"),
    ("entity_back", "العودة إلى القائمة السابقة"),
    ("entity_corpus_view", "كيانات المجموعة كلها"),
    ("filter_entities", "تصفية قائمة كيانات المجموعة"),
    ("hide_entity", "إخفاء هذا الكيان"),
    ("add_entity", "إضافة الاسم المحدد إلى المعجم الخاص"),
];

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
    MESSAGES
        .iter()
        .map(|&(_, en, ar)| (en, ar))
        .chain(PHRASES.iter().copied())
        .find(|(en, _)| *en == english)
        .map_or(english, |(_, ar)| ar)
}

/// Further English → Arabic words used by the panes (tab names, mode
/// badges), looked up by [`localize`]. Add a row when adding such a word.
pub const PHRASES: &[(&str, &str)] = &[
    ("Info", "معلومات"),
    ("LIST", "القائمة"),
    ("READ", "القراءة"),
    ("INFO", "معلومات"),
    ("HELP", "مساعدة"),
    ("doc", "مستند"),
    ("ln", "سطر"),
    ("No document", "لا يوجد مستند"),
    ("Esc closes", "Esc للإغلاق"),
    ("Document", "المستند"),
    ("Title", "العنوان"),
    ("Source", "المصدر"),
    ("Date", "التاريخ"),
    ("ISO", "ISO"),
    ("Id", "المعرّف"),
    ("Path", "المسار"),
    ("Words", "كلمات"),
    ("Chars", "حروف"),
    ("Bytes", "بايت"),
    ("Paras", "فقرات"),
    ("Sents", "جمل"),
    ("Lines", "أسطر"),
    ("Dir", "الاتجاه"),
    ("Corpus", "المجموعة"),
    ("Docs", "مستندات"),
    ("Skipped", "متخطاة"),
    ("Notes", "التعليقات"),
    ("NOTE", "تعليق"),
    ("JUMP", "انتقال"),
    ("FIND", "بحث"),
];

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
}
