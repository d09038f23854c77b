//! Plain 1-D convolution along a strand: `y[o, i] = b[o] + Σ_{c,k} w[o, c, k] · x[c, i + k - p]`
//! (cross-correlation, "same" size, odd `K`, `p = K / 2`).
//!
//! Shifts: with circular padding it commutes with every cyclic shift
//! (claim D1); with zero padding only away from the ends.
//!
//! Reverse complement: the output is declared on `Strand` with the identity
//! pairing, i.e. RC acts on it by reversing positions and leaving every
//! channel where it is. The layer relates none of its channels to another,
//! so identity is the only channel map it can honestly claim. Under it,
//! `conv(RC x) = RC conv(x)` holds exactly when every filter is its own
//! reverse complement (`w[o, c, k] = w[o, π(c), K-1-k]`, e.g. a GAATTC
//! detector); a generic filter is NOT RC-equivariant (claim D3), and no
//! other channel permutation would fix that in general: that is what the
//! filter pairs of `rc_conv1d` are for.

use super::{expect_strand, identity_pairing, Geometry, Layer, LayerError, Param, Setting};
use crate::engine::kernels::conv1d::{conv1d, Padding};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array3};

/// A plain convolution: weights `(out, in, K)` with odd `K`, one bias per output.
#[derive(Clone, Debug, PartialEq)]
pub struct Conv1d {
    pub weight: Array3<f32>,
    pub bias: Array1<f32>,
    pub padding: Padding,
}

impl Conv1d {
    /// Panics on an even kernel or a bias of the wrong length (a programming
    /// error: models are built in code, never from user bytes).
    pub fn new(weight: Array3<f32>, bias: Array1<f32>, padding: Padding) -> Self {
        assert!(weight.dim().2 % 2 == 1, "conv1d kernels have odd length (centred)");
        assert_eq!(weight.dim().0, bias.len());
        Conv1d { weight, bias, padding }
    }

    pub fn in_channels(&self) -> usize {
        self.weight.dim().1
    }

    pub fn out_channels(&self) -> usize {
        self.weight.dim().0
    }

    pub fn kernel_size(&self) -> usize {
        self.weight.dim().2
    }
}

impl Layer for Conv1d {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![("padding", Setting::text(self.padding.name())), ("width", Setting::Number(self.weight.dim().2 as f64))]
    }

    fn kind(&self) -> &'static str {
        "conv1d"
    }

    fn label(&self) -> String {
        format!(
            "conv1d width {}, {}→{}, {} padding",
            self.kernel_size(),
            self.in_channels(),
            self.out_channels(),
            self.padding.name()
        )
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (_, v) = expect_strand(x, "conv1d")?;
        if v.dim().0 != self.in_channels() {
            return Err(LayerError(format!("conv1d expects {} channels, got {}", self.in_channels(), v.dim().0)));
        }
        let y = conv1d(v, self.weight.view(), self.bias.view(), self.padding);
        Ok(Signal::new(y.into_dyn(), Space::Strand { pairing: identity_pairing(self.out_channels()) }))
    }

    fn geometry(&self) -> Geometry {
        let k = self.kernel_size();
        Geometry::Window { size: k, stride: 1, offset: k / 2 }
    }

    fn params(&self) -> Vec<Param> {
        vec![
            Param { name: "weight".into(), value: self.weight.clone().into_dyn() },
            Param { name: "bias".into(), value: self.bias.clone().into_dyn() },
        ]
    }
}
