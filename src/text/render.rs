//! `qari render`: the reader pane's lines as plain text, so that the layout
//! can be compared with an independent implementation (fribidi).

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use anyhow::Result;

use super::layout::{layout_document, LayoutOptions};

/// The lines the reader pane shows for `text` split into `paragraphs`:
/// every paragraph in order, a blank line between paragraphs, left padding
/// of right-aligned lines included.
pub fn render_lines(text: &str, paragraphs: &[Range<usize>], opts: &LayoutOptions) -> Vec<String> {
    layout_document(text, paragraphs, opts)
        .lines
        .iter()
        .map(|l| l.to_text())
        .collect()
}

/// Writes the rendered lines, one per line, to `out`.
pub fn write_rendered(
    text: &str,
    paragraphs: &[Range<usize>],
    opts: &LayoutOptions,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let layout = layout_document(text, paragraphs, opts);
    let mut buf = String::with_capacity(text.len() * 2);
    for line in &layout.lines {
        buf.extend(std::iter::repeat_n(' ', line.pad as usize));
        for c in &line.cells {
            buf.push_str(&c.symbol);
        }
        buf.push('\n');
    }
    out.write_all(buf.as_bytes())
}

/// Runs `qari render FILE`: prints the reader lines of FILE to stdout.
pub fn run_render(file: &Path, opts: &LayoutOptions) -> Result<()> {
    // Decoded, sanitised and split exactly as the reader gets it.
    let doc = crate::corpus::load_file(file).map_err(|s| anyhow::anyhow!("cannot read {s}"))?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    write_rendered(&doc.text, &doc.paragraphs, opts, &mut lock)?;
    lock.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_prints_paragraphs_with_blank_lines_and_padding() {
        let text = "في عام 2010\n\nHello world\n";
        let paras = crate::corpus::paragraph_ranges(text);
        let opts = LayoutOptions {
            width: 20,
            shape: false,
            ..Default::default()
        };
        let lines = render_lines(text, &paras, &opts);
        assert_eq!(lines.len(), 3);
        // "2010 ماع يف" right-aligned in 20 cells.
        let first: Vec<u32> = lines[0].chars().map(|c| c as u32).collect();
        let mut want = vec![0x20; 9];
        want.extend([
            0x32, 0x30, 0x31, 0x30, 0x20, 0x645, 0x627, 0x639, 0x20, 0x64A, 0x641,
        ]);
        assert_eq!(first, want);
        assert_eq!(lines[1], "");
        assert_eq!(lines[2], "Hello world");
        let mut out = Vec::new();
        write_rendered(text, &paras, &opts, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), lines.join("\n") + "\n");
    }
}
