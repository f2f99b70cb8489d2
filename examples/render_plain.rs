//! Renders a UTF-8 file of paragraphs (one per line) to stdout exactly as
//! `qari render` lays them out, without the corpus loader (decoding,
//! sanitising, sentence splitting): the layout pipeline alone, whole process,
//! for `benches/layout_vs_fribidi.sh`.
//!
//! Usage: `render_plain FILE [WIDTH]`.

use std::io::Write;

use qari::text::render::write_rendered;
use qari::text::LayoutOptions;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: render_plain FILE [WIDTH]"))?;
    let width: u16 = args.next().map(|w| w.parse()).transpose()?.unwrap_or(80);
    let text = std::fs::read_to_string(&path)?;
    let paragraphs = qari::corpus::paragraph_ranges(&text);
    let opts = LayoutOptions {
        width,
        ..Default::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_rendered(&text, &paragraphs, &opts, &mut out)?;
    out.flush()?;
    Ok(())
}
