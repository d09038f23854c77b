//! Sweeps: the per-layer check for many group elements at once, as a
//! layers × elements matrix ("sweep the group" heatmap) or as error versus
//! rotation angle (the `rot(DEG)` chart of claim I11).
//!
//! The network runs once on `x` and once on every `g·x`; each column is the
//! generic check of [`crate::engine::check`], so a sweep shows where along
//! the network a symmetry is kept, lost, or restored by global pooling.

use crate::engine::check::{compare, Traces, Verdict};
use crate::engine::grid_group::GridGroup;
use crate::engine::model::Model;
use crate::engine::pipelines::{run, Pipelines};
use crate::engine::planes::map_planes;
use crate::engine::scramble::scramble;
use crate::engine::space::Signal;
use crate::engine::transform::{Fill, Step, Transform};
use ndarray::Array2;

/// The errors of one layer under one element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepCell {
    pub invariance: f64,
    /// `None` where the element has no action on the layer's output.
    pub equivariance: Option<f64>,
    pub verdict: Verdict,
}

impl SweepCell {
    /// The error the verdict rests on: the smaller of the two (0 for an
    /// exactly invariant or equivariant layer). The number to chart.
    pub fn error(&self) -> f64 {
        self.equivariance.map_or(self.invariance, |e| e.min(self.invariance))
    }
}

/// A layers × elements matrix of checks.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// Column labels: the elements as `g=` expressions (`rot90`, `shift(2,0)`, `rot(45)`).
    pub elements: Vec<String>,
    /// Row labels: the `data-kind` of every layer.
    pub kinds: Vec<&'static str>,
    /// `cells[layer][element]`.
    pub cells: Vec<Vec<SweepCell>>,
}

impl Sweep {
    /// `errors()[layer][element]`, see [`SweepCell::error`].
    pub fn errors(&self) -> Vec<Vec<f64>> {
        self.cells.iter().map(|row| row.iter().map(SweepCell::error).collect()).collect()
    }
}

/// What every column of a sweep shares: the traces of x and of the
/// scrambled s·x (the baseline), which do not depend on the element.
#[derive(Clone, Debug)]
pub struct Base {
    pub trace_x: Vec<Signal>,
    pub trace_sx: Vec<Signal>,
}

impl Base {
    pub fn of(model: &Model, x: &Signal) -> Result<Base, String> {
        let trace_x = model.trace(x).map_err(|e| e.0)?;
        let trace_sx = model.trace(&scramble(x)).map_err(|e| e.0)?;
        Ok(Base { trace_x, trace_sx })
    }
}

/// Check `model` under every element of `elements` (one column each).
pub fn sweep(model: &Model, x: &Signal, elements: &[Transform]) -> Result<Sweep, String> {
    let base = Base::of(model, x)?;
    let mut cells = vec![Vec::with_capacity(elements.len()); model.layers.len()];
    for g in elements {
        for (row, cell) in cells.iter_mut().zip(column(model, x, &base, g)?) {
            row.push(cell);
        }
    }
    Ok(Sweep {
        elements: elements.iter().map(|g| g.to_string()).collect(),
        kinds: model.layers.iter().map(|l| l.kind()).collect(),
        cells,
    })
}

/// One column of a sweep, one cell per layer, reusing the [`Base`] of x:
/// lets a UI spread a long sweep over several frames.
pub fn column(model: &Model, x: &Signal, base: &Base, g: &Transform) -> Result<Vec<SweepCell>, String> {
    let gx = g.act(x).map_err(|e| e.0)?;
    let trace_gx = model.trace(&gx).map_err(|e| e.0)?;
    let traces = Traces { x: &base.trace_x, gx: &trace_gx, sx: &base.trace_sx };
    Ok(compare(model, model, traces, g)
        .into_iter()
        .map(|c| SweepCell { invariance: c.invariance_error, equivariance: c.equivariance_error, verdict: c.verdict })
        .collect())
}

/// Every point symmetry of `group` (4 rotations, or 8 with the flips), identity first.
pub fn point_elements(group: GridGroup) -> Vec<Transform> {
    group.elements().into_iter().map(|m| Transform::single(Step::Point(m))).collect()
}

/// Cyclic shifts `shift(d, 0)` (or `shift(0, d)` when `vertical`) for every `d` in `from..=to`.
pub fn shift_elements(from: i32, to: i32, vertical: bool) -> Vec<Transform> {
    (from..=to)
        .map(|d| {
            let (dx, dy) = if vertical { (0, d) } else { (d, 0) };
            Transform::single(Step::Shift { dx, dy, fill: Fill::Cyclic })
        })
        .collect()
}

/// `count` evenly spaced angles from 0° up to (not including) 360°.
pub fn full_turn(count: usize) -> Vec<f32> {
    (0..count).map(|i| 360.0 * i as f32 / count.max(1) as f32).collect()
}

