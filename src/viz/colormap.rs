//! Colour maps that stay readable for colour-blind viewers: viridis for
//! values that are never negative, a blue–white–red diverging map (ColorBrewer
//! RdBu) for signed values, and an "ink" map (white paper, dark ink) for input
//! images. Each is a short table of matplotlib/ColorBrewer colours, linearly
//! interpolated.

/// Which colour map, and the value range it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub map: ColorMap,
    pub lo: f32,
    pub hi: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMap {
    Viridis,
    Diverging,
    Ink,
}

const VIRIDIS: [[u8; 3]; 9] = [
    [68, 1, 84],
    [72, 40, 120],
    [62, 73, 137],
    [49, 104, 142],
    [38, 130, 142],
    [31, 158, 137],
    [53, 183, 121],
    [110, 206, 88],
    [253, 231, 37],
];

const RDBU: [[u8; 3]; 7] =
    [[33, 102, 172], [103, 169, 207], [209, 229, 240], [247, 247, 247], [253, 219, 199], [239, 138, 98], [178, 24, 43]];

const INK: [[u8; 3]; 2] = [[255, 255, 255], [24, 28, 58]];

fn lerp_table(table: &[[u8; 3]], t: f32) -> [u8; 3] {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (table.len() - 1) as f32;
    let i = (x.floor() as usize).min(table.len() - 2);
    let f = x - i as f32;
    let (a, b) = (table[i], table[i + 1]);
    [0, 1, 2].map(|k| (a[k] as f32 + (b[k] as f32 - a[k] as f32) * f).round() as u8)
}

impl Scale {
    /// A scale suited to a set of values: diverging and symmetric about zero
    /// when any value is negative, viridis from 0 otherwise.
    pub fn for_range(lo: f32, hi: f32) -> Scale {
        if lo < 0.0 {
            let m = lo.abs().max(hi.abs()).max(1e-12);
            Scale { map: ColorMap::Diverging, lo: -m, hi: m }
        } else {
            Scale { map: ColorMap::Viridis, lo: 0.0, hi: hi.max(1e-12) }
        }
    }

    /// The colour of value `v`.
    pub fn color(&self, v: f32) -> [u8; 3] {
        let t = (v - self.lo) / (self.hi - self.lo).max(1e-30);
        match self.map {
            ColorMap::Viridis => lerp_table(&VIRIDIS, t),
            ColorMap::Diverging => lerp_table(&RDBU, t),
            ColorMap::Ink => lerp_table(&INK, t),
        }
    }

    /// CSS colour string for legends.
    pub fn css(&self, v: f32) -> String {
        let [r, g, b] = self.color(v);
        format!("rgb({r},{g},{b})")
    }
}

/// Smallest and largest finite values (0, 0 for none).
pub fn range<'a>(values: impl IntoIterator<Item = &'a f32>) -> (f32, f32) {
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    // Plain comparisons, not f32::min/max: in WebAssembly those are calls
    // (for their NaN rules), and this runs over every activation per stroke.
    for &v in values {
        if v.is_finite() {
            if v < lo {
                lo = v;
            }
            if v > hi {
                hi = v;
            }
        }
    }
    if lo > hi {
        (0.0, 0.0)
    } else {
        (lo, hi)
    }
}
