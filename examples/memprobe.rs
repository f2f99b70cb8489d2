//! Memory of the whole TUI pipeline, without a terminal: loads the given
//! paths with the streaming loader into an `App`, feeds the fuzzy-jump,
//! corpus-search and entity-index services exactly as the terminal loop does
//! (`runtime::apply_burst` with `EffectRunner::background`), and prints the
//! resident memory (VmRSS, VmHWM from /proc/self/status) and the live heap
//! bytes (counted by this program's allocator) after loading, after the
//! corpus search index and after the entity index, with the bytes of the
//! loaded documents and the entity index counted per structure.
//!
//! ```text
//! cargo run --release --example memprobe -- /tmp/qari-bench
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use qari::app::App;
use qari::corpus::{Document, LoadEvent};
use qari::event::AppEvent;
use qari::runtime::{apply_burst, EffectRunner};
use qari::search::GrepUpdate;

/// Counts the bytes and blocks the program has allocated and not freed.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static BLOCKS: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only record the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        BLOCKS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        BLOCKS.fetch_add(1, Ordering::Relaxed);
        System.alloc_zeroed(l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new as isize - l.size() as isize, Ordering::Relaxed);
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MIB: f64 = 1024.0 * 1024.0;

fn status_kib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
}

fn mib(b: usize) -> f64 {
    b as f64 / MIB
}

/// Heap bytes of one document (requested sizes; the `Document` itself is
/// counted in the vector that holds it).
fn doc_parts(d: &Document) -> [usize; 4] {
    // Texts read from disk on demand cost nothing here; kept ones (JSONL,
    // embedded seeds) cost their bytes and two counts.
    let text = if d.body.is_on_disk() {
        0
    } else {
        d.body.len() + 2 * std::mem::size_of::<usize>()
    };
    let lead = d.lead.as_ref().map_or(0, |l| l.len());
    let strings = d.id.capacity()
        + d.path.as_ref().map_or(0, |p| p.capacity())
        + d.title.capacity()
        + d.source.as_ref().map_or(0, |s| s.capacity())
        + d.date.as_ref().map_or(0, |dd| {
            dd.text.capacity() + dd.iso.as_ref().map_or(0, |s| s.capacity())
        });
    let notes = d.notes.capacity() * std::mem::size_of::<String>()
        + d.notes.iter().map(|n| n.capacity()).sum::<usize>();
    [text, lead, strings, notes]
}

/// User + system CPU seconds of this process so far (/proc/self/stat).
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the command name (which may hold spaces) end with ')'
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / 100.0
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn report(stage: &str, text: usize, t0: Instant) {
    let rss = status_kib("VmRSS:") / 1024.0;
    let hwm = status_kib("VmHWM:") / 1024.0;
    let live = LIVE.load(Ordering::Relaxed).max(0) as usize;
    println!(
        "{stage:<22} {:>6.1}s wall {:>6.1}s CPU  RSS {rss:>6.0} MiB ({:.2}× text)  peak {hwm:>6.0} MiB ({:.2}×)  live heap {:>6.0} MiB in {} blocks  (load {})",
        t0.elapsed().as_secs_f64(),
        cpu_s(),
        rss / mib(text),
        hwm / mib(text),
        mib(live),
        BLOCKS.load(Ordering::Relaxed),
        loadavg()
    );
}