/// Width in pixels of the soft edge of [`soft_disc_mask`].
pub const MASK_EDGE: f64 = 2.0;

/// 0 outside the disc inscribed in an `h × w` plane (radius `r`), 1 inside
/// radius `r − MASK_EDGE`, linear in between. It depends only on the
/// distance to the centre, so it is exactly invariant under the 8 symmetries
/// of the square. Why soft: a hard 0/1 disc has a jagged pixel edge that is
/// not itself rotation-invariant once resampled, and on smooth images that
/// edge then dominates the error (measured on 48×48 blob images at 45°, mean
/// of 24: the p4cnn global-pool error is 0.12 without a mask, 0.19 with a hard
/// disc and 0.07 with this one).
pub fn soft_disc_mask(h: usize, w: usize) -> Array2<f32> {
    let (cx, cy) = ((w as f64 - 1.0) / 2.0, (h as f64 - 1.0) / 2.0);
    let r = h.min(w) as f64 / 2.0;
    Array2::from_shape_fn((h, w), |(i, j)| {
        let d = ((j as f64 - cx).powi(2) + (i as f64 - cy).powi(2)).sqrt();
        ((r - d) / MASK_EDGE).clamp(0.0, 1.0) as f32
    })
}

/// The input faded out to the disc inscribed in its planes ([`soft_disc_mask`]).
pub fn masked_input(x: &Signal) -> Signal {
    let data = map_planes(&x.data, |p| {
        let (h, w) = p.dim();
        &p * &soft_disc_mask(h, w)
    });
    Signal::new(data, x.space.clone())
}

/// `rot(θ)` as the image lab should apply it, with or without the mask.
///
/// With `mask`, the input is first cut to its inscribed disc (what the lab
/// shows with the mask on), so no content leaves the frame when it turns;
/// the rotation then acts without a further mask on every layer. Masking the
/// hidden layers too (`Step::Rotate { mask: true }`) would cut away the rim
/// that the convolutions spread around the disc and break even the exact
/// quarter turns. Returns the input to use and the element.
pub fn rotation(x: &Signal, degrees: f32, mask: bool) -> (Signal, Transform) {
    let input = if mask { masked_input(x) } else { x.clone() };
    (input, Transform::single(Step::Rotate { degrees }))
}

/// The per-layer check of `rot(θ)`, masked as in [`rotation`]: the readout
/// that matches the [`angle_sweep`] chart.
pub fn rotation_check(model: &Model, x: &Signal, degrees: f32, mask: bool) -> Result<Pipelines, String> {
    let (input, g) = rotation(x, degrees, mask);
    run(model, &input, &g)
}

/// Error versus rotation angle (claim I11): the check under `rot(θ)` for
/// every angle, masked as in [`rotation`], one column per angle (chart
/// `errors()[layer]` against `angles`). Quarter turns stay exact with or
/// without the mask; in between the error is only approximate.
pub fn angle_sweep(model: &Model, x: &Signal, angles: &[f32], mask: bool) -> Result<Sweep, String> {
    let input = if mask { masked_input(x) } else { x.clone() };
    let elements: Vec<Transform> = angles.iter().map(|&degrees| Transform::single(Step::Rotate { degrees })).collect();
    sweep(model, &input, &elements)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::image::{build, ImageArch, ImageModelConfig};
    use crate::engine::rng::Rng;
    use ndarray::Array3;

    #[test]
    fn p4_sweep_is_exact_on_the_group_and_the_head_is_invariant() {
        let cfg = ImageModelConfig { input_size: 12, ..ImageModelConfig::for_arch(ImageArch::P4Cnn) };
        let m = build(&cfg);
        let mut rng = Rng::new(5);
        let x = Signal::image(Array3::from_shape_fn((1, 12, 12), |_| rng.symmetric(1.0)));
        let s = sweep(&m, &x, &point_elements(GridGroup::C4)).unwrap();
        assert_eq!(s.cells.len(), m.layers.len());
        assert_eq!(s.elements, vec!["identity", "rot90", "rot180", "rot270"]);
        assert!(s.errors().iter().flatten().all(|&e| e < 1e-4));
        assert_eq!(s.cells[7][1].verdict, Verdict::Invariant);
        assert_eq!(shift_elements(-1, 1, true)[0].to_string(), "shift(0,-1)");
        assert_eq!(full_turn(4), vec![0.0, 90.0, 180.0, 270.0]);
    }

    #[test]
    fn the_soft_mask_is_d4_invariant_and_fades_at_the_rim() {
        for n in [7, 8] {
            let m = soft_disc_mask(n, n);
            for e in GridGroup::D4.elements() {
                assert_eq!(crate::engine::grid_group::transform_plane(m.view(), e), m);
            }
            assert_eq!((m[(n / 2, n / 2)], m[(0, 0)]), (1.0, 0.0));
        }
    }
}
