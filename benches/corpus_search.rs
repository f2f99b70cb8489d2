//! Corpus search (`Ctrl-F`) timing, in process, next to `rg -c` in the same
//! run: the corpus is loaded (texts stay on disk), every document's body is
//! handed to the background `GrepService` exactly as the runtime does (its
//! thread reads, folds and drops each text; timed next to a reference build
//! from texts kept in memory), and each benchmark query is submitted the way
//! a keystroke submits it. Reported per query (medians of `QARI_ROUNDS`
//! runs, default 7):
//! - **first**: submit → first `GrepUpdate::Hits` received (what the popup
//!   can draw first),
//! - **complete**: submit → `GrepUpdate::Searched` received,
//! - **cpu**: user+sys CPU time of the process per query (all threads),
//! - `rg -c WORD DIR` wall and CPU (child user+sys) medians, same rounds.
//!
//! ```text
//! cargo run --release --example gencorpus -- --docs 100000 /tmp/qari-bench
//! QARI_CORPUS=/tmp/qari-bench cargo bench --bench corpus_search
//! ```

use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use qari::search::{GrepService, GrepUpdate};

const QUERIES: [&str; 4] = ["باشينيان", "روسيا ارمينيا", "قره باغ", "CSTO"];

/// (user+sys of this process, user+sys of waited-for children), seconds,
/// from /proc/self/stat (clock ticks of 10 ms).
fn cpu_times() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the ")" that closes the command name; utime is field 14
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    let tick = 100.0;
    let get = |i: usize| f.get(i).copied().unwrap_or(0.0) / tick;
    // rest[0] is field 3 (state): utime=14 → 11, stime → 12, cutime → 13, cstime → 14
    (get(11) + get(12), get(13) + get(14))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Resident memory of this process, MB.
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1000.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let Some(dir) = std::env::var_os("QARI_CORPUS").map(PathBuf::from) else {
        eprintln!("set QARI_CORPUS to a corpus folder (see the file's doc comment)");
        return;
    };
    let rounds: usize = std::env::var("QARI_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let t = Instant::now();
    let corpus = qari::corpus::load(std::slice::from_ref(&dir));
    let bytes: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
    println!(
        "corpus: {} documents, {:.0} MB of text, loaded in {:.2} s (RSS {:.0} MB); rayon threads {}; load average {}",
        corpus.docs.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        rss_mb(),
        rayon::current_num_threads(),
        load_average()
    );

    let (tx, rx) = mpsc::channel();
    let mut service = GrepService::background(move |u| {
        let _ = tx.send((Instant::now(), u));
    });
    let bodies: Vec<qari::corpus::Body> = corpus.docs.iter().map(|d| d.body.clone()).collect();
    let (wall, cpu, peak) = index(&mut service, &rx, &bodies);
    drop(bodies);
    println!(
        "index from files (texts read on the index thread): {wall:.2} s wall, {cpu:.2} s cpu \
         (RSS {:.0} MB, peak seen {peak:.0} MB)",
        rss_mb()
    );
    // Reference in the same run: the index built from texts kept in memory
    // (as before texts were read on demand; reading them is not timed).
    let kept: Vec<qari::corpus::Body> = corpus
        .docs
        .iter()
        .map(|d| qari::corpus::Body::kept(d.text()))
        .collect();
    let (ref_tx, ref_rx) = mpsc::channel();
    let mut reference = GrepService::background(move |u| {
        let _ = ref_tx.send((Instant::now(), u));
    });
    let (ref_wall, ref_cpu, _) = index(&mut reference, &ref_rx, &kept);
    println!(
        "index from kept texts (reference): {ref_wall:.2} s wall, {ref_cpu:.2} s cpu; \
         from files: {:.2}× wall, {:.2}× cpu",
        wall / ref_wall,
        cpu / ref_cpu
    );
    drop((reference, ref_rx, kept));

    let idx = qari::search::GrepIndex::build(&corpus.docs);
    println!(
        "index memory: {:.0} MB, {:.2}× the text (the service holds the same, no texts)",
        idx.heap_bytes() as f64 / 1e6,
        idx.heap_bytes() as f64 / bytes as f64
    );
    drop(idx);

    println!(
        "{:<16} {:>8} {:>10} {:>12} {:>9} {:>10} {:>9} {:>9} {:>9}",
        "query",
        "hits",
        "first ms",
        "complete ms",
        "cpu ms",
        "submit µs",
        "rg ms",
        "rg cpu ms",
        "ratio"
    );
    let mut gen = 0u64;
    // QARI_QUERIES="a|b c" replaces the benchmark queries
    let custom: Option<Vec<String>> = std::env::var("QARI_QUERIES")
        .ok()
        .map(|v| v.split('|').map(str::to_string).collect());
    let queries: Vec<String> =
        custom.unwrap_or_else(|| QUERIES.iter().map(|q| q.to_string()).collect());
    for q in queries.iter().map(String::as_str) {
        let (mut first, mut done, mut cpu, mut submit) = (vec![], vec![], vec![], vec![]);
        let mut hits = 0usize;
        for _ in 0..rounds {
            gen += 1;
            let c0 = cpu_times().0;
            let t0 = Instant::now();
            service.query(gen, q);
            submit.push(t0.elapsed().as_secs_f64() * 1e6);
            let mut t_first = None;
            let mut count = 0usize;
            while let Ok((at, u)) = rx.recv() {
                match u {
                    GrepUpdate::Hits { gen: g, hits } if g == gen => {
                        t_first.get_or_insert(at);
                        count += hits.iter().map(|h| h.hits.len()).sum::<usize>();
                    }
                    GrepUpdate::Searched { gen: g, .. } if g == gen => {
                        let t_done = at.duration_since(t0);
                        done.push(ms(t_done));
                        first.push(ms(t_first.map_or(t_done, |f| f.duration_since(t0))));
                        break;
                    }
                    _ => {}
                }
            }
            cpu.push((cpu_times().0 - c0) * 1000.0);
            hits = count;
        }
        // rg -c on each word of the query (the first word for multi-word ones)
        let word = q.split_whitespace().next().unwrap_or(q);
        let (mut rg, mut rg_cpu) = (vec![], vec![]);
        for _ in 0..rounds {
            let c0 = cpu_times().1;
            let t0 = Instant::now();
            let _ = Command::new("rg").arg("-c").arg(word).arg(&dir).output();
            rg.push(ms(t0.elapsed()));
            rg_cpu.push((cpu_times().1 - c0) * 1000.0);
        }
        let (f, d, c) = (median(&mut first), median(&mut done), median(&mut cpu));
        let (r, rc) = (median(&mut rg), median(&mut rg_cpu));
        println!(
            "{:<16} {:>8} {:>10.1} {:>12.1} {:>9.0} {:>10.0} {:>9.1} {:>9.0} {:>9.2}",
            q,
            hits,
            f,
            d,
            c,
            median(&mut submit),
            r,
            rc,
            d / r
        );
    }
    ui_side(corpus, &mut service, &rx, &queries, rounds, gen);
    println!("load average after: {}", load_average());
}

