//! Shifts, point symmetries and interpolated rotations acting on images,
//! feature maps, group feature maps (planes move AND the orientation axis is
//! permuted) and group fibres.

use super::{not_here, NoAction};
use crate::engine::grid_group::{transform_plane, GridGroup, Mat2};
use crate::engine::planes;
use crate::engine::space::{Signal, Space};
use crate::engine::transform::{Fill, Step};
use ndarray::{Array2, ArrayView2, Axis};

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    match step {
        Step::Shift { dx, dy, fill } => shift(x, *dx, *dy, *fill),
        Step::Point(m) => point(x, *m, |p| transform_plane(p, *m)),
        Step::Rotate { degrees } => {
            let quarter = (degrees / 90.0).round();
            let nearest = Mat2::rot90_pow(quarter as i32);
            if (degrees / 90.0 - quarter).abs() < 1e-6 {
                point(x, nearest, |p| transform_plane(p, nearest))
            } else {
                // Orientation channels move by the nearest quarter turn; the
                // planes are resampled, so equivariance is only approximate.
                point(x, nearest, |p| rotate_bilinear(p, *degrees))
            }
        }
        _ => Err(not_here(step, "images")),
    }
}

fn stride_of(space: &Space) -> usize {
    match space {
        Space::Grid { stride } | Space::GroupGrid { stride, .. } => *stride,
        _ => 1,
    }
}

fn shift(x: &Signal, dx: i32, dy: i32, fill: Fill) -> Result<Signal, NoAction> {
    if let Space::GroupFiber { .. } = x.space {
        // Spatially pooled: translations act trivially.
        return Ok(x.clone());
    }
    let s = stride_of(&x.space) as i32;
    if dx % s != 0 || dy % s != 0 {
        return Err(NoAction(format!(
            "after pooling with stride {s}, one cell covers {s} pixels: a shift by ({dx}, {dy}) is not a whole number of cells, so it has no action on this layer's output"
        )));
    }
    Ok(map_planes(x, |p| shift_plane(p, dx / s, dy / s, fill)))
}

/// Apply `plane_map` to every spatial plane and, on group spaces, move the
/// orientation axis by the point symmetry `m`.
fn point(x: &Signal, m: Mat2, plane_map: impl Fn(ArrayView2<f32>) -> Array2<f32>) -> Result<Signal, NoAction> {
    match &x.space {
        Space::Grid { .. } => Ok(map_planes(x, plane_map)),
        Space::GroupGrid { group, .. } | Space::GroupFiber { group } => {
            let perm = orientation_permutation(*group, m)?;
            let moved = if matches!(x.space, Space::GroupFiber { .. }) { x.clone() } else { map_planes(x, plane_map) };
            let mut data = moved.data.clone();
            for (h, &to) in perm.iter().enumerate() {
                data.index_axis_mut(Axis(1), to).assign(&moved.data.index_axis(Axis(1), h));
            }
            Ok(Signal::new(data, moved.space))
        }
        _ => unreachable!("image::act is only called on grid spaces"),
    }
}

/// Where orientation `h` goes under `m`: the index of `m · e_h`.
fn orientation_permutation(group: GridGroup, m: Mat2) -> Result<Vec<usize>, NoAction> {
    let els = group.elements();
    els.iter().map(|&e| group.index_of(m.mul(e))).collect::<Option<Vec<_>>>().ok_or_else(|| {
        NoAction(format!(
            "{} is not in the group {}: these feature maps have no action of it (use the {} model for it)",
            m.name(),
            group.name(),
            if group == GridGroup::C4 { "p4m" } else { "p4 or p4m" }
        ))
    })
}

fn map_planes(x: &Signal, f: impl Fn(ArrayView2<f32>) -> Array2<f32>) -> Signal {
    Signal::new(planes::map_planes(&x.data, f), x.space.clone())
}

/// Shift a plane by `dx` columns right and `dy` rows down.
///
/// Row by row, as at most two slice copies: this runs on every layer's
/// output for the check, so no per-pixel index arithmetic.
pub fn shift_plane(a: ArrayView2<f32>, dx: i32, dy: i32, fill: Fill) -> Array2<f32> {
    let (h, w) = a.dim();
    let mut out = Array2::<f32>::zeros((h, w));
    if h == 0 || w == 0 {
        return out;
    }
    let a = a.as_standard_layout();
    let (Some(src), Some(dst)) = (a.as_slice(), out.as_slice_mut()) else { return out };
    for (i, row) in dst.chunks_exact_mut(w).enumerate() {
        let si = i as i64 - dy as i64;
        let si = match fill {
            Fill::Cyclic => si.rem_euclid(h as i64) as usize,
            Fill::Zero if si < 0 || si >= h as i64 => continue,
            Fill::Zero => si as usize,
        };
        let from = &src[si * w..(si + 1) * w];
        match fill {
            Fill::Cyclic => {
                // dst[j] = from[(j - dx) mod w]: a rotation of the row.
                let d = (dx as i64).rem_euclid(w as i64) as usize;
                row[d..].copy_from_slice(&from[..w - d]);
                row[..d].copy_from_slice(&from[w - d..]);
            }
            Fill::Zero => {
                let d = dx as i64;
                if d.unsigned_abs() >= w as u64 {
                    continue;
                }
                let d_abs = d.unsigned_abs() as usize;
                if d >= 0 {
                    row[d_abs..].copy_from_slice(&from[..w - d_abs]);
                } else {
                    row[..w - d_abs].copy_from_slice(&from[d_abs..]);
                }
            }
        }
    }
    out
}

