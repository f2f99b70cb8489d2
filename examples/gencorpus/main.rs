//! Deterministic synthetic Arabic news corpus for benchmarks.
//!
//! ```text
//! cargo run --release --example gencorpus -- --docs 100000 DIR [--seed N] [--titles-jsonl FILE]
//! cargo run --release --example gencorpus -- --titles-only --count 1000000 --titles-jsonl FILE
//! ```
//!
//! Articles of 1–6 KB are built from the vocabulary and sentences of the
//! bundled seeds: a title of 5–12 words, a date line, sometimes a source
//! line, then paragraphs mixing seed sentences, spliced halves of two
//! sentences and word salad, with Latin acronyms and dates; about 20 % use
//! Arabic-Indic digits. Document *i* depends only on (seed, *i*), and title
//! *i* is the same with or without `--titles-only`. Files go to
//! `DIR/NNN/NNNNNN.txt`, 1000 per folder, written by two threads.

use std::io::Write as _;
use std::path::PathBuf;

mod vocab;

use vocab::Vocab;

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

struct Args {
    docs: u64,
    dir: Option<PathBuf>,
    seed: u64,
    titles: Option<PathBuf>,
    count: Option<u64>,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut a = Args {
        docs: 0,
        dir: None,
        seed: 42,
        titles: None,
        count: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || {
            it.next()
                .ok_or_else(|| anyhow::anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--docs" => a.docs = val()?.parse()?,
            "--seed" => a.seed = val()?.parse()?,
            "--titles-jsonl" => a.titles = Some(val()?.into()),
            "--count" => a.count = Some(val()?.parse()?),
            "--titles-only" => a.dir = None,
            s if !s.starts_with("--") => a.dir = Some(s.into()),
            s => anyhow::bail!("unknown option {s}"),
        }
    }
    Ok(a)
}

fn main() -> anyhow::Result<()> {
    let a = parse_args()?;
    let vocab = Vocab::new();
    let started = std::time::Instant::now();
    if let Some(dir) = &a.dir {
        let bytes = std::sync::atomic::AtomicU64::new(0);
        std::thread::scope(|s| -> anyhow::Result<()> {
            let workers: Vec<_> = (0..2u64)
                .map(|t| {
                    let (vocab, bytes) = (&vocab, &bytes);
                    s.spawn(move || -> anyhow::Result<()> {
                        for i in (t..a.docs).step_by(2) {
                            let sub = dir.join(format!("{:03}", i / 1000));
                            if i % 1000 < 2 {
                                std::fs::create_dir_all(&sub)?;
                            }
                            let doc = vocab.document(a.seed, i);
                            bytes.fetch_add(doc.len() as u64, std::sync::atomic::Ordering::Relaxed);
                            std::fs::write(sub.join(format!("{i:06}.txt")), doc)?;
                        }
                        Ok(())
                    })
                })
                .collect();
            for w in workers {
                w.join().map_err(|_| anyhow::anyhow!("worker panicked"))??;
            }
            Ok(())
        })?;
        eprintln!(
            "{} documents, {} bytes in {:.1?}",
            a.docs,
            bytes.into_inner(),
            started.elapsed()
        );
    }
    if let Some(path) = &a.titles {
        let n = a.count.unwrap_or(a.docs);
        let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
        for i in 0..n {
            let id = format!("{:03}/{i:06}.txt", i / 1000);
            writeln!(
                w,
                "{{\"id\":{},\"title\":{},\"text\":\"\"}}",
                json_str(&id),
                json_str(&vocab.title(a.seed, i))
            )?;
        }
        w.flush()?;
        eprintln!("{n} titles in {:.1?}", started.elapsed());
    }
    Ok(())
}