fn breakdown(app: &App) {
    let docs = &app.corpus.docs;
    let mut sum = [0usize; 4];
    for d in docs {
        for (s, p) in sum.iter_mut().zip(doc_parts(d)) {
            *s += p;
        }
    }
    let vec = docs.capacity() * std::mem::size_of::<Document>();
    let on_disk = docs.iter().filter(|d| d.body.is_on_disk()).count();
    println!(
        "  documents: kept texts {:.0} MiB ({on_disk} read from disk on demand), first sentences {:.0} MiB, \
         id/path/title/source/date {:.0} MiB, notes {:.1} MiB, Vec<Document> {:.1} MiB ({} B each)",
        mib(sum[0]),
        mib(sum[1]),
        mib(sum[2]),
        mib(sum[3]),
        mib(vec),
        std::mem::size_of::<Document>()
    );
    let keys = std::mem::size_of_val(app.doc_keys());
    let open = app.open_text().map_or(0, |t| {
        t.text.len() + 16 * (t.paragraphs.capacity() + t.sentences.capacity())
    });
    println!(
        "  app tables: doc keys {:.1} MiB; the open document's text and ranges {:.2} MiB",
        mib(keys),
        mib(open)
    );
    if let Some(ix) = app.entities.index.ready() {
        let range = std::mem::size_of::<qari::entities::DocCount>();
        let postings: usize = ix.entries.iter().map(|e| e.docs.len()).sum();
        let cap: usize = ix.entries.iter().map(|e| e.docs.capacity()).sum();
        let names: usize = ix.entries.iter().map(|e| e.name.capacity()).sum();
        println!(
            "  entity index: {} entries, {postings} postings ({cap} allocated) × {range} B = {:.0} MiB, names {:.1} MiB, keys {:.1} MiB",
            ix.entries.len(),
            mib(cap * range),
            mib(names),
            mib(ix.keys.capacity() * std::mem::size_of::<qari::corpus::DocKey>())
        );
    }
}

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    anyhow::ensure!(!paths.is_empty(), "usage: memprobe DIR...");
    let t0 = Instant::now();
    let (tx, rx) = mpsc::channel();
    let loader_tx = tx.clone();
    let loader = std::thread::spawn(move || {
        qari::corpus::load_streaming(&paths, |ev| {
            let _ = loader_tx.send(AppEvent::Corpus(ev));
        })
    });
    let mut app = App::loading(qari::text::layout::LayoutOptions::default());
    let mut fx = EffectRunner::background(tx);
    let (mut loaded, mut searched, mut entities) = (false, false, false);
    let mut text = 0usize;
    let mut indexed = 0usize;
    while !(loaded && searched && entities) {
        let Ok(first) = rx.recv_timeout(Duration::from_secs(600)) else {
            anyhow::bail!("no event for 10 minutes");
        };
        let burst: Vec<AppEvent> = std::iter::once(first)
            .chain(rx.try_iter().take(512))
            .collect();
        let mut load_done = false;
        for ev in &burst {
            match ev {
                AppEvent::Corpus(LoadEvent::Done) => load_done = true,
                AppEvent::Grep(GrepUpdate::Indexed(n)) => indexed = indexed.max(*n),
                _ => {}
            }
        }
        apply_burst(&mut app, &mut fx, burst)?;
        if load_done {
            loaded = true;
            text = app.corpus.docs.iter().map(|d| d.body.len()).sum();
            println!(
                "{} documents, {text} bytes of text ({:.1} MiB)",
                app.corpus.docs.len(),
                mib(text)
            );
            report("loaded", text, t0);
            breakdown(&app);
        }
        if loaded && !searched && indexed >= app.corpus.docs.len() {
            searched = true;
            report("search index built", text, t0);
        }
        if !entities && app.entities.index.ready().is_some() {
            entities = true;
            report("entity index built", text, t0);
        }
    }
    let _ = loader.join();
    std::thread::sleep(Duration::from_secs(2));
    report("all indexed (+2 s)", text, t0);
    breakdown(&app);
    // the reader: each open reads one file; nothing stays allocated after
    let (live0, cpu0) = (LIVE.load(Ordering::Relaxed), cpu_s());
    let n = app.corpus.docs.len().min(2000);
    let step = (app.corpus.docs.len() / n.max(1)).max(1);
    for i in (0..n).map(|k| k * step) {
        app.open(i);
    }
    println!(
        "  opened {n} documents in the reader: {:.2} s CPU, live heap {:+.2} MiB",
        cpu_s() - cpu0,
        (LIVE.load(Ordering::Relaxed) - live0) as f64 / MIB
    );
    // what the background threads hold, rebuilt here to count it
    let before = LIVE.load(Ordering::Relaxed);
    let mut jump = qari::search::JumpIndex::default();
    for d in &app.corpus.docs {
        jump.push(&qari::search::JumpFields::from(d));
    }
    let after = LIVE.load(Ordering::Relaxed);
    drop(jump);
    println!(
        "  jump index (rebuilt): {:.0} MiB",
        mib((after - before) as usize)
    );
    let before = LIVE.load(Ordering::Relaxed);
    let grep = qari::search::GrepIndex::build(&app.corpus.docs);
    let after = LIVE.load(Ordering::Relaxed);
    println!(
        "  search index (rebuilt): {:.0} MiB live, heap_bytes {:.0} MiB",
        mib((after - before) as usize),
        mib(grep.heap_bytes())
    );
    Ok(())
}
