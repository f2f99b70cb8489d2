//! Differential test: every reader line of every seed paragraph, at widths
//! 30, 50 and 72, against GNU FriBidi's CLI (`fribidi --nobreak --nopad`).
//!
//! FriBidi treats each input line as a paragraph of its own, so each logical
//! line is sent with its paragraph context: a strong mark for the last strong
//! character before the line (U+061C ALM for Arabic, U+200F RLM for Hebrew,
//! U+200E LRM for Latin) and one for the first strong character after it.
//! The marks are deleted from FriBidi's output, as are the U+FEFF fillers it
//! puts after each lam-alef ligature (research/bidi.md §5).

use std::io::Write;
use std::process::{Command, Stdio};

use qari::text::bidi::class;
use qari::text::{layout_document, LayoutOptions};
use unicode_bidi::BidiClass;

/// One reader line: what qari shows and what FriBidi gets.
struct Case {
    seed: String,
    logical: String,
    ours: String,
    input: String,
    rtl: bool,
}

fn fribidi_available() -> bool {
    match Command::new("fribidi").arg("--version").output() {
        Ok(o) if o.status.success() => true,
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "fribidi is not installed (apt-get install libfribidi-bin); required on CI"
            );
            eprintln!("\n\n*** SKIPPING fribidi_diff: fribidi not found (apt-get install libfribidi-bin) ***\n\n");
            false
        }
    }
}

/// A strong mark standing for the direction of `c`.
fn mark(c: BidiClass) -> Option<char> {
    match c {
        BidiClass::AL => Some('\u{061C}'),
        BidiClass::R => Some('\u{200F}'),
        BidiClass::L => Some('\u{200E}'),
        _ => None,
    }
}

fn strong(s: &str) -> impl DoubleEndedIterator<Item = BidiClass> + '_ {
    s.chars()
        .map(class)
        .filter(|c| matches!(c, BidiClass::L | BidiClass::R | BidiClass::AL))
}

/// Runs FriBidi once on all `inputs` (one per line).
fn fribidi(inputs: &[&str], rtl: bool) -> Vec<String> {
    if inputs.is_empty() {
        return Vec::new();
    }
    let mut child = Command::new("fribidi")
        .args(["--nobreak", "--nopad", if rtl { "--rtl" } else { "--ltr" }])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("fribidi starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let all = inputs.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(all.as_bytes()));
    let out = child.wait_with_output().expect("fribidi runs");
    writer
        .join()
        .expect("writer thread")
        .expect("write to fribidi");
    let text = String::from_utf8(out.stdout).expect("fribidi writes UTF-8");
    text.lines()
        .map(|l| {
            l.chars()
                .filter(|c| !matches!(c, '\u{FEFF}' | '\u{061C}' | '\u{200E}' | '\u{200F}'))
                .collect()
        })
        .collect()
}

/// Paragraphs where a line's resolution depends on the lines around it
/// (numbers and brackets at line starts and ends), laid out narrow.
const CONTEXT: &str = "وقعت الاتفاقية في الفترة 2010-2012 تم تمديدها حتى 8 أكتوبر 2020 (وفق CSTO) ثم [الناتو] 15% من S-300 و MiG-29.
MiG-29 طائرة مقاتلة من طراز روسي (صنعت عام 1977) تستخدمها القوات الجوية في أرمينيا وأذربيجان.
The base hosts فرقة روسية since 1995 (about 3,000 troops) near Gyumri.";

fn cases(width: u16) -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds folder")
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("seed is UTF-8");
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        add_cases(&name, &text, width, &mut out);
    }
    for narrow in [12, 16, 20, 24] {
        add_cases("context", CONTEXT, narrow + width % 7, &mut out);
    }
    out
}

/// Adds the reader lines of `text` at `width`.
fn add_cases(seed: &str, text: &str, width: u16, out: &mut Vec<Case>) {
    let opts = LayoutOptions {
        width,
        ..Default::default()
    };
    {
        let paragraphs = qari::corpus::paragraph_ranges(text);
        let layout = layout_document(text, &paragraphs, &opts);
        for line in layout.lines.iter().filter(|l| l.paragraph != usize::MAX) {
            let para = &text[paragraphs[line.paragraph].clone()];
            let p0 = paragraphs[line.paragraph].start;
            let before = &para[..line.logical.start - p0];
            let after = &para[line.logical.end - p0..];
            let logical = text[line.logical.clone()].to_string();
            let mut input = String::new();
            input.extend(strong(before).next_back().and_then(mark));
            input.push_str(&logical);
            input.extend(strong(after).next().and_then(mark));
            out.push(Case {
                seed: seed.to_string(),
                ours: line.cells.iter().map(|c| c.symbol.as_str()).collect(),
                logical,
                input,
                rtl: line.rtl,
            });
        }
    }
}

#[test]
fn reader_lines_match_fribidi() {
    if !fribidi_available() {
        return;
    }
    let mut total = 0;
    let mut mismatches = Vec::new();
    for width in [30u16, 50, 72] {
        let cases = cases(width);
        let mut matched = 0;
        for rtl in [true, false] {
            let batch: Vec<&Case> = cases.iter().filter(|c| c.rtl == rtl).collect();
            let inputs: Vec<&str> = batch.iter().map(|c| c.input.as_str()).collect();
            let theirs = fribidi(&inputs, rtl);
            assert_eq!(theirs.len(), batch.len(), "one output line per input line");
            for (case, theirs) in batch.iter().zip(theirs) {
                if case.ours == theirs {
                    matched += 1;
                } else {
                    mismatches.push(format!(
                        "width {width} {}: {:?}\n  ours   {:?}\n  fribidi {:?}",
                        case.seed, case.logical, case.ours, theirs
                    ));
                }
            }
        }
        total += cases.len();
        println!(
            "width {width}: {matched}/{} lines match fribidi ({:.1} %)",
            cases.len(),
            100.0 * matched as f64 / cases.len().max(1) as f64
        );
    }
    assert!(total > 100, "the seeds give enough lines");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
