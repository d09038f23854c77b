//! When does a strided pooling keep exact rot90 (and flip) equivariance?
//!
//! A quarter turn of an `n × n` map sends row `i` to row `n − 1 − i` (a flip
//! does the same to rows or columns). A strided window layer is exact for it
//! only if the mirror image of every window is again a window. Window `i`
//! is centred at `i·s − offset + (size − 1)/2` and there are `⌊n/s⌋` of them,
//! so the condition is `n − size + 2·offset = (⌊n/s⌋ − 1)·s`. For a 2×2 max
//! or average pooling with stride 2 this says: `n` is even. With an odd `n`
//! the pairs (0,1), (2,3), … land on (n−1, n−2), … which straddle two windows,
//! and the last row belongs to no window. Convolutions (stride 1, centred)
//! always pass. The same holds at every pooling, with the size left by the
//! previous ones, so after `k` stride-2 poolings the input side must be a
//! multiple of `2^k`.

use crate::engine::layers::Geometry;
use crate::engine::model::Model;

/// The verdict for one model and input side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrideParity {
    pub input_size: usize,
    /// Side of each layer's output, until the first global layer.
    pub sizes: Vec<usize>,
    /// The first layer whose windows are not mapped onto windows by rot90.
    pub first_break: Option<usize>,
    /// A few sentences for the learner, with the numbers of this case.
    pub explanation: String,
}

impl StrideParity {
    /// True when no layer breaks exact rot90 and flip equivariance by its striding.
    pub fn exact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// True when a window layer (`size`, `stride`, `offset`) on an `n`-wide map
/// maps windows onto windows under `i -> n − 1 − i`.
pub fn windows_are_symmetric(n: usize, size: usize, stride: usize, offset: usize) -> bool {
    let (n, size, s, off) = (n as i64, size as i64, stride.max(1) as i64, offset as i64);
    n >= s && n - size + 2 * off == (n / s - 1) * s
}

/// Walk the model's layers for a square input of side `input_size`.
pub fn stride_parity(model: &Model, input_size: usize) -> StrideParity {
    let mut n = input_size;
    let mut sizes = Vec::new();
    let mut first_break = None;
    let mut explanation = String::new();
    for (k, layer) in model.layers.iter().enumerate() {
        match layer.geometry() {
            Geometry::Global | Geometry::Neighbourhood { .. } => break,
            Geometry::Pointwise => {}
            Geometry::Window { size, stride, offset } => {
                if first_break.is_none() && !windows_are_symmetric(n, size, stride, offset) {
                    first_break = Some(k);
                    explanation = broken_text(k, layer.label(), n, stride);
                }
                n /= stride.max(1);
            }
        }
        sizes.push(n);
    }
    if first_break.is_none() {
        explanation = exact_text(input_size, &sizes, model);
    }
    StrideParity { input_size, sizes, first_break, explanation }
}

fn exact_text(input: usize, sizes: &[usize], model: &Model) -> String {
    let strided = model.layers.iter().any(|l| matches!(l.geometry(), Geometry::Window { stride, .. } if stride > 1));
    if !strided {
        return format!("Input {input}×{input}: no layer subsamples, so nothing here breaks rot90 equivariance.");
    }
    let mut chain = vec![input];
    for &s in sizes {
        if chain.last() != Some(&s) {
            chain.push(s);
        }
    }
    let chain: Vec<String> = chain.iter().map(|s| s.to_string()).collect();
    format!(
        "Input {input}×{input} (sizes {}): every strided pooling sees a size it divides, so a quarter turn \
         (row i → row n−1−i) maps its windows — pairs of rows (0,1), (2,3), … for stride 2 — onto windows. \
         Rotation equivariance stays exact through the pooling.",
        chain.join(" → ")
    )
}

fn broken_text(k: usize, label: String, n: usize, s: usize) -> String {
    let last = n - 1;
    format!(
        "Input side {n} at layer {k} ({label}): its windows start every {s} rows at 0, {s}, 2·{s}, … \
         and {} row(s) at the end fall in no window. A quarter turn sends row i to row {last} − i, so the \
         first window (rows 0…{}) lands on rows {}…{last}, which is not a window. The pooled maps of the \
         rotated image are not the rotated pooled maps: exact rot90 (and flip) equivariance is lost from \
         this layer on. Use a side that every stride divides (for stride 2 after stride 2: a multiple of 4).",
        n % s.max(1),
        s - 1,
        last + 1 - s,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::image::{build, ImageArch, ImageModelConfig};

    #[test]
    fn even_sizes_pass_and_odd_sizes_break_at_the_pooling() {
        let m = build(&ImageModelConfig::for_arch(ImageArch::P4Cnn));
        let even = stride_parity(&m, 64);
        assert!(even.exact(), "{}", even.explanation);
        assert_eq!(&even.sizes[..3], &[64, 64, 32]);
        let odd = stride_parity(&m, 63);
        assert_eq!(odd.first_break, Some(2));
        assert!(odd.explanation.contains("row 62 − i"), "{}", odd.explanation);
        // 2×2 pooling stride 2; blurred pooling (window 4, offset 1); a 3-wide window with stride 2.
        assert!(windows_are_symmetric(6, 2, 2, 0) && !windows_are_symmetric(7, 2, 2, 0));
        assert!(windows_are_symmetric(6, 4, 2, 1) && !windows_are_symmetric(7, 4, 2, 1));
        assert!(!windows_are_symmetric(6, 3, 2, 0));
        assert!(windows_are_symmetric(7, 3, 1, 1));
    }
}
