//! Line breaking in logical order.
//!
//! UAX #9 reorders *after* line breaking, so lines are cut on the logical
//! cluster sequence: at spaces, or inside a word that is longer than a whole
//! line. Spaces at the edges of a line are dropped: L1 would move trailing
//! spaces of an RTL line to its left end.

use std::ops::Range;

use super::cluster::{Cluster, BREAK};

/// Breaks `clusters` into lines of at most `width` cells. Returns ranges of
/// cluster indices; no line starts or ends with a breaking space. A cluster
/// wider than `width` gets a line of its own (the caller replaces it).
pub fn wrap(clusters: &[Cluster], width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let n = clusters.len();
    let is_space = |i: usize| clusters[i].flags & BREAK != 0;
    let mut i = 0;
    // Fast path: the whole paragraph fits.
    let total: usize = clusters.iter().map(|c| c.width as usize).sum();
    if total <= width {
        let (s, e) = trim(clusters, 0, n);
        if s < e {
            lines.push(s..e);
        }
        return lines;
    }
    while i < n {
        while i < n && is_space(i) {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut used = 0usize;
        // Index just after the last word that fits, and where the next starts.
        let mut last_break: Option<usize> = None;
        while i < n {
            let w = clusters[i].width as usize;
            if used + w > width {
                break;
            }
            used += w;
            if is_space(i) {
                last_break = Some(i);
            }
            i += 1;
        }
        if i >= n {
            let (s, e) = trim(clusters, start, n);
            if s < e {
                lines.push(s..e);
            }
            break;
        }
        if is_space(i) {
            // The line ends exactly at a space.
            let (s, e) = trim(clusters, start, i);
            lines.push(s..e);
            continue;
        }
        match last_break {
            Some(b) => {
                let (s, e) = trim(clusters, start, b);
                if s < e {
                    lines.push(s..e);
                }
                i = b + 1;
            }
            None => {
                // A word longer than the line: cut it between clusters.
                let end = if i == start { i + 1 } else { i };
                lines.push(start..end);
                i = end;
            }
        }
    }
    lines
}

/// Drops breaking spaces at both ends of `start..end`.
fn trim(clusters: &[Cluster], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && clusters[start].flags & BREAK != 0 {
        start += 1;
    }
    while end > start && clusters[end - 1].flags & BREAK != 0 {
        end -= 1;
    }
    (start, end)
}
