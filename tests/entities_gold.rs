//! Entity extraction measured against the hand-annotated gold set in
//! `tests/fixtures/gold/` (see its README): precision, recall and F1 per type,
//! for the seeds and for texts the gazetteer was not built from.
//!
//! A mention counts as correct when its code-point span and type both match
//! the gold exactly. Demonyms are not entity mentions and are not scored.

use std::collections::{BTreeMap, HashSet};

use qari::entities::{EntityType, Extractor, MentionKind};

type Span = (usize, usize, String);

const SEEDS: &[(&str, &str)] = &[
    ("seeds/000_29a832587050bdde.txt", "seed_000.tsv"),
    ("seeds/001_960e743a51614c08.txt", "seed_001.tsv"),
    ("seeds/002_c82f50676b35041e.txt", "seed_002.tsv"),
    ("seeds/003_6a1b7cce191ada7f.txt", "seed_003.tsv"),
    ("seeds/004_b472dfb818848289.txt", "seed_004.tsv"),
];

const UNSEEN: &[(&str, &str)] = &[
    ("tests/fixtures/gold/texts/u1_gulf.txt", "u1.tsv"),
    ("tests/fixtures/gold/texts/u2_ukraine.txt", "u2.tsv"),
    ("tests/fixtures/gold/texts/u3_sudan.txt", "u3.tsv"),
    ("tests/fixtures/gold/texts/u4_oil.txt", "u4.tsv"),
];

fn gold(file: &str, text: &str) -> HashSet<Span> {
    let tsv = std::fs::read_to_string(format!("tests/fixtures/gold/{file}")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let (s, e): (usize, usize) = (c[0].parse().unwrap(), c[1].parse().unwrap());
            let got: String = chars[s..e].iter().collect();
            assert_eq!(
                got, c[3],
                "{file}: gold span {s}..{e} does not hold its text"
            );
            assert!(
                EntityType::parse(c[2]).is_some(),
                "{file}: bad type {}",
                c[2]
            );
            (s, e, c[2].to_string())
        })
        .collect()
}

fn predicted(ex: &Extractor, text: &str) -> HashSet<Span> {
    let cp = |b: usize| text[..b].chars().count();
    ex.extract(text)
        .into_iter()
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| {
            (
                cp(m.range.start),
                cp(m.range.end),
                ex.etype(&m.key).as_str().to_string(),
            )
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Scores a group of texts; prints the table and the errors; returns overall F1
/// and F1 per type.
fn score(name: &str, files: &[(&str, &str)]) -> (f64, BTreeMap<String, f64>) {
    let ex = Extractor::builtin();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    for (text_path, gold_file) in files {
        let text = std::fs::read_to_string(text_path).unwrap();
        let g = gold(gold_file, &text);
        let p = predicted(&ex, &text);
        let chars: Vec<char> = text.chars().collect();
        let show = |s: &Span| chars[s.0..s.1].iter().collect::<String>();
        for t in EntityType::ALL {
            let t = t.as_str().to_string();
            let c = by_type.entry(t.clone()).or_default();
            let gt: HashSet<&Span> = g.iter().filter(|s| s.2 == t).collect();
            let pt: HashSet<&Span> = p.iter().filter(|s| s.2 == t).collect();
            let tp = gt.intersection(&pt).count();
            c.tp += tp;
            c.fp += pt.len() - tp;
            c.fn_ += gt.len() - tp;
        }
        let mut fps: Vec<&Span> = p.difference(&g).collect();
        let mut fns: Vec<&Span> = g.difference(&p).collect();
        fps.sort();
        fns.sort();
        for s in fps {
            println!("{name} {gold_file} FP {} {}..{} {}", s.2, s.0, s.1, show(s));
        }
        for s in fns {
            println!("{name} {gold_file} FN {} {}..{} {}", s.2, s.0, s.1, show(s));
        }
    }
    println!("{name}: type          P      R      F1    (tp/fp/fn)");
    let mut f1s = BTreeMap::new();
    for (t, c) in &by_type {
        let (p, r, f) = c.prf();
        println!(
            "{name}: {t:<12} {p:.3}  {r:.3}  {f:.3}  ({}/{}/{})",
            c.tp, c.fp, c.fn_
        );
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        f1s.insert(t.clone(), f);
    }
    let (p, r, f) = all.prf();
    println!(
        "{name}: {:<12} {p:.3}  {r:.3}  {f:.3}  ({}/{}/{})",
        "overall", all.tp, all.fp, all.fn_
    );
    (f, f1s)
}

#[test]
fn gold_seeds() {
    let (f1, per_type) = score("seeds", SEEDS);
    assert!(f1 >= 0.95, "overall F1 on the seeds {f1:.3} < 0.95");
    for (t, f) in per_type {
        assert!(f >= 0.90, "F1 for {t} on the seeds {f:.3} < 0.90");
    }
}

#[test]
fn gold_unseen_texts() {
    let (f1, _) = score("unseen", UNSEEN);
    assert!(f1 >= 0.85, "overall F1 on the unseen texts {f1:.3} < 0.85");
}
