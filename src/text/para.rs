//! One paragraph prepared for display: clusters, logical lines and levels.
//! Both the cell layout (`layout.rs`) and the plain-text renderer
//! (`render.rs`) walk its lines in visual order through [`Para::visit`].

use std::ops::Range;

use unicode_bidi::BidiClass;

use super::bidi::{reset_whitespace, resolve, visual_order_into, Levels, Scan};
use super::cluster::{clusters, Cluster, Clusters, SEG, WS};
use super::layout::{BidiMode, Direction, LayoutOptions};
use super::wrap::wrap;

/// Buffers for reordering lines, reused from line to line.
#[derive(Debug, Default)]
pub struct Scratch {
    levels: Vec<u8>,
    order: Vec<usize>,
}

/// A paragraph laid out in logical lines, ready to be reordered line by line.
pub struct Para<'a> {
    /// The paragraph text.
    pub p: &'a str,
    /// Its byte offset in the document.
    pub base: usize,
    /// Its display clusters.
    pub cl: Clusters,
    /// Logical lines, as ranges of cluster indices.
    pub lines: Vec<Range<usize>>,
    /// Resolved levels (unused in terminal mode).
    levels: Levels,
    /// Right-to-left base direction.
    pub rtl: bool,
    /// The app reorders and mirrors (`BidiMode::App`).
    pub app: bool,
    /// Line width in cells.
    pub width: usize,
}

impl<'a> Para<'a> {
    /// Prepares `text[range]` (which must be a valid range) under `opts`;
    /// `doc` is the document's direction, which decides near ties.
    pub fn new(
        text: &'a str,
        range: Range<usize>,
        opts: &LayoutOptions,
        doc: Option<Direction>,
    ) -> Para<'a> {
        let base = range.start;
        let p = &text[range];
        let app = opts.bidi == BidiMode::App;
        let cl = clusters(p, app && opts.shape);
        let scan = if cl.simple { cl.scan } else { Scan::of(p) };
        let dir = opts.direction.unwrap_or_else(|| scan.dominant_in(doc));
        let width = opts.width.max(1) as usize;
        let lines = wrap(&cl.list, width);
        let levels = if app && !lines.is_empty() {
            resolve(p, &cl, &scan, dir)
        } else {
            Levels::Uniform(0)
        };
        Para {
            p,
            base,
            cl,
            lines,
            levels,
            rtl: dir == Direction::Rtl,
            app,
            width,
        }
    }

    /// Calls `f(cluster, mirror)` for the clusters of line `r` in visual
    /// order, left to right (L1, L2; `mirror` tells L4 to apply).
    pub fn visit(&self, r: Range<usize>, f: impl FnMut(&Cluster, bool)) {
        self.visit_in(r, &mut Scratch::default(), f);
    }

    /// [`Para::visit`] with buffers kept from line to line.
    pub fn visit_in(
        &self,
        r: Range<usize>,
        scratch: &mut Scratch,
        mut f: impl FnMut(&Cluster, bool),
    ) {
        let first = r.start;
        let line = &self.cl.list[r];
        let uniform = match self.levels {
            Levels::Uniform(l) => Some(l),
            // A line all at the paragraph level (a run of Arabic between
            // numbers) needs neither L1 nor L2.
            Levels::PerCluster(ref all) => {
                let base = u8::from(self.rtl);
                all[first..first + line.len()]
                    .iter()
                    .all(|&l| l == base)
                    .then_some(base)
            }
        };
        let n = line.len();
        // The line reversed or as is when its levels equal the paragraph
        // level (L1 changes nothing), else in the L1/L2 order; one loop with
        // one call of `f`, so that it is inlined.
        let (reorder, rev, odd) = match (uniform, &self.levels) {
            (Some(l), _) => (false, l % 2 == 1, l % 2 == 1),
            (None, Levels::PerCluster(all)) => {
                let lv = &mut scratch.levels;
                lv.clear();
                lv.extend_from_slice(&all[first..first + n]);
                reset_whitespace(
                    lv,
                    u8::from(self.rtl),
                    |i| line[i].flags & SEG != 0,
                    |i| line[i].flags & WS != 0,
                );
                visual_order_into(lv, &mut scratch.order);
                (true, false, false)
            }
            (None, Levels::Uniform(_)) => return,
        };
        for k in 0..n {
            let (i, odd) = if reorder {
                let i = scratch.order.get(k).copied().unwrap_or(k);
                (i, scratch.levels.get(i).is_some_and(|l| l % 2 == 1))
            } else {
                (if rev { n - 1 - k } else { k }, odd)
            };
            let c = &line[i];
            f(c, self.app && odd && c.class == BidiClass::ON);
        }
    }

    /// Width of a cluster as shown (a cluster wider than the line is shown
    /// as one replacement character).
    pub fn cell_width(&self, c: &Cluster) -> u8 {
        if c.width as usize > self.width {
            1
        } else {
            c.width
        }
    }

    /// Appends what cluster `c` shows to `out`.
    #[inline]
    pub fn symbol(&self, c: &Cluster, mirror: bool, out: &mut String) {
        if c.width as usize > self.width {
            out.push('\u{FFFD}');
        } else {
            c.push_symbol(self.p, mirror, out);
        }
    }

    /// Left padding of line `r`: right alignment of RTL paragraphs in app mode.
    pub fn pad(&self, r: Range<usize>) -> usize {
        if !(self.rtl && self.app) {
            return 0;
        }
        let used: usize = self.cl.list[r]
            .iter()
            .map(|c| self.cell_width(c) as usize)
            .sum();
        self.width.saturating_sub(used)
    }
}
