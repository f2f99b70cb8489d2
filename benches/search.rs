//! Criterion benchmarks of the search building blocks on an in-memory corpus
//! made of the seeds (repeated): corpus word search, in-document search,
//! fuzzy scoring of titles. The corpus-scale figures come from
//! `benches/search_keystrokes.rs` and `benches/search_vs_fzf.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use qari::search::{find_in_text, GrepIndex, JumpFields, JumpIndex, JumpSearcher, Query};

fn corpus() -> Vec<String> {
    let seeds: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    (0..2000)
        .map(|i| seeds[i % seeds.len().max(1)].clone())
        .collect()
}

fn benches(c: &mut Criterion) {
    let docs = corpus();
    let index = GrepIndex::build(&docs);
    let q = Query::parse("روسيا");
    c.bench_function("grep روسيا, 2000 docs (~15 MB)", |b| {
        b.iter(|| index.search_all(&docs, &q))
    });
    let phrase = Query::parse("\"قره باغ\"");
    c.bench_function("find_in_text \"قره باغ\", one 15 KB doc", |b| {
        b.iter(|| find_in_text(&docs[2], &phrase))
    });
    c.bench_function("GrepIndex::build, 2000 docs", |b| {
        b.iter(|| GrepIndex::build(&docs))
    });
    let titles: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.lines().filter(|l| !l.is_empty()).take(8))
        .collect();
    let jump = JumpIndex::build(
        titles
            .iter()
            .map(|t| JumpFields {
                title: t,
                ..Default::default()
            })
            .collect::<Vec<_>>(),
    );
    c.bench_function(
        "fuzzy روسيا ارمينيا, 16k lines, brute force",
        |b| {
            b.iter(|| {
                JumpSearcher::new().search(&jump, "روسيا ارمينيا", 200, &|| false)
            })
        },
    );
}

criterion_group! {
    name = search;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(search);
