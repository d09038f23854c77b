//! Group convolutions as one ordinary convolution with an expanded filter bank.
//!
//! A group element `r` (a 2x2 matrix of a [`GridGroup`]) moves a filter by
//! `(T_r ψ)(u) = ψ(r⁻¹ u)` ([`transform_plane`]). Then, with `⋆` the
//! cross-correlation of [`conv2d`](super::conv2d::conv2d):
//!
//! - lifting: `out[c, r] = Σ_ci x[ci] ⋆ T_r ψ[c, ci]`,
//!   so row `(c, r)` of the bank is `T_r ψ[c, ·]`;
//! - group conv: `out[c, r] = Σ_{ci, h} in[ci, h] ⋆ T_r ψ[c, ci, r⁻¹h]`,
//!   so entry `((c, r), (ci, h))` of the bank is `T_r ψ[c, ci, r⁻¹h]`.
//!
//! Why these are equivariant, with `(ρ(m) F)[c, r] = T_m F[c, m⁻¹r]` the
//! action of [`crate::engine::action`] (orientation `h` moves to `m·h`):
//! substituting `u = m v` in the correlation gives the identity
//! `(T_m f) ⋆ (T_r ψ) = T_m (f ⋆ T_{m⁻¹r} ψ)`. For the lifting conv this is
//! `Φ(T_m x)[c, r] = T_m Φ(x)[c, m⁻¹r]`; for the group conv, renaming
//! `h = m h'`, `r = m r'` keeps `r⁻¹h = r'⁻¹h'`, so the same holds. Only the
//! Cayley table and the inverses of the group enter, so a new finite group on
//! the grid needs no new code here.
//!
//! [`group_conv_reference`] computes the definition directly with explicit
//! offsets (no bank, no `transform_plane`), for the tests.

use super::conv2d::Padding;
use crate::engine::grid_group::{transform_plane, GridGroup};
use ndarray::{Array1, Array2, Array4, ArrayView1, ArrayView4, ArrayView5, Axis};

/// The lifting bank `(Cout·|G|, Cin, K, K)` from base filters `ψ: (Cout, Cin, K, K)`.
pub fn expand_lifting(psi: ArrayView4<f32>, group: GridGroup) -> Array4<f32> {
    let (co, ci, k, _) = psi.dim();
    let els = group.elements();
    let g = els.len();
    let mut bank = Array4::zeros((co * g, ci, k, k));
    for o in 0..co {
        for (r, &m) in els.iter().enumerate() {
            for i in 0..ci {
                let src = psi.index_axis(Axis(0), o).index_axis_move(Axis(0), i);
                bank.index_axis_mut(Axis(0), o * g + r).index_axis_mut(Axis(0), i).assign(&transform_plane(src, m));
            }
        }
    }
    bank
}

/// The group-conv bank `(Cout·|G|, Cin·|G|, K, K)` from base filters
/// `ψ: (Cout, Cin, |G|, K, K)` (one `K×K` plane per input orientation).
pub fn expand_group(psi: ArrayView5<f32>, group: GridGroup) -> Array4<f32> {
    let (co, ci, g, k, _) = psi.dim();
    assert_eq!(g, group.order(), "one filter plane per group element");
    let els = group.elements();
    let table = group.cayley_table();
    let mut bank = Array4::zeros((co * g, ci * g, k, k));
    for o in 0..co {
        for (r, &m) in els.iter().enumerate() {
            // Orientation h of the input meets the base plane r⁻¹h.
            let r_inv = group.inverse_index(r);
            for i in 0..ci {
                let base = psi.index_axis(Axis(0), o).index_axis_move(Axis(0), i);
                let mut row = bank.index_axis_mut(Axis(0), o * g + r);
                for (h, &s) in table[r_inv].iter().enumerate() {
                    let src = base.index_axis(Axis(0), s);
                    row.index_axis_mut(Axis(0), i * g + h).assign(&transform_plane(src, m));
                }
            }
        }
    }
    bank
}

/// Repeat each output channel's bias for its `|G|` orientations (a bias shared
/// by all orientations keeps the layer equivariant).
pub fn expand_bias(bias: ArrayView1<f32>, order: usize) -> Array1<f32> {
    bias.iter().flat_map(|&b| std::iter::repeat_n(b, order)).collect()
}