/// Hands `bodies` to `service` as the runtime does (queued keys, bodies a
/// few batches ahead of the index) until all are indexed: (wall s, process
/// CPU s, peak RSS MB seen).
fn index(
    service: &mut GrepService,
    rx: &mpsc::Receiver<(Instant, GrepUpdate)>,
    bodies: &[qari::corpus::Body],
) -> (f64, f64, f64) {
    let t = Instant::now();
    let cpu0 = cpu_times().0;
    let key = |file| qari::corpus::DocKey { file, record: 0 };
    for i in 0..bodies.len() {
        service.enqueue(key(i));
    }
    let body_of = |k: qari::corpus::DocKey| bodies.get(k.file).cloned();
    service.pump(body_of);
    let mut peak = rss_mb();
    while let Ok((_, u)) = rx.recv() {
        if let GrepUpdate::Indexed(done) = u {
            service.indexed(done);
            service.pump(body_of);
            peak = peak.max(rss_mb());
            if done == bodies.len() {
                break;
            }
        }
    }
    (t.elapsed().as_secs_f64(), cpu_times().0 - cpu0, peak)
}

/// The UI thread's share: the popup (120×40) takes every update of a query
/// (`App::handle_event`), then one frame is drawn.
fn ui_side(
    corpus: qari::corpus::Corpus,
    service: &mut GrepService,
    rx: &mpsc::Receiver<(Instant, GrepUpdate)>,
    queries: &[String],
    rounds: usize,
    mut gen: u64,
) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use qari::action::Effect;
    use qari::event::AppEvent;
    let mut app = qari::app::App::new(corpus, qari::text::LayoutOptions::default());
    app.resize(120, 40);
    app.search.gen = gen;
    let key = |c: char, m: KeyModifiers| AppEvent::Key(KeyEvent::new(KeyCode::Char(c), m));
    app.handle_event(key('s', KeyModifiers::NONE));
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    println!("{:<16} {:>14} {:>10}", "query", "UI thread ms", "frame ms");
    for q in queries {
        let (mut ui, mut frame) = (vec![], vec![]);
        for _ in 0..rounds {
            app.handle_event(key('u', KeyModifiers::CONTROL));
            let mut spent = Duration::ZERO;
            for e in app.handle_event(AppEvent::Paste(q.clone())) {
                if let Effect::GrepQuery { gen: g, query } = e {
                    gen = g;
                    service.query(g, &query);
                }
            }
            while let Ok((_, u)) = rx.recv() {
                let last = matches!(u, GrepUpdate::Searched { gen: g, .. } if g == gen);
                let t = Instant::now();
                app.handle_event(AppEvent::Grep(u));
                spent += t.elapsed();
                if last {
                    break;
                }
            }
            ui.push(ms(spent));
            let t = Instant::now();
            let _ = term.draw(|f| qari::ui::render(f, &app));
            frame.push(ms(t.elapsed()));
        }
        println!(
            "{:<16} {:>14.1} {:>10.2}",
            q,
            median(&mut ui),
            median(&mut frame)
        );
    }
}
