//! Backward passes of the lifting and group convolutions. Both run as one
//! ordinary convolution with an expanded bank `B` whose entries are copies of
//! base-filter planes moved by group elements (`kernels::group_bank`):
//!
//! - lifting: `B[(c, r), ci] = T_r ψ[c, ci]`;
//! - group conv: `B[(c, r), (ci, h)] = T_r ψ[c, ci, r⁻¹h]`;
//! - bias: `b[(c, r)] = b[c]`.
//!
//! So the gradient first goes through the convolution ([`conv2d_backward`]:
//! `∂L/∂x` and `∂L/∂B`), and then, since `T_r` only permutes the cells of a
//! plane (its adjoint is `T_r⁻¹`), every copy's gradient is moved back and
//! summed into the base filter it came from:
//! `∂L/∂ψ[c, ci, s] = Σ_r T_r⁻¹ ∂L/∂B[(c, r), (ci, r·s)]` (lifting: without
//! `s`), and `∂L/∂b[c] = Σ_r ∂L/∂b[(c, r)]`. This weight tying is what keeps
//! a trained group CNN exactly equivariant: one base filter, every copy moved.

use super::conv::{as_planes, conv2d_backward};
use super::{Backward, Grads};
use crate::engine::grid_group::{transform_plane, GridGroup};
use crate::engine::layers::group_conv::GroupConv;
use crate::engine::layers::lift_conv::LiftConv;
use crate::engine::layers::{Layer, LayerError};
use crate::engine::space::{Signal, Tensor};
use ndarray::{Array1, Array4, Array5, ArrayView1, ArrayView4, Axis, Ix1, Ix3, Ix4, Ix5};
use std::sync::Arc;

/// Base-filter gradient `(out, in, K, K)` of a lifting bank gradient `(out·|G|, in, K, K)`.
pub fn lifting_filter_grad(dbank: ArrayView4<f32>, group: GridGroup) -> Array4<f32> {
    let els = group.elements();
    let g = els.len();
    let (og, ci, k, _) = dbank.dim();
    let mut d = Array4::zeros((og / g, ci, k, k));
    for o in 0..og / g {
        for (r, m) in els.iter().enumerate() {
            for i in 0..ci {
                let back = transform_plane(dbank.index_axis(Axis(0), o * g + r).index_axis(Axis(0), i), m.inverse());
                let mut dst = d.index_axis_mut(Axis(0), o);
                let mut dst = dst.index_axis_mut(Axis(0), i);
                dst += &back;
            }
        }
    }
    d
}

/// Base-filter gradient `(out, in, |G|, K, K)` of a group-conv bank gradient `(out·|G|, in·|G|, K, K)`.
pub fn group_filter_grad(dbank: ArrayView4<f32>, group: GridGroup) -> Array5<f32> {
    let els = group.elements();
    let table = group.cayley_table();
    let g = els.len();
    let (og, ig, k, _) = dbank.dim();
    let mut d = Array5::zeros((og / g, ig / g, g, k, k));
    for o in 0..og / g {
        for (r, m) in els.iter().enumerate() {
            let r_inv = group.inverse_index(r);
            for i in 0..ig / g {
                for (h, &s) in table[r_inv].iter().enumerate() {
                    let back = transform_plane(
                        dbank.index_axis(Axis(0), o * g + r).index_axis(Axis(0), i * g + h),
                        m.inverse(),
                    );
                    let mut dst = d.index_axis_mut(Axis(0), o);
                    let mut dst = dst.index_axis_mut(Axis(0), i);
                    let mut dst = dst.index_axis_mut(Axis(0), s);
                    dst += &back;
                }
            }
        }
    }
    d
}

/// `∂L/∂b[c] = Σ_r ∂L/∂b[(c, r)]`.
fn bias_grad(dbank_bias: ArrayView1<f32>, order: usize) -> Array1<f32> {
    dbank_bias.exact_chunks(order).into_iter().map(|c| c.sum()).collect()
}

impl Backward for LiftConv {
    fn backward(&self, x: &Signal, _y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        let v =
            x.data.view().into_dimensionality::<Ix3>().map_err(|_| LayerError("expects a (C, H, W) image".into()))?;
        let (_, h, w) = v.dim();
        let g = self.group.order();
        let dy = as_planes(dy, self.out_channels() * g, h, w)?;
        let (dx, dbank, dbb) = conv2d_backward(v, self.bank(), dy.view(), self.padding, input);
        let dpsi = lifting_filter_grad(dbank.view(), self.group);
        let db = bias_grad(dbb.view(), g);
        Ok(Grads { input: dx.map(|a| a.into_dyn()), params: vec![dpsi.into_dyn(), db.into_dyn()] })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        let (w, b) = super::conv::weight_and_bias(params, self.weight.dim(), self.kind())?;
        Ok(Arc::new(LiftConv::new(self.group, w, b, self.padding)))
    }
}

