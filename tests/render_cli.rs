//! The built `qari render` binary prints exactly the reader lines.

use std::process::Command;

use qari::text::render::render_lines;
use qari::text::LayoutOptions;
use unicode_width::UnicodeWidthChar;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/000_29a832587050bdde.txt"
);

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_qari"))
        .arg("render")
        .arg(SEED)
        .args(args)
        .output()
        .expect("the qari binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn render_binary_prints_the_reader_lines() {
    // The document as the reader gets it (decoded, sanitised, split).
    let doc = qari::corpus::load_file(std::path::Path::new(SEED)).expect("seed loads");
    let (text, paragraphs) = (doc.text(), doc.paragraphs());
    let stdout = run(&["--width", "50"]);
    let opts = LayoutOptions {
        width: 50,
        ..Default::default()
    };
    let want = render_lines(&text, &paragraphs, &opts).join("\n") + "\n";
    assert_eq!(stdout, want);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.is_empty()).count(),
        paragraphs.len() - 1
    );
    for l in &lines {
        let w: usize = l.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= 50, "{l}");
        // Right-aligned Arabic lines fill the width exactly.
        if l.starts_with(' ') {
            assert_eq!(w, 50);
        }
        assert!(!l.contains('\u{1b}'));
    }
    // Shaped output: Arabic letters appear as presentation forms only.
    assert!(!stdout.contains('\u{0628}'));
    assert!(stdout.contains('\u{FE91}'));
}

#[test]
fn render_binary_honours_shape_off_and_terminal_mode() {
    let unshaped = run(&["--width", "40", "--shape", "off"]);
    assert!(unshaped.contains('\u{0628}'));
    assert!(!unshaped
        .chars()
        .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)));
    let logical = run(&["--width", "40", "--bidi", "terminal"]);
    let text = std::fs::read_to_string(SEED).unwrap();
    // Logical order: the first line is the start of the article, unpadded.
    let first = logical.lines().next().unwrap();
    assert!(text.starts_with(first), "{first}");
}