/// The group convolution straight from its definition, slow and obviously
/// correct: `out[c, r, p] = b[c] + Σ_{ci, h, u} in[ci, h, p + u] · ψ[c, ci, r⁻¹h](r⁻¹u)`
/// with offsets `u = (dx, dy)` in pixels and `r⁻¹u` computed by the matrix.
/// A lifting convolution is the case `|G_in| = 1` (pass `lifting = true` and
/// `ψ: (Cout, Cin, 1, K, K)`, `input: (Cin, 1, H, W)`).
pub fn group_conv_reference(
    input: ArrayView4<f32>,
    psi: ArrayView5<f32>,
    bias: ArrayView1<f32>,
    group: GridGroup,
    lifting: bool,
    pad: Padding,
) -> Array4<f32> {
    let (ci, gin, h, w) = input.dim();
    let (co, _, _, k, _) = psi.dim();
    let els = group.elements();
    let half = (k / 2) as i64;
    let wrap = |i: i64, n: usize| -> Option<usize> {
        match pad {
            Padding::Circular => Some(i.rem_euclid(n as i64) as usize),
            Padding::Zero => (i >= 0 && i < n as i64).then_some(i as usize),
        }
    };
    let mut out = Array4::zeros((co, els.len(), h, w));
    for c in 0..co {
        for (r, &m) in els.iter().enumerate() {
            let inv = m.inverse();
            let plane = Array2::from_shape_fn((h, w), |(i, j)| {
                let mut acc = bias[c] as f64;
                for cin in 0..ci {
                    for hh in 0..gin {
                        let s = if lifting { 0 } else { group.index_of(inv.mul(els[hh])).expect("closed") };
                        for dy in -half..=half {
                            for dx in -half..=half {
                                let (Some(si), Some(sj)) = (wrap(i as i64 + dy, h), wrap(j as i64 + dx, w)) else {
                                    continue;
                                };
                                // ψ moved by r, read at offset u: ψ(r⁻¹u).
                                let (fx, fy) = inv.apply(dx, dy);
                                let wv = psi[(c, cin, s, (fy + half) as usize, (fx + half) as usize)];
                                acc += wv as f64 * input[(cin, hh, si, sj)] as f64;
                            }
                        }
                    }
                }
                acc as f32
            });
            out.index_axis_mut(Axis(0), c).index_axis_mut(Axis(0), r).assign(&plane);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kernels::conv2d::conv2d;
    use crate::engine::rng::Rng;
    use ndarray::{Array3, Array5};

    fn random(shape: &[usize], seed: u64) -> ndarray::ArrayD<f32> {
        let mut rng = Rng::new(seed);
        ndarray::ArrayD::from_shape_fn(shape.to_vec(), |_| rng.symmetric(1.0))
    }

    #[test]
    fn expanded_banks_match_the_definition() {
        for group in [GridGroup::C4, GridGroup::D4] {
            for pad in [Padding::Circular, Padding::Zero] {
                let g = group.order();
                let (ci, co, n) = (2, 3, 6);
                let bias = Array1::from(vec![0.1f32, -0.2, 0.3]);
                // Lifting.
                let x: Array3<f32> = random(&[ci, n, n], 1).into_dimensionality().unwrap();
                let psi: Array4<f32> = random(&[co, ci, 3, 3], 2).into_dimensionality().unwrap();
                let fast =
                    conv2d(x.view(), expand_lifting(psi.view(), group).view(), expand_bias(bias.view(), g).view(), pad);
                let psi5 = psi.clone().into_shape_with_order((co, ci, 1, 3, 3)).unwrap();
                let x4 = x.clone().into_shape_with_order((ci, 1, n, n)).unwrap();
                let slow = group_conv_reference(x4.view(), psi5.view(), bias.view(), group, true, pad);
                let fast = fast.into_shape_with_order((co, g, n, n)).unwrap();
                assert!(fast.iter().zip(slow.iter()).all(|(a, b)| (a - b).abs() < 1e-4), "lifting {group:?} {pad:?}");
                // Group convolution.
                let y: Array4<f32> = random(&[ci, g, n, n], 3).into_dimensionality().unwrap();
                let psi: Array5<f32> = random(&[co, ci, g, 3, 3], 4).into_dimensionality().unwrap();
                let y3 = y.clone().into_shape_with_order((ci * g, n, n)).unwrap();
                let fast =
                    conv2d(y3.view(), expand_group(psi.view(), group).view(), expand_bias(bias.view(), g).view(), pad);
                let slow = group_conv_reference(y.view(), psi.view(), bias.view(), group, false, pad);
                let fast = fast.into_shape_with_order((co, g, n, n)).unwrap();
                assert!(fast.iter().zip(slow.iter()).all(|(a, b)| (a - b).abs() < 1e-4), "group {group:?} {pad:?}");
            }
        }
    }

    #[test]
    fn literal_c4_lifting_bank() {
        // numpy: psi = np.arange(9.).reshape(3,3); [np.rot90(psi, k) for k in range(4)]
        // rot90 once: [[2,5,8],[1,4,7],[0,3,6]]
        let psi = Array4::from_shape_fn((1, 1, 3, 3), |(_, _, i, j)| (3 * i + j) as f32);
        let bank = expand_lifting(psi.view(), GridGroup::C4);
        let r1: Vec<f32> = bank.index_axis(Axis(0), 1).iter().copied().collect();
        assert_eq!(r1, vec![2.0, 5.0, 8.0, 1.0, 4.0, 7.0, 0.0, 3.0, 6.0]);
        // The C4 group bank for orientation r = 1 reads base plane r⁻¹h = h - 1 (mod 4).
        let psi = Array5::from_shape_fn((1, 1, 4, 3, 3), |(_, _, s, _, _)| s as f32);
        let bank = expand_group(psi.view(), GridGroup::C4);
        let first: Vec<f32> = (0..4).map(|h| bank[(1, h, 0, 0)]).collect();
        assert_eq!(first, vec![3.0, 0.0, 1.0, 2.0]);
    }
}
