//! What each layer row draws, computed once per recompute: the planes of
//! f(x), f(g·x), ρ(g)f(x) and the difference, with shared colour scales.

use super::state::Pipelines;
use crate::app::widgets::heatmap::Plane;
use crate::engine::planes::split_planes;
use crate::engine::space::Tensor;
use crate::viz::colormap::{range, ColorMap, Scale};
use std::rc::Rc;

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
}

fn planes(t: &Tensor) -> Vec<Plane> {
    split_planes(t).into_iter().map(|p| Plane(Rc::new(p))).collect()
}

fn abs_diff(a: &Tensor, b: &Tensor) -> Option<Tensor> {
    (a.shape() == b.shape()).then(|| (a - b).mapv(f32::abs))
}

/// Build the views of every layer.
pub fn layer_views(p: &Pipelines) -> Vec<LayerView> {
    p.checks
        .iter()
        .zip(p.trace_x.iter().zip(p.trace_gx.iter()))
        .map(|(check, (fx, fgx))| {
            let moved = check.moved.as_ref().ok();
            let mut values: Vec<&f32> = fx.data.iter().chain(fgx.data.iter()).collect();
            if let Some(m) = moved {
                values.extend(m.data.iter());
            }
            let (lo, hi) = range(values);
            let scale = Scale::for_range(lo, hi);
            let magnitude = lo.abs().max(hi.abs()).max(1e-12);
            let (diff, diff_is_equivariance) = match moved {
                Some(m) => (abs_diff(&fgx.data, &m.data), true),
                None => (abs_diff(&fgx.data, &fx.data), false),
            };
            let n_planes = split_planes(&fx.data).len();
            LayerView {
                fx: planes(&fx.data),
                fgx: planes(&fgx.data),
                moved: moved.map(|m| planes(&m.data)),
                diff: diff.as_ref().map(planes),
                diff_is_equivariance,
                scale,
                diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
                columns: if n_planes <= 4 { n_planes.max(1) } else { 4 },
            }
        })
        .collect()
}
