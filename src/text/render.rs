//! `qari render`: the reader pane's lines as plain text, so that the layout
//! can be compared with an independent implementation (fribidi).

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use anyhow::Result;

use super::bidi::document_direction;
use super::layout::{layout_document, Direction, LayoutOptions};
use super::para::{Para, Scratch};

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

/// Writes the rendered lines, one per line, to `out`: the same text as
/// [`render_lines`], produced paragraph by paragraph without building cells.
pub fn write_rendered(
    text: &str,
    paragraphs: &[Range<usize>],
    opts: &LayoutOptions,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut buf = String::with_capacity(1 << 16);
    let mut scratch = Scratch::default();
    let doc = document_direction(text);
    for (pi, p) in paragraphs.iter().enumerate() {
        if text.get(p.clone()).is_none() {
            continue;
        }
        if pi > 0 {
            buf.push('\n');
        }
        render_paragraph_in(text, p.clone(), opts, doc, &mut scratch, &mut buf);
        if buf.len() >= 1 << 15 {
            out.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    out.write_all(buf.as_bytes())
}

/// Appends the lines of one paragraph of the document `text`, each ending in
/// a line feed.
pub fn render_paragraph(text: &str, range: Range<usize>, opts: &LayoutOptions, buf: &mut String) {
    let doc = document_direction(text);
    render_paragraph_in(text, range, opts, doc, &mut Scratch::default(), buf);
}

/// [`render_paragraph`] with reordering buffers kept between paragraphs.
fn render_paragraph_in(
    text: &str,
    range: Range<usize>,
    opts: &LayoutOptions,
    doc: Option<Direction>,
    scratch: &mut Scratch,
    buf: &mut String,
) {
    let para = Para::new(text, range, opts, doc);
    if para.lines.is_empty() {
        buf.push('\n');
    }
    for r in &para.lines {
        buf.extend(std::iter::repeat_n(' ', para.pad(r.clone())));
        para.visit_in(r.clone(), scratch, |c, mirror| para.symbol(c, mirror, buf));
        buf.push('\n');
    }
}

/// Runs `qari render FILE`: prints the reader lines of FILE to stdout.
pub fn run_render(file: &Path, opts: &LayoutOptions) -> Result<()> {
    // Decoded, sanitised and split exactly as the reader gets it.
    let doc = crate::corpus::load_file(file).map_err(|s| anyhow::anyhow!("cannot read {s}"))?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    // one read of the text (a notice would not be the file's lines)
    let text = doc
        .load_text()
        .map_err(|e| anyhow::anyhow!("cannot read {e}"))?;
    let paragraphs = crate::corpus::paragraph_ranges(&text);
    write_rendered(&text, &paragraphs, opts, &mut lock)?;
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
