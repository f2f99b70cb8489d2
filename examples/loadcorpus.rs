//! Loads the given paths with the blocking loader and prints what was
//! loaded: `cargo run --release --example loadcorpus -- [--stage STAGE] DIR...`.
//! Used to compare loading speed with `rg -c WORD DIR`. `--stage plan` only
//! walks the folders, `--stage read` also reads the bytes, `--stage decode`
//! also decodes them; the default runs the whole loader. `--dump` prints the
//! metadata of every document (id, title, date, ISO date, source, first
//! sentence, text length, notes; tab-separated), to compare two loaders.

use std::path::PathBuf;
use std::time::Instant;

use qari::corpus::walk::{plan, FileSource};
use rayon::prelude::*;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let stage = match args.iter().position(|a| a == "--stage") {
        Some(i) if i + 1 < args.len() => {
            let s = args.remove(i + 1);
            args.remove(i);
            s
        }
        _ => "all".to_string(),
    };
    let dump = args.iter().any(|a| a == "--dump");
    args.retain(|a| a != "--dump");
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let start = Instant::now();
    if stage == "all" {
        let corpus = qari::corpus::load(&paths);
        if dump {
            print_metadata(&corpus);
        }
        let bytes: usize = corpus.docs.iter().map(|d| d.body.len()).sum();
        let leads: usize = corpus.docs.iter().filter(|d| d.lead.is_some()).count();
        let dated = corpus.docs.iter().filter(|d| d.date.is_some()).count();
        println!(
            "{} documents, {} skipped, {bytes} bytes, {leads} with a first sentence, {dated} dated, {:.1} ms",
            corpus.docs.len(),
            corpus.skipped.len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
        // Loading ends here; the process exits without freeing 100k
        // documents one by one (`rg`, the reference, frees nothing either).
        std::mem::forget(corpus);
        return;
    }
    let (files, _) = plan(&paths);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(qari::corpus::LOAD_THREADS)
        .build()
        .expect("thread pool");
    let total: usize = pool.install(|| {
        files
            .par_iter()
            .map(|f| match (&f.source, stage.as_str()) {
                (_, "plan") => f.size as usize,
                (FileSource::Disk(p), s) => {
                    let bytes = std::fs::read(p).unwrap_or_default();
                    if s == "decode" {
                        qari::corpus::decode::decode(&bytes).map_or(0, |d| d.text.len())
                    } else {
                        bytes.len()
                    }
                }
                (FileSource::Embedded(b), _) => b.len(),
            })
            .sum()
    });
    println!(
        "{stage}: {} files, {total} bytes, {:.1} ms",
        files.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

fn print_metadata(corpus: &qari::corpus::Corpus) {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in &corpus.docs {
        let date = d.date.as_ref();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            d.id,
            d.title,
            date.map_or("", |x| x.text.as_str()),
            date.and_then(|x| x.iso.as_deref()).unwrap_or(""),
            d.source.as_deref().unwrap_or(""),
            d.lead.as_deref().unwrap_or(""),
            d.body.len(),
            d.notes.join("; ")
        );
    }
}
