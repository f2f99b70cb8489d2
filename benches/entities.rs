//! Entity extraction throughput on a synthetic corpus made by reshuffling
//! the seeds' paragraphs (deterministic), and the corpus index build.

use std::sync::atomic::AtomicBool;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use qari::corpus::Document;
use qari::entities::{build_index, Extractor};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_29a832587050bdde.txt"),
    include_str!("../seeds/001_960e743a51614c08.txt"),
    include_str!("../seeds/002_c82f50676b35041e.txt"),
    include_str!("../seeds/003_6a1b7cce191ada7f.txt"),
    include_str!("../seeds/004_b472dfb818848289.txt"),
];

/// About `bytes` of text in documents of 3–12 paragraphs drawn from the seeds.
fn synthetic_docs(bytes: usize) -> Vec<Document> {
    let paras: Vec<&str> = SEEDS
        .iter()
        .flat_map(|s| s.lines())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let n = 3 + next() % 10;
        let text: Vec<&str> = (0..n).map(|_| paras[next() % paras.len()]).collect();
        let text = text.join("\n");
        total += text.len();
        docs.push(Document {
            id: format!("doc{}", docs.len()),
            path: None,
            title: String::new(),
            source: None,
            date: None,
            text,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            notes: Vec::new(),
        });
    }
    docs
}

fn bench(c: &mut Criterion) {
    let ex = Extractor::builtin();
    let docs = synthetic_docs(4 << 20);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract_4MiB", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ex.extract(&d.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("index_4MiB", |b| {
        b.iter(|| build_index(&ex, &docs, &AtomicBool::new(false)).map(|i| i.entries.len()))
    });
    g.finish();
    c.bench_function("gazetteer_compile", |b| b.iter(Extractor::builtin));
}

criterion_group!(benches, bench);
criterion_main!(benches);
