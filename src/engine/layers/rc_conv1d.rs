//! Reverse-complement-equivariant 1-D convolution: filters come in pairs
//! `(w_j, RC(w_j))` with `RC(w)[c, k] = w[π(c), K-1-k]`, where `π` is the
//! input's channel pairing (A<->T, C<->G on one-hot input; the partner
//! filter on a previous `rc_conv1d`'s output). Output channel `2j` is
//! `w_j ⋆ x`, channel `2j+1` is `RC(w_j) ⋆ x`, both with bias `b_j`.
//!
//! Why it is exactly equivariant (claim D4): with `(RC x)[c, i] = x[π(c), L-1-i]`
//! and `K - 1 = 2p`, substituting `k' = K-1-k`, `c' = π(c)` gives
//! `(w ⋆ RC x)[i] = (RC(w) ⋆ x)[L-1-i]`. Since `π` is an involution,
//! `RC(RC(w)) = w`, so on the output RC reverses the positions and swaps
//! channels `2j <-> 2j+1`: the output lives on `Strand` with that pairing,
//! and a second `rc_conv1d` can take it as input. Circular padding wraps
//! symmetrically and zero padding of an odd, centred kernel is symmetric,
//! so both paddings keep the identity exactly; cyclic shifts need circular
//! padding, as for any convolution.

use super::{expect_strand, Geometry, Layer, LayerError, Param, Setting};
use crate::engine::kernels::conv1d::{conv1d, Padding};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array3};

/// An RC-equivariant convolution: `F` base filters `(F, C, K)`, odd `K`,
/// producing `2F` channels paired `2j <-> 2j+1`.
#[derive(Clone, Debug, PartialEq)]
pub struct RcConv1d {
    pub weight: Array3<f32>,
    pub bias: Array1<f32>,
    pub padding: Padding,
    /// The pairing of the input channels the filters were built for.
    pub in_pairing: Vec<usize>,
}

/// `true` when `p` is a permutation with `p[p[c]] = c` (a pairing).
pub fn is_involution(p: &[usize]) -> bool {
    p.iter().all(|&q| q < p.len() && p[q] < p.len()) && p.iter().enumerate().all(|(c, &q)| p[q] == c)
}

/// The output pairing of `2F` channels: `[1, 0, 3, 2, ...]`.
pub fn pair_pairing(filters: usize) -> Vec<usize> {
    (0..2 * filters).map(|c| c ^ 1).collect()
}

/// `RC(w)[c, k] = w[π(c), K-1-k]` for one filter `(C, K)` per row of `w`.
pub fn rc_filters(w: &Array3<f32>, pairing: &[usize]) -> Array3<f32> {
    let (f, c, k) = w.dim();
    Array3::from_shape_fn((f, c, k), |(o, ci, kk)| w[(o, pairing[ci], k - 1 - kk)])
}

impl RcConv1d {
    /// Panics on an even kernel, a bias of the wrong length or a pairing that
    /// is not an involution of the input channels (programming errors).
    pub fn new(weight: Array3<f32>, bias: Array1<f32>, padding: Padding, in_pairing: Vec<usize>) -> Self {
        assert!(weight.dim().2 % 2 == 1, "rc_conv1d kernels have odd length (centred)");
        assert_eq!(weight.dim().0, bias.len());
        assert_eq!(weight.dim().1, in_pairing.len());
        assert!(is_involution(&in_pairing), "the input pairing must be an involution");
        RcConv1d { weight, bias, padding, in_pairing }
    }

    pub fn filters(&self) -> usize {
        self.weight.dim().0
    }

    pub fn kernel_size(&self) -> usize {
        self.weight.dim().2
    }

    /// All `2F` filters `(2F, C, K)`: `w_0, RC(w_0), w_1, RC(w_1), ...`, and their biases.
    pub fn expanded(&self) -> (Array3<f32>, Array1<f32>) {
        let (f, c, k) = self.weight.dim();
        let rc = rc_filters(&self.weight, &self.in_pairing);
        let w = Array3::from_shape_fn((2 * f, c, k), |(o, ci, kk)| {
            if o % 2 == 0 {
                self.weight[(o / 2, ci, kk)]
            } else {
                rc[(o / 2, ci, kk)]
            }
        });
        let b = Array1::from_shape_fn(2 * f, |o| self.bias[o / 2]);
        (w, b)
    }
}

impl Layer for RcConv1d {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![
            ("padding", Setting::text(self.padding.name())),
            ("width", Setting::Number(self.kernel_size() as f64)),
            ("filter_pairs", Setting::Number(self.filters() as f64)),
            ("input_pairing", Setting::Indices(self.in_pairing.clone())),
        ]
    }

    fn kind(&self) -> &'static str {
        "rc_conv1d"
    }

    fn label(&self) -> String {
        format!(
            "RC conv1d width {}, {}→{} ({} filter pairs), {} padding",
            self.kernel_size(),
            self.in_pairing.len(),
            2 * self.filters(),
            self.filters(),
            self.padding.name()
        )
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (pairing, v) = expect_strand(x, "rc_conv1d")?;
        if pairing != self.in_pairing.as_slice() {
            return Err(LayerError(format!(
                "rc_conv1d was built for input pairing {:?}, got {:?}",
                self.in_pairing, pairing
            )));
        }
        let (w, b) = self.expanded();
        let y = conv1d(v, w.view(), b.view(), self.padding);
        Ok(Signal::new(y.into_dyn(), Space::Strand { pairing: pair_pairing(self.filters()) }))
    }

    fn geometry(&self) -> Geometry {
        let k = self.kernel_size();
        Geometry::Window { size: k, stride: 1, offset: k / 2 }
    }

    fn params(&self) -> Vec<Param> {
        let (w, b) = self.expanded();
        vec![
            Param { name: "weight (pairs w, RC(w))".into(), value: w.into_dyn() },
            Param { name: "bias".into(), value: b.into_dyn() },
        ]
    }
}
