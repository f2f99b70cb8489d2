//! Small helpers for the hot loops of extraction: a fast hasher for the
//! maps keyed by entity and the stop-list set, and a bitmap of the byte
//! ranges already taken by a mention.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// The multiply-rotate hash of rustc (FxHash): much cheaper than SipHash
/// for short keys. The keys it sees are entity numbers, ISO dates and
/// folded words; flooding resistance is not needed there.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Byte ranges already taken (longest-first selection of mentions): one
/// bit per byte of the text, grown on demand.
#[derive(Debug, Default)]
pub(crate) struct Taken(Vec<u64>);

/// The 64-bit words a range covers, each with the mask of its bits.
fn masks(r: &Range<usize>) -> impl Iterator<Item = (usize, u64)> {
    let (start, end) = (r.start, r.end);
    let last = if end > start { (end - 1) / 64 + 1 } else { 0 };
    (start / 64..last).map(move |w| {
        let lo = start.max(w * 64) - w * 64;
        let hi = end.min(w * 64 + 64) - w * 64;
        let ones = if hi - lo == 64 {
            u64::MAX
        } else {
            (1u64 << (hi - lo)) - 1
        };
        (w, ones << lo)
    })
}

impl Taken {
    /// Whether `r` overlaps a range already taken.
    pub(crate) fn overlaps(&self, r: &Range<usize>) -> bool {
        masks(r).any(|(w, m)| self.0.get(w).is_some_and(|x| x & m != 0))
    }

    /// Takes `r` unless it overlaps a range already taken.
    pub(crate) fn insert(&mut self, r: &Range<usize>) -> bool {
        if self.overlaps(r) {
            return false;
        }
        let words = r.end.div_ceil(64);
        if self.0.len() < words {
            self.0.resize(words, 0);
        }
        for (w, m) in masks(r) {
            self.0[w] |= m;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn taken_ranges_do_not_overlap() {
        let mut t = Taken::default();
        assert!(t.insert(&(10..20)));
        assert!(!t.insert(&(19..25)));
        assert!(!t.insert(&(5..11)));
        assert!(t.insert(&(20..200)));
        assert!(t.insert(&(0..10)));
        assert!(t.overlaps(&(150..151)));
        assert!(!t.overlaps(&(200..300)));
        assert!(t.insert(&(5..5)), "an empty range overlaps nothing");
        assert!(!t.overlaps(&(300..364)));
        assert!(t.insert(&(300..364)) && t.overlaps(&(363..364)) && !t.overlaps(&(364..365)));
        assert!(t.overlaps(&(64..65)) && t.overlaps(&(127..129)));
    }

    #[test]
    fn fx_hash_tells_keys_apart() {
        let b = BuildHasherDefault::<FxHasher>::default();
        assert_ne!(b.hash_one("روسيا"), b.hash_one("روسي"));
        assert_ne!(b.hash_one(1u32), b.hash_one(2u32));
        let mut s: FxHashSet<String> = FxHashSet::default();
        s.insert("بشان".into());
        assert!(s.contains("بشان") && !s.contains("شان"));
    }
}