/// Rotate a plane counterclockwise (as seen on screen) by `degrees` about its
/// centre, sampling bilinearly; pixels from outside the plane are zero.
/// At multiples of 90 degrees this equals [`transform_plane`].
pub fn rotate_bilinear(a: ArrayView2<f32>, degrees: f32) -> Array2<f32> {
    let (h, w) = a.dim();
    let (s, c) = (degrees as f64).to_radians().sin_cos();
    let (cx, cy) = ((w as f64 - 1.0) / 2.0, (h as f64 - 1.0) / 2.0);
    let sample = |i: i64, j: i64| -> f64 {
        if i < 0 || j < 0 || i >= h as i64 || j >= w as i64 {
            0.0
        } else {
            a[(i as usize, j as usize)] as f64
        }
    };
    Array2::from_shape_fn((h, w), |(i, j)| {
        let (x, y) = (j as f64 - cx, i as f64 - cy);
        // Source = M⁻¹ p with M = [[c, s], [-s, c]] (the rot90 matrix at 90°).
        let (sx, sy) = (c * x - s * y + cx, s * x + c * y + cy);
        let (j0, i0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - j0, sy - i0);
        let (j0, i0) = (j0 as i64, i0 as i64);
        let v = sample(i0, j0) * (1.0 - fx) * (1.0 - fy)
            + sample(i0, j0 + 1) * fx * (1.0 - fy)
            + sample(i0 + 1, j0) * (1.0 - fx) * fy
            + sample(i0 + 1, j0 + 1) * fx * fy;
        v as f32
    })
}

/// 1 inside the disc inscribed in an `h x w` plane, 0 outside.
pub fn disc_mask(h: usize, w: usize) -> Array2<f32> {
    let (cx, cy) = ((w as f64 - 1.0) / 2.0, (h as f64 - 1.0) / 2.0);
    let r = (h.min(w) as f64) / 2.0;
    Array2::from_shape_fn((h, w), |(i, j)| {
        let (x, y) = (j as f64 - cx, i as f64 - cy);
        if x * x + y * y <= r * r {
            1.0
        } else {
            0.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilinear_quarter_turn_equals_exact_rotation() {
        let a = Array2::from_shape_fn((5, 5), |(i, j)| (i * 7 + j * 3) as f32);
        let r = rotate_bilinear(a.view(), 90.0);
        let e = transform_plane(a.view(), Mat2::ROT90);
        for (x, y) in r.iter().zip(e.iter()) {
            assert!((x - y).abs() < 1e-4);
        }
    }

    #[test]
    fn shift_plane_matches_the_definition_for_every_offset() {
        let a = Array2::from_shape_fn((4, 5), |(i, j)| (i * 5 + j) as f32 + 1.0);
        let t = a.t().to_owned();
        for (dx, dy) in [(0, 0), (1, 2), (-3, 1), (7, -9), (5, 4), (-5, -4)] {
            for fill in [Fill::Cyclic, Fill::Zero] {
                for plane in [a.view(), t.t()] {
                    let got = shift_plane(plane, dx, dy, fill);
                    for ((i, j), &v) in got.indexed_iter() {
                        let (si, sj) = (i as i32 - dy, j as i32 - dx);
                        let want = match fill {
                            Fill::Cyclic => a[(si.rem_euclid(4) as usize, sj.rem_euclid(5) as usize)],
                            Fill::Zero if (0..4).contains(&si) && (0..5).contains(&sj) => a[(si as usize, sj as usize)],
                            Fill::Zero => 0.0,
                        };
                        assert_eq!(v, want, "({dx}, {dy}) {fill:?} at ({i}, {j})");
                    }
                }
            }
        }
    }

    #[test]
    fn cyclic_shift_wraps_and_zero_shift_fills() {
        let a = Array2::from_shape_fn((3, 3), |(i, j)| (i * 3 + j) as f32);
        let c = shift_plane(a.view(), 1, 0, Fill::Cyclic);
        assert_eq!(c[(0, 0)], 2.0);
        let z = shift_plane(a.view(), 1, 0, Fill::Zero);
        assert_eq!(z[(0, 0)], 0.0);
        assert_eq!(z[(0, 1)], 0.0 + a[(0, 0)]);
    }
}
