//! Lifting convolution from an image to a grid group (`lift_p4`, `lift_p4m`):
//! `out[c, r] = b[c] + Σ_ci x[ci] ⋆ T_r ψ[c, ci]`, one output plane per base
//! filter and group element `r`: the filter turned (and flipped) every way.
//!
//! Equivariant for every point symmetry `m` of the group, exactly: since
//! `(T_m x) ⋆ (T_r ψ) = T_m (x ⋆ T_{m⁻¹r} ψ)`, rotating the input rotates
//! every plane AND moves orientation `r` to `m·r` (for C4, a cyclic shift of
//! the 4 orientation planes), which is the action of
//! [`Space::GroupGrid`] (claim I8). With circular padding it also commutes
//! with cyclic shifts. A symmetry outside the group (a flip for C4) has no
//! action on the output. Computed as one [`conv2d`] with the expanded bank of
//! [`expand_lifting`], built once here.

use super::{Geometry, Layer, LayerError, Param, Setting};
use crate::engine::filter_bank::FilterBank;
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::{conv2d, Padding};
use crate::engine::kernels::group_bank::{expand_bias, expand_lifting};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array4, Ix3};

/// A lifting convolution: base filters `(out, in, K, K)` with odd `K`, one
/// bias per output channel shared by its orientations.
#[derive(Clone, Debug, PartialEq)]
pub struct LiftConv {
    pub group: GridGroup,
    pub weight: Array4<f32>,
    pub bias: Array1<f32>,
    pub padding: Padding,
    /// The expanded bank `(out·|G|, in, K, K)` and bias, derived from the above.
    bank: Array4<f32>,
    bank_bias: Array1<f32>,
}

impl LiftConv {
    pub fn new(group: GridGroup, weight: Array4<f32>, bias: Array1<f32>, padding: Padding) -> Self {
        let (o, _, k, k2) = weight.dim();
        assert!(k % 2 == 1 && k == k2, "filters are square with odd size");
        assert_eq!(o, bias.len());
        let bank = expand_lifting(weight.view(), group);
        let bank_bias = expand_bias(bias.view(), group.order());
        LiftConv { group, weight, bias, padding, bank, bank_bias }
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

    /// The expanded filter bank the forward pass convolves with (every base
    /// filter moved by every group element), e.g. for a backward pass.
    pub fn bank(&self) -> ndarray::ArrayView4<'_, f32> {
        self.bank.view()
    }
}

impl Layer for LiftConv {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![
            ("group", Setting::text(self.group.name())),
            ("padding", Setting::text(self.padding.name())),
            ("kernel", Setting::Number(self.weight.dim().2 as f64)),
        ]
    }

    fn kind(&self) -> &'static str {
        self.group.lift_kind()
    }

    fn label(&self) -> String {
        let k = self.kernel_size();
        format!(
            "lift to {}: conv {k}×{k}, {}→{}×{} orientations, {} padding",
            self.group.wallpaper_name(),
            self.in_channels(),
            self.out_channels(),
            self.group.order(),
            self.padding.name()
        )
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let Space::Grid { stride } = x.space else {
            return Err(LayerError(format!("a lifting convolution expects an image, got a {}", x.space.describe())));
        };
        let v =
            x.data.view().into_dimensionality::<Ix3>().map_err(|_| LayerError("expects a (C, H, W) image".into()))?;
        let (c, h, w) = v.dim();
        if c != self.in_channels() {
            return Err(LayerError(format!("{} expects {} channels, got {c}", self.kind(), self.in_channels())));
        }
        let y = conv2d(v, self.bank.view(), self.bank_bias.view(), self.padding);
        let data = y
            .into_shape_with_order(vec![self.out_channels(), self.group.order(), h, w])
            .map_err(|e| LayerError(e.to_string()))?;
        Ok(Signal::new(data, Space::GroupGrid { group: self.group, stride }))
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

    fn filter_bank(&self) -> Option<FilterBank> {
        Some(FilterBank::from_expanded(self.bank.view(), self.group, 1))
    }
}
