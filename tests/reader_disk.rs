//! Documents whose text is read from their file when opened: the reader,
//! search, cursor, selection, annotations and the sidebar work on the text
//! read when the document was opened, and a file that changed or vanished
//! since loading is shown as a notice that cannot be annotated.

mod common;

use std::path::Path;

use common::{keys, screen_text_in, type_text};
use qari::app::{App, InfoRow, Pane, Popup, SidebarTab};
use qari::runtime::EffectRunner;
use qari::text::LayoutOptions;

const A: &str = "قال الوزير إن روسيا مستعدة للحوار مع NATO. وأضاف أن الوفد يصل غدا.\n\
                 الفقرة الثانية عن روسيا هنا. وجملة أخيرة.\n";
const B: &str = "وصل الوفد إلى يريفان. التقى رئيس الوزراء.\n";

/// Two articles in a folder, loaded as the TUI loads them (texts on disk).
fn folder() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), A).unwrap();
    std::fs::write(dir.path().join("b.txt"), B).unwrap();
    let corpus = qari::corpus::load(&[dir.path().to_path_buf()]);
    assert!(corpus.docs.iter().all(|d| d.body.is_on_disk()));
    let mut app = App::new(corpus, LayoutOptions::default());
    app.resize(100, 30);
    (dir, app)
}

fn info(a: &App) -> String {
    format!("{:?}", a.info_rows())
}

/// The reader's text area as drawn.
fn draw(a: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|f| qari::ui::render(f, a)).unwrap();
    screen_text_in(t.backend().buffer(), a.reader_text_area())
}

#[test]
fn the_open_text_is_read_once_and_keys_work_on_it() {
    let (dir, mut a) = folder();
    assert_eq!(a.open_doc().unwrap().id, "a.txt");
    // once open, the file is not needed again
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    let mut fx = EffectRunner::default();
    keys(&mut a, "<Tab> j G g g");
    assert_eq!(a.focus, Pane::Reader);
    keys(&mut a, "/");
    type_text(&mut a, &mut fx, "روسيا");
    keys(&mut a, "<Enter> n");
    assert_eq!(a.find.hits.len(), 2, "{:?}", a.status.message);
    keys(&mut a, ") v w 1");
    let placed = &a.annotations.placed;
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0].state, qari::annotations::AnchorState::Exact);
    let text = a.open_text().unwrap();
    assert!(text.unreadable.is_none());
    assert!(text.text[placed[0].range.clone().unwrap()].starts_with("وأضاف أن"));
    let info = info(&a);
    assert!(
        !info.contains("not shown") && info.contains("Sents"),
        "{info}"
    );
    a.sidebar.tab = SidebarTab::Notes;
    let notes = format!("{:?}", a.sidebar_rows());
    assert!(notes.contains("claim · exact"), "{notes}");
    assert!(!draw(&a).contains('⚠'));
}

/// Opens document `id` from the list.
fn open(a: &mut App, id: &str) {
    let i = a.corpus.docs.iter().position(|d| d.id == id).unwrap();
    a.set_focus(Pane::List);
    a.list.selected = i;
    keys(a, "<Enter>");
    assert_eq!(a.open_doc().unwrap().id, id);
}

fn assert_notice(a: &App, file: &Path, reason: &str) {
    let t = a.open_text().unwrap();
    assert!(t.text.starts_with("⚠ "), "{}", t.text);
    assert!(t.text.contains(reason), "{}", t.text);
    let msg = a.status.message.clone().unwrap_or_default();
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(msg.starts_with("text not shown: "), "{msg}");
    assert!(msg.contains(&*name) && msg.contains(reason), "{msg}");
    assert!(draw(a).contains('⚠'));
    assert!(a
        .info_rows()
        .iter()
        .any(|r| matches!(r, InfoRow::Warning(w) if w.contains(reason))));
}

#[test]
fn a_changed_or_vanished_file_shows_a_notice_and_is_not_annotated() {
    let (dir, mut a) = folder();
    let b = dir.path().join("b.txt");
    std::fs::write(&b, "نص آخر تماما.\n").unwrap();
    open(&mut a, "b.txt");
    assert_notice(&a, &b, "changed on disk since it was loaded");
    // the Info tab counts the text as loaded, not the notice
    let field = |name: &str| {
        a.info_rows().into_iter().find_map(|r| match r {
            InfoRow::Field(n, v) if n == name => Some(v),
            _ => None,
        })
    };
    assert_eq!(field("Bytes"), Some(B.len().to_string()));
    for name in ["Words", "Chars", "Paras", "Sents"] {
        assert_eq!(field(name), None, "{name} of the notice");
    }
    assert_eq!(a.focus, Pane::Reader);
    // labels, the form and a selection's label are refused with a message
    for seq in ["1", "v 2", "a"] {
        a.status.message = None;
        keys(&mut a, seq);
        let msg = a.status.message.clone().unwrap_or_default();
        assert!(msg.starts_with("not annotated"), "{seq}: {msg}");
        assert!(!matches!(a.popups.last(), Some(Popup::NoteForm(_))));
        keys(&mut a, "<Esc>");
    }
    assert!(a.annotations.store.set.is_empty());
    assert!(a.annotations.placed.is_empty());
    // the other document is fine; its file vanishing shows another notice
    open(&mut a, "a.txt");
    assert!(a.open_text().unwrap().unreadable.is_none());
    let a_path = dir.path().join("a.txt");
    std::fs::remove_file(&a_path).unwrap();
    open(&mut a, "b.txt");
    open(&mut a, "a.txt");
    assert_notice(&a, &a_path, "cannot be read again");
}

#[test]
fn a_notice_replaces_a_cached_layout_of_the_text() {
    let (dir, mut a) = folder();
    let before = draw(&a);
    assert!(before.contains("NATO"), "{before}");
    open(&mut a, "b.txt");
    std::fs::write(dir.path().join("a.txt"), "تغير\n").unwrap();
    open(&mut a, "a.txt");
    let after = draw(&a);
    assert!(after.contains('⚠') && !after.contains("NATO"), "{after}");
}

#[test]
fn the_status_line_of_an_unreadable_file_holds_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}]0;pwned\u{7}\u{1b}[2J.txt";
    let p = dir.path().join(name);
    std::fs::write(&p, A).unwrap();
    std::fs::write(dir.path().join("b.txt"), B).unwrap();
    let corpus = qari::corpus::load(&[dir.path().to_path_buf()]);
    let mut a = App::new(corpus, LayoutOptions::default());
    a.resize(100, 30);
    open(&mut a, "b.txt");
    std::fs::remove_file(&p).unwrap();
    let id = a
        .corpus
        .docs
        .iter()
        .find(|d| d.id != "b.txt")
        .unwrap()
        .id
        .clone();
    open(&mut a, &id);
    let msg = a.status.message.clone().unwrap_or_default();
    assert!(msg.starts_with("text not shown: "), "{msg:?}");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|f| qari::ui::render(f, &a)).unwrap();
    let drawn = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>();
    assert!(!drawn.chars().any(char::is_control), "{drawn:?}");
    assert!(!msg.chars().any(char::is_control), "{msg:?}");
}
