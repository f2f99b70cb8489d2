//! The article generator of `gencorpus`: deterministic synthetic Arabic
//! news articles built from the seeds' vocabulary. Also compiled into the
//! library's tests, which load generated articles.

use std::fmt::Write as _;

const SEEDS: [&str; 5] = [
    include_str!("../../seeds/000_29a832587050bdde.txt"),
    include_str!("../../seeds/001_960e743a51614c08.txt"),
    include_str!("../../seeds/002_c82f50676b35041e.txt"),
    include_str!("../../seeds/003_6a1b7cce191ada7f.txt"),
    include_str!("../../seeds/004_b472dfb818848289.txt"),
];

/// Names that make titles worth searching for (the benchmark queries).
const NAMES: [&str; 16] = [
    "روسيا",
    "أرمينيا",
    "أذربيجان",
    "باشينيان",
    "بوتين",
    "موسكو",
    "يريفان",
    "قره باغ",
    "CSTO",
    "الناتو",
    "باكو",
    "علييف",
    "الكرملين",
    "ناغورنو كاراباخ",
    "تركيا",
    "إيران",
];
const LATIN: [&str; 8] = [
    "CSTO", "NATO", "MiG-29", "S-300", "OSCE", "EU", "Su-25", "UN",
];
const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const SOURCES: [&str; 6] = [
    "euronews",
    "الجزيرة",
    "روسيا اليوم",
    "سكاي نيوز",
    "الشرق الأوسط",
    "الأخبار",
];

/// splitmix64: tiny, fast and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ stream.rotate_left(32));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Words and sentences of the seeds.
pub struct Vocab {
    words: Vec<&'static str>,
    sentences: Vec<&'static str>,
}

impl Vocab {
    /// The vocabulary of the bundled seeds.
    pub fn new() -> Self {
        let mut words = Vec::new();
        let mut sentences = Vec::new();
        for s in SEEDS {
            for sent in s.split(['.', '\n', '؟', '!']) {
                let sent = sent.trim();
                if sent.split_whitespace().count() >= 5 {
                    sentences.push(sent);
                }
            }
            words.extend(
                s.split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| w.chars().count() >= 2),
            );
        }
        Vocab { words, sentences }
    }

    /// Title of document `i`: 5–12 words, some of them [`NAMES`].
    pub fn title(&self, seed: u64, i: u64) -> String {
        let mut r = Rng::new(seed, i, 1);
        let n = 5 + r.below(8);
        let mut t = Vec::with_capacity(n);
        for _ in 0..n {
            t.push(if r.chance(12) {
                r.pick(&NAMES)
            } else {
                r.pick(&self.words)
            });
        }
        t.join(" ")
    }

    fn date(r: &mut Rng) -> String {
        format!(
            "{} {} {}",
            1 + r.below(28),
            r.pick(&MONTHS),
            2015 + r.below(10)
        )
    }

    /// Document `i` (title, date line, maybe a source line, paragraphs).
    pub fn document(&self, seed: u64, i: u64) -> String {
        let mut r = Rng::new(seed, i, 2);
        // Sizes 1–6 KB, weighted towards the small end (mean about 3 KB).
        let mut extra = r.below(5000);
        if r.chance(40) {
            extra /= 2;
        }
        let target = 1000 + extra;
        let mut out = self.title(seed, i);
        let _ = write!(out, "\nتاريخ النشر: {} GMT\n", Self::date(&mut r));
        if r.chance(70) {
            let _ = writeln!(out, "المصدر: {}", r.pick(&SOURCES));
        }
        while out.len() < target {
            let mut para = String::new();
            for _ in 0..1 + r.below(4) {
                match r.below(10) {
                    0..=4 => para.push_str(r.pick(&self.sentences)),
                    5..=6 => {
                        let (a, b) = (r.pick(&self.sentences), r.pick(&self.sentences));
                        para.push_str(half(a, true));
                        para.push(' ');
                        para.push_str(half(b, false));
                    }
                    _ => {
                        for k in 0..6 + r.below(14) {
                            if k > 0 {
                                para.push(' ');
                            }
                            para.push_str(match r.below(20) {
                                0 => r.pick(&LATIN),
                                1 => r.pick(&NAMES),
                                _ => r.pick(&self.words),
                            });
                        }
                    }
                }
                if r.chance(15) {
                    let _ = write!(para, " في {}", Self::date(&mut r));
                }
                para.push_str(". ");
            }
            out.push_str(para.trim_end());
            out.push('\n');
        }
        let end = floor_char(&out, target.clamp(1000, 5990));
        out.truncate(end);
        out.push('\n');
        if r.chance(20) {
            out = out
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                    _ => c,
                })
                .collect();
        }
        out
    }
}

/// The first (or second) half of a sentence, cut at a space.
fn half(s: &str, first: bool) -> &str {
    let mid = floor_char(s, s.len() / 2);
    let cut = s[..mid].rfind(' ').unwrap_or(mid);
    if first {
        &s[..cut]
    } else {
        s[cut..].trim_start()
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
