//! Group convolution on a grid group (`gconv_p4`, `gconv_p4m`):
//! `out[c, r] = b[c] + Σ_{ci, h} in[ci, h] ⋆ T_r ψ[c, ci, r⁻¹h]`.
//! Each base filter has one `K×K` plane per input orientation; the copy for
//! output orientation `r` turns every plane by `r` AND reorders them by `r⁻¹`.
//!
//! Exactly equivariant to the group and, with circular padding, to cyclic
//! shifts (claims I9, I10): with `(ρ(m) F)[c, r] = T_m F[c, m⁻¹r]`, renaming
//! `h = m h'` and `r = m r'` keeps `r⁻¹h = r'⁻¹h'`, and
//! `(T_m f) ⋆ (T_r ψ) = T_m (f ⋆ T_{m⁻¹r} ψ)` does the rest, so
//! `Φ(ρ(m) F) = ρ(m) Φ(F)`. Input and output live on the same
//! [`Space::GroupGrid`]. Computed as one [`conv2d`] over the `Cin·|G|` planes
//! with the bank of [`expand_group`], built once here.

use super::{Geometry, Layer, LayerError, Param, Setting};
use crate::engine::filter_bank::FilterBank;
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::{conv2d, Padding};
use crate::engine::kernels::group_bank::{expand_bias, expand_group};
use crate::engine::space::{Signal, Space};
use ndarray::{Array1, Array4, Array5, Ix4};

/// A group convolution: base filters `(out, in, |G|, K, K)` with odd `K`, one
/// bias per output channel shared by its orientations.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupConv {
    pub group: GridGroup,
    pub weight: Array5<f32>,
    pub bias: Array1<f32>,
    pub padding: Padding,
    /// The expanded bank `(out·|G|, in·|G|, K, K)` and bias, derived from the above.
    bank: Array4<f32>,
    bank_bias: Array1<f32>,
}

impl GroupConv {
    pub fn new(group: GridGroup, weight: Array5<f32>, bias: Array1<f32>, padding: Padding) -> Self {
        let (o, _, g, k, k2) = weight.dim();
        assert!(k % 2 == 1 && k == k2, "filters are square with odd size");
        assert_eq!(g, group.order(), "one filter plane per group element");
        assert_eq!(o, bias.len());
        let bank = expand_group(weight.view(), group);
        let bank_bias = expand_bias(bias.view(), group.order());
        GroupConv { group, weight, bias, padding, bank, bank_bias }
    }

    pub fn in_channels(&self) -> usize {
        self.weight.dim().1
    }

    pub fn out_channels(&self) -> usize {
        self.weight.dim().0
    }

    pub fn kernel_size(&self) -> usize {
        self.weight.dim().3
    }

    /// The expanded filter bank the forward pass convolves with (every base
    /// filter moved by every group element), e.g. for a backward pass.
    pub fn bank(&self) -> ndarray::ArrayView4<'_, f32> {
        self.bank.view()
    }
}

impl Layer for GroupConv {
    fn settings(&self) -> Vec<(&'static str, Setting)> {
        vec![
            ("group", Setting::text(self.group.name())),
            ("padding", Setting::text(self.padding.name())),
            ("kernel", Setting::Number(self.weight.dim().3 as f64)),
        ]
    }

    fn kind(&self) -> &'static str {
        self.group.gconv_kind()
    }

    fn label(&self) -> String {
        let k = self.kernel_size();
        format!(
            "{} group conv {k}×{k}, {}→{} channels × {} orientations, {} padding",
            self.group.wallpaper_name(),
            self.in_channels(),
            self.out_channels(),
            self.group.order(),
            self.padding.name()
        )
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let stride = match x.space {
            Space::GroupGrid { group, stride } if group == self.group => stride,
            _ => {
                return Err(LayerError(format!(
                    "a {} group convolution expects {} feature maps (from a lifting convolution), got a {}",
                    self.group.wallpaper_name(),
                    self.group.name(),
                    x.space.describe()
                )))
            }
        };
        let v = x.data.view().into_dimensionality::<Ix4>().map_err(|_| LayerError("expects (C, |G|, H, W)".into()))?;
        let (c, g, h, w) = v.dim();
        if c != self.in_channels() || g != self.group.order() {
            return Err(LayerError(format!(
                "{} expects {} channels × {} orientations, got {c} × {g}",
                self.kind(),
                self.in_channels(),
                self.group.order()
            )));
        }
        let std = v.as_standard_layout();
        let planes = std.view().into_shape_with_order((c * g, h, w)).map_err(|e| LayerError(e.to_string()))?;
        let y = conv2d(planes, self.bank.view(), self.bank_bias.view(), self.padding);
        let data =
            y.into_shape_with_order(vec![self.out_channels(), g, h, w]).map_err(|e| LayerError(e.to_string()))?;
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
        Some(FilterBank::from_expanded(self.bank.view(), self.group, self.group.order()))
    }
}
