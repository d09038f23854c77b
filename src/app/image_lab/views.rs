//! What each layer row draws: the planes of f(x), f(g·x), ρ(g)f(x) and the
//! difference, with shared colour scales. Built by the row itself, and only
//! while it is on screen (a group CNN has hundreds of planes per stroke).

use super::orbit::element_label;
use crate::app::widgets::heatmap::Plane;
use crate::engine::grid_group::GridGroup;
use crate::engine::pipelines::Pipelines;
use crate::engine::planes::{plane_dims, split_planes};
use crate::engine::space::{Space, Tensor};
use crate::viz::colormap::{range, ColorMap, Scale};
use std::rc::Rc;
use yew::AttrValue;

/// The pictures of one layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerView {
    pub fx: Vec<Plane>,
    pub fgx: Vec<Plane>,
    /// ρ(g)f(x), when g acts on this output.
    pub moved: Option<Vec<Plane>>,
    /// |f(g·x) − ρ(g)f(x)|, or |f(g·x) − f(x)| when g has no action here.
    pub diff: Option<Vec<Plane>>,
    /// True when `diff` compares with ρ(g)f(x) (else with f(x)).
    pub diff_is_equivariance: bool,
    /// One scale for f(x), f(g·x) and ρ(g)f(x).
    pub scale: Scale,
    /// The difference on the magnitude of the activations, so that an exact
    /// match looks dark and a rounding error stays invisible.
    pub diff_scale: Scale,
    /// Grid columns that suit the number of channels.
    pub columns: usize,
    /// The group of group feature maps `(C, |G|, H, W)`: their planes come
    /// in channels of `|G|` orientations.
    pub group: Option<GridGroup>,
    /// For group maps, the channel of f(x) whose orientation planes differ
    /// most (where the cycling is easiest to see): the one shown first.
    pub strongest: usize,
}

impl LayerView {
    /// The names of the orientations (`e`, `r`, `r²`, …) of a group layer.
    pub fn orientations(&self) -> Vec<AttrValue> {
        let Some(g) = self.group else { return vec![] };
        (0..g.order()).map(|i| AttrValue::from(element_label(g, i))).collect()
    }
}

/// The range of several tensors, read as flat slices where they are
/// contiguous (the usual case; element-wise iteration of a 4-D array is
/// several times slower).
fn tensors_range<'a>(ts: impl IntoIterator<Item = Option<&'a Tensor>>) -> (f32, f32) {
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    for t in ts.into_iter().flatten() {
        let (l, h) = match t.as_slice_memory_order() {
            Some(s) => range(s),
            None => range(t.iter()),
        };
        lo = lo.min(l);
        hi = hi.max(h);
    }
    if lo > hi {
        (0.0, 0.0)
    } else {
        (lo, hi)
    }
}

fn planes(t: &Tensor) -> Vec<Plane> {
    split_planes(t).into_iter().map(|p| Plane(Rc::new(p))).collect()
}

fn abs_diff(a: &Tensor, b: &Tensor) -> Option<Tensor> {
    (a.shape() == b.shape()).then(|| (a - b).mapv(f32::abs))
}

/// For `(C, |G|, H, W)` maps: the channel whose orientation planes differ
/// most, as a share of its energy (so an edge detector, whose planes see
/// different strokes, wins over a blob detector, whose planes are all
/// alike), among the channels with at least a tenth of the largest energy;
/// 0 for other shapes.
fn strongest_channel(t: &Tensor) -> usize {
    if t.ndim() != 4 {
        return 0;
    }
    let stats: Vec<(f64, f64)> = t
        .outer_iter()
        .map(|c| {
            let energy: f64 = c.iter().map(|v| (*v as f64).powi(2)).sum();
            let Some(mean) = c.mean_axis(ndarray::Axis(0)) else { return (0.0, energy) };
            let spread = c.outer_iter().map(|p| (&p - &mean).iter().map(|d| (*d as f64).powi(2)).sum::<f64>()).sum();
            (spread, energy)
        })
        .collect();
    let top = stats.iter().map(|s| s.1).fold(0.0, f64::max);
    stats
        .iter()
        .enumerate()
        .filter(|(_, (_, e))| *e >= 0.1 * top && *e > 0.0)
        .map(|(i, (s, e))| (i, s / e))
        .fold((0, -1.0), |best, (i, r)| if r > best.1 { (i, r) } else { best })
        .0
}

/// The pipelines as a component property: equal when they are the same
/// recompute (pointer equality), so an unchanged row is not redrawn.
#[derive(Clone, Debug)]
pub struct SharedPipelines(pub Rc<Pipelines>);

impl PartialEq for SharedPipelines {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How many planes `split_planes` would give, without copying them.
fn plane_count(t: &Tensor) -> usize {
    if t.ndim() >= 3 {
        plane_dims(t).0
    } else {
        1
    }
}

/// Build the view of layer `k` (`None` past the last layer).
pub fn layer_view(p: &Pipelines, k: usize) -> Option<LayerView> {
    let (check, fx, fgx) = (p.checks.get(k)?, p.trace_x.get(k)?, p.trace_gx.get(k)?);
    let moved = check.moved.kept();
    let (lo, hi) = tensors_range([Some(&fx.data), Some(&fgx.data), moved.map(|m| &m.data)]);
    let scale = Scale::for_range(lo, hi);
    let magnitude = lo.abs().max(hi.abs()).max(1e-12);
    let (diff, diff_is_equivariance) = match moved {
        Some(m) => (abs_diff(&fgx.data, &m.data), true),
        None => (abs_diff(&fgx.data, &fx.data), false),
    };
    let n_planes = plane_count(&fx.data);
    let group = match fx.space {
        Space::GroupGrid { group, .. } => Some(group),
        _ => None,
    };
    // Group maps: whole channels per row (two C4 channels or one D4 channel).
    let columns = match group {
        Some(_) => 8,
        None if n_planes <= 4 => n_planes.max(1),
        None => 4,
    };
    Some(LayerView {
        fx: planes(&fx.data),
        fgx: planes(&fgx.data),
        moved: moved.map(|m| planes(&m.data)),
        diff: diff.as_ref().map(planes),
        diff_is_equivariance,
        scale,
        diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
        columns,
        group,
        strongest: strongest_channel(&fx.data),
    })
}
