//! Layout throughput (wrap + reorder + shape) on ~10 MB of Arabic paragraphs:
//! the seeds' paragraphs repeated whole, exactly the text that
//! `benches/make_corpus.sh` writes for the comparison with fribidi.

use std::hint::black_box;
use std::ops::Range;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use qari::text::render::write_rendered;
use qari::text::{layout_document, LayoutOptions};

/// The seeds' paragraphs (non-empty lines, trimmed), files in byte order,
/// repeated until the text reaches 10,000,000 bytes; one paragraph a line.
fn corpus() -> (String, Vec<Range<usize>>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut once = String::new();
    for f in files {
        let text = std::fs::read_to_string(f).expect("UTF-8 seed");
        for line in text.lines() {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if !line.is_empty() {
                once.push_str(line);
                once.push('\n');
            }
        }
    }
    let mut text = String::with_capacity(10_100_000);
    while text.len() < 10_000_000 {
        text.push_str(&once);
    }
    let paragraphs = qari::corpus::paragraph_ranges(&text);
    (text, paragraphs)
}

fn layout(c: &mut Criterion) {
    let (text, paragraphs) = corpus();
    let mut g = c.benchmark_group("layout_10MB");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    for (name, shape, width) in [("shaped_w80", true, 80), ("unshaped_w80", false, 80)] {
        let opts = LayoutOptions {
            width,
            shape,
            ..Default::default()
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                layout_document(black_box(&text), &paragraphs, &opts)
                    .lines
                    .len()
            })
        });
    }
    // The streamed renderer (no cells), what `qari render` and the fribidi
    // comparison run.
    let opts = LayoutOptions {
        width: 80,
        ..Default::default()
    };
    g.bench_function("rendered_w80", |b| {
        b.iter(|| {
            write_rendered(black_box(&text), &paragraphs, &opts, &mut std::io::sink())
                .expect("a sink never fails")
        })
    });
    g.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
