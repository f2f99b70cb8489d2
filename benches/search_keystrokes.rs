//! Per-keystroke fuzzy jump timing, in process: the benchmark queries typed
//! one character at a time against a title list, with narrowing (what the
//! popup does) and without (brute force over all titles), on the global
//! rayon pool (two threads on the reference machine).
//!
//! ```text
//! cargo run --release --example gencorpus -- --titles-only --count 100000 --titles-jsonl /tmp/qari-titles100k.jsonl
//! QARI_TITLES=/tmp/qari-titles100k.jsonl cargo bench --bench search_keystrokes
//! ```
//! Prints the median time per keystroke for each query and over all of them,
//! and the median CPU time per keystroke (all threads of the process, from
//! `/proc/self/task/*/schedstat`; steadier than wall time on a busy machine).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use qari::search::titles::read_listings;
use qari::search::{JumpIndex, JumpSearcher};

const QUERIES: [&str; 4] = ["باشينيان", "روسيا ارمينيا", "قره باغ", "CSTO"];
/// Rows the popup asks for.
const LIMIT: usize = 200;

/// CPU time used so far by every thread of this process (Linux; zero
/// elsewhere).
fn cpu_time() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(ns)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn prefixes(q: &str) -> Vec<&str> {
    q.char_indices()
        .map(|(i, c)| &q[..i + c.len_utf8()])
        .collect()
}

/// Per-query medians and the overall median, wall and CPU.
struct Timings {
    per_query: Vec<(Duration, Duration)>,
    wall: Duration,
    cpu: Duration,
}

fn run(index: &JumpIndex, narrowing: bool, rounds: usize) -> Timings {
    let mut per_query = Vec::new();
    let (mut all, mut all_cpu) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let (mut times, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let mut s = JumpSearcher::new();
            for p in prefixes(q) {
                if !narrowing {
                    s.reset();
                }
                let c = cpu_time();
                let t = Instant::now();
                let r = s.search(index, p, LIMIT, &|| false);
                times.push(t.elapsed());
                cpus.push(cpu_time().saturating_sub(c));
                std::hint::black_box(r);
            }
        }
        all.extend_from_slice(&times);
        all_cpu.extend_from_slice(&cpus);
        per_query.push((median(&mut times), median(&mut cpus)));
    }
    Timings {
        per_query,
        wall: median(&mut all),
        cpu: median(&mut all_cpu),
    }
}

fn main() {
    let Some(path) = std::env::var_os("QARI_TITLES").map(PathBuf::from) else {
        eprintln!(
            "search_keystrokes: set QARI_TITLES to a title JSONL (see the file's docs); skipped"
        );
        return;
    };
    let rounds: usize = std::env::var("QARI_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let t = Instant::now();
    let (items, _) = read_listings(std::slice::from_ref(&path));
    let read = t.elapsed();
    let t = Instant::now();
    let index = items.index();
    println!(
        "{} titles: read {read:.1?}, index {:.1?}; threads {}",
        index.len(),
        t.elapsed(),
        rayon::current_num_threads()
    );
    for (name, narrowing) in [("narrowing", true), ("brute force", false)] {
        let t = run(&index, narrowing, rounds);
        let cells: Vec<String> = QUERIES
            .iter()
            .zip(&t.per_query)
            .map(|(q, (w, c))| format!("{q}: {w:.2?} (cpu {c:.2?})"))
            .collect();
        println!(
            "{name:12} median per keystroke {:.2?}, cpu {:.2?} | {}",
            t.wall,
            t.cpu,
            cells.join(" | ")
        );
    }
}