impl Backward for GroupConv {
    fn backward(&self, x: &Signal, _y: &Signal, dy: &Tensor, input: bool) -> Result<Grads, LayerError> {
        let v = x.data.view().into_dimensionality::<Ix4>().map_err(|_| LayerError("expects (C, |G|, H, W)".into()))?;
        let (c, g, h, w) = v.dim();
        let std = v.as_standard_layout();
        let planes = std.view().into_shape_with_order((c * g, h, w)).map_err(|e| LayerError(e.to_string()))?;
        let dy = as_planes(dy, self.out_channels() * g, h, w)?;
        let (dx, dbank, dbb) = conv2d_backward(planes, self.bank(), dy.view(), self.padding, input);
        let dpsi = group_filter_grad(dbank.view(), self.group);
        let db = bias_grad(dbb.view(), g);
        let dx = match dx {
            Some(a) => Some(a.into_shape_with_order(vec![c, g, h, w]).map_err(|e| LayerError(e.to_string()))?),
            None => None,
        };
        Ok(Grads { input: dx, params: vec![dpsi.into_dyn(), db.into_dyn()] })
    }

    fn with_params(&self, params: &[Tensor]) -> Result<Arc<dyn Backward>, LayerError> {
        let err = || LayerError(format!("{} takes a weight {:?} and a bias", self.kind(), self.weight.dim()));
        let [w, b] = params else { return Err(err()) };
        let w = w.clone().into_dimensionality::<Ix5>().map_err(|_| err())?;
        let b = b.clone().into_dimensionality::<Ix1>().map_err(|_| err())?;
        if w.dim() != self.weight.dim() || b.len() != self.bias.len() {
            return Err(err());
        }
        Ok(Arc::new(GroupConv::new(self.group, w, b, self.padding)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::gradcheck::{assert_gradients, check_values, distinct_input, probe_loss, random_tensor};
    use super::*;
    use crate::engine::kernels::conv2d::Padding;
    use crate::engine::rng::Rng;
    use crate::engine::space::Space;

    /// Group maps `(C, |G|, H, W)`, what a group convolution reads.
    fn group_maps(data: Tensor, group: GridGroup) -> Signal {
        Signal::new(data, Space::GroupGrid { group, stride: 1 })
    }

    fn lift(group: GridGroup, o: usize, i: usize, k: usize, pad: Padding, rng: &mut Rng) -> LiftConv {
        LiftConv::new(
            group,
            random_tensor(&[o, i, k, k], rng).into_dimensionality().unwrap(),
            random_tensor(&[o], rng).into_dimensionality().unwrap(),
            pad,
        )
    }

    fn gconv(group: GridGroup, o: usize, i: usize, k: usize, pad: Padding, rng: &mut Rng) -> GroupConv {
        GroupConv::new(
            group,
            random_tensor(&[o, i, group.order(), k, k], rng).into_dimensionality().unwrap(),
            random_tensor(&[o], rng).into_dimensionality().unwrap(),
            pad,
        )
    }

    #[test]
    fn group_conv_gradients_match_finite_differences() {
        let mut rng = Rng::new(13);
        for group in [GridGroup::C4, GridGroup::D4] {
            for pad in [Padding::Circular, Padding::Zero] {
                for k in [3, 5] {
                    // Linear in x and ψ: no kinks, so inputs in [-1, 1] (small sums, small rounding).
                    let x = Signal::image(random_tensor(&[2, 5, 4], &mut rng).into_dimensionality().unwrap());
                    assert_gradients(&lift(group, 2, 2, k, pad, &mut rng), &x, &mut rng);
                    // Two input channels with 3×3 filters, one with 5×5 (fewer finite differences in debug builds).
                    let cin = if k == 3 { 2 } else { 1 };
                    let maps = group_maps(random_tensor(&[cin, group.order(), 4, 5], &mut rng), group);
                    assert_gradients(&gconv(group, 1, cin, k, pad, &mut rng), &maps, &mut rng);
                }
            }
        }
    }

    /// The mistake the tying invites: taking the base filter's gradient from
    /// its identity copy alone instead of summing every moved copy. The
    /// checker must catch it.
    #[test]
    fn a_gradient_from_the_identity_copy_alone_is_caught() {
        let mut rng = Rng::new(17);
        for group in [GridGroup::C4, GridGroup::D4] {
            let layer = gconv(group, 1, 1, 3, Padding::Circular, &mut rng);
            let x = group_maps(distinct_input(&[1, group.order(), 4, 4], &mut rng), group);
            let y = layer.forward(&x).unwrap();
            let probe = random_tensor(y.shape(), &mut rng);
            let g = layer.backward(&x, &y, &probe, false).unwrap();
            // Wrong: only r = identity, i.e. the rows (c, 0) of the bank gradient.
            let planes = x.data.clone().into_shape_with_order((group.order(), 4, 4)).unwrap();
            let dy = probe.clone().into_shape_with_order((group.order(), 4, 4)).unwrap();
            let (_, dbank, _) = conv2d_backward(planes.view(), layer.bank(), dy.view(), Padding::Circular, false);
            let wrong =
                Array5::from_shape_fn(layer.weight.dim(), |(_, _, s, u, v)| dbank[(0, s, u, v)] * group.order() as f32);
            let weights: Vec<f32> = layer.weight.iter().copied().collect();
            let mut loss = |v: &[f32]| {
                let w = Array5::from_shape_vec(layer.weight.dim(), v.to_vec()).unwrap();
                let l = GroupConv::new(group, w, layer.bias.clone(), Padding::Circular);
                probe_loss(&l.forward(&x).unwrap().data, &probe)
            };
            let right: Vec<f32> = g.params[0].iter().copied().collect();
            assert_eq!(check_values("psi", &mut loss, &weights, &right), Ok(()));
            let wrong: Vec<f32> = wrong.iter().copied().collect();
            assert!(check_values("psi", &mut loss, &weights, &wrong).is_err(), "{group:?}");
        }
    }
}
