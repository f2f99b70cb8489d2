//! Entity extraction and corpus-index throughput.
//!
//! `cargo bench --bench entities`: criterion (wall time) over a synthetic
//! corpus made by reshuffling the seeds' paragraphs (deterministic), one
//! 6 KB article (the sidebar's cost when a document opens), and the
//! gazetteer compile.
//!
//! `QARI_BENCH_CORPUS=DIR cargo bench --bench entities`: the corpus in DIR
//! (e.g. `cargo run --release --example gencorpus -- --docs 100000 DIR`),
//! loaded as the TUI loads it (texts on disk, read again on demand), then
//! its texts read into memory before any timing. `QARI_BENCH_RUNS` rounds
//! (default 3), each: the in-memory texts indexed on one thread (the
//! extractor's speed), on the worker threads the TUI uses (process CPU and
//! wall time), and the on-disk corpus indexed as the TUI does it now (the
//! workers read each file again, decode, check, extract and drop it; the
//! files are in the page cache after loading). Prints each run's MB/s of
//! CPU time, the medians, the on-disk/in-memory ratio, and one 6 KB
//! article (1000 extractions per reading: the /proc thread clock is coarse
//! for short spans).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use qari::corpus::Document;
use qari::entities::service::{IndexEvent, IndexService};
use qari::entities::{build_index, Extractor};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_29a832587050bdde.txt"),
    include_str!("../seeds/001_960e743a51614c08.txt"),
    include_str!("../seeds/002_c82f50676b35041e.txt"),
    include_str!("../seeds/003_6a1b7cce191ada7f.txt"),
    include_str!("../seeds/004_b472dfb818848289.txt"),
];

/// CPU time (user + system) of the calling thread.
fn thread_cpu() -> Duration {
    cpu_from("/proc/thread-self/schedstat")
}

/// CPU time (user + system) of the whole process, all threads.
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name: utime and stime are the 12th and 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    // USER_HZ is 100 on Linux.
    Duration::from_millis(ticks * 10)
}

fn cpu_from(path: &str) -> Duration {
    let s = std::fs::read_to_string(path).unwrap_or_default();
    let ns = s
        .split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn doc(text: String) -> Document {
    Document::from_text("", text)
}

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
        docs.push(doc(text));
    }
    docs
}

fn bench(c: &mut Criterion) {
    let ex = Extractor::builtin();
    let docs = synthetic_docs(4 << 20);
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract_4MiB", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ex.extract(&d.text()).len())
                .sum::<usize>()
        })
    });
    g.bench_function("index_4MiB", |b| {
        b.iter(|| build_index(&ex, &docs, &AtomicBool::new(false)).map(|i| i.entries.len()))
    });
    g.finish();
    let article = article();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(article.len() as u64));
    g.bench_function("extract_6KB_article", |b| b.iter(|| ex.extract(article)));
    g.finish();
    c.bench_function("gazetteer_compile", |b| b.iter(Extractor::builtin));
}

/// One news article of about 6 KB: the sidebar's cost when it opens.
fn article() -> &'static str {
    let cut = (0..=6000)
        .rev()
        .find(|&i| SEEDS[1].is_char_boundary(i))
        .unwrap_or(0);
    &SEEDS[1][..cut]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Builds the index of `docs` on the TUI's worker threads; returns (wall
/// seconds, process CPU seconds).
fn worker_build(ex: &Arc<Extractor>, docs: &[Document]) -> (f64, f64) {
    let keys: Vec<qari::corpus::DocKey> = (0..docs.len())
        .map(|record| qari::corpus::DocKey { file: 0, record })
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut svc = IndexService::background(move |ev| {
        let _ = tx.send(ev);
    });
    let (c0, w0) = (process_cpu(), Instant::now());
    svc.start(1, Arc::clone(ex), docs, &keys);
    for ev in rx.iter() {
        if matches!(ev, IndexEvent::Ready { .. }) {
            break;
        }
    }
    (
        w0.elapsed().as_secs_f64(),
        (process_cpu() - c0).as_secs_f64(),
    )
}

fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Indexes the corpus in `dir` and prints MB/s of CPU time.
fn corpus_run(dir: &str) {
    let runs: usize = std::env::var("QARI_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let corpus = qari::corpus::load(&[dir.into()]);
    let on_disk = corpus.docs.iter().filter(|d| d.body.is_on_disk()).count();
    // Copies in fresh allocations: holding the Arc `text()` returns would
    // let the on-disk runs take the texts from `Body`'s cache unread.
    let kept: Vec<Document> = corpus
        .docs
        .iter()
        .map(|d| Document::from_text(d.id.clone(), &*d.text()))
        .collect();
    let mb = kept.iter().map(|d| d.body.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} documents ({on_disk} read from disk on demand), {mb:.1} MB; load average {}",
        corpus.docs.len(),
        load_average()
    );
    let ex = Arc::new(Extractor::builtin());
    let (mut one, mut workers, mut disk) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        let t = thread_cpu();
        let idx = build_index(&ex, &kept, &AtomicBool::new(false)).unwrap_or_default();
        let cpu = (thread_cpu() - t).as_secs_f64();
        println!(
            "run {i}: in memory, one thread {cpu:.1} s CPU = {:.1} MB/s per core ({} entities)",
            mb / cpu,
            idx.entries.len()
        );
        one.push(mb / cpu);
        let (wall, cpu) = worker_build(&ex, &kept);
        println!(
            "run {i}: in memory, worker threads {wall:.1} s wall, {cpu:.1} s CPU = {:.1} MB/s per core",
            mb / cpu
        );
        workers.push(mb / cpu);
        let (wall, cpu) = worker_build(&ex, &corpus.docs);
        println!(
            "run {i}: on disk (read + extract), worker threads {wall:.1} s wall, {cpu:.1} s CPU = {:.1} MB/s per core",
            mb / cpu
        );
        disk.push(mb / cpu);
    }
    let (one, workers, disk) = (median(one), median(workers), median(disk));
    println!("median in memory, one thread: {one:.1} MB/s of CPU time");
    println!("median in memory, worker threads: {workers:.1} MB/s of CPU time");
    println!(
        "median on disk, worker threads (as the TUI): {disk:.1} MB/s of CPU time ({:.2}x the in-memory CPU time)",
        workers / disk
    );
    println!("load average after: {}", load_average());
    let article = article();
    let mut each = Vec::new();
    for _ in 0..5 {
        let t = thread_cpu();
        for _ in 0..1000 {
            std::hint::black_box(ex.extract(article));
        }
        each.push((thread_cpu() - t).as_secs_f64());
    }
    println!(
        "one {}-byte article: median {:.3} ms of CPU time to extract (5 × 1000 runs)",
        article.len(),
        median(each)
    );
}

fn main() {
    if let Ok(dir) = std::env::var("QARI_BENCH_CORPUS") {
        corpus_run(&dir);
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
