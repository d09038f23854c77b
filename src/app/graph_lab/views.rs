//! What the graph lab draws, computed once per recompute (not per frame of a
//! drag): node colours from an embedding, the matrices X, A, P X, P A Pᵀ, and
//! each layer's f(x), f(g·x), ρ(g)f(x) and difference, with shared scales.

use super::graph_svg::ByIdentity;
use super::state::BIG;
use crate::app::widgets::heatmap::Plane;
use crate::engine::graph_input::{GraphInput, NodeFeatures, NodeMove};
use crate::engine::graph_views::Projection;
use crate::engine::pipelines::Pipelines;
use crate::engine::space::{Signal, Space, Tensor};
use crate::viz::colormap::{range, ColorMap, Scale};
use ndarray::{Array2, Ix2};
use std::rc::Rc;

/// Row height of every node matrix, so X, A and the embeddings line up.
pub fn row_height(n: usize) -> f64 {
    (320.0 / n.max(1) as f64).floor().clamp(2.0, 22.0)
}

/// Cell width for a matrix of `cols` columns whose rows are `h` high.
pub fn col_width(cols: usize, h: f64, budget: f64) -> f64 {
    h.max(14.0).min((budget / cols.max(1) as f64).floor()).max(2.0)
}

/// A signal's data as a 2-D plane: node features as they are, vectors as one row.
pub fn as_plane(t: &Tensor) -> Option<Plane> {
    let a: Array2<f32> = match t.ndim() {
        1 => t.clone().into_shape_with_order((1, t.len())).ok()?,
        2 => t.clone().into_dimensionality::<Ix2>().ok()?,
        _ => return None,
    };
    Some(Plane(Rc::new(a)))
}

/// Node colours for both drawings, on one scale.
#[derive(Clone, PartialEq)]
pub struct NodeColours {
    pub x: ByIdentity<Vec<[u8; 3]>>,
    pub gx: ByIdentity<Vec<[u8; 3]>>,
    pub scale: Scale,
    /// What the colours show, e.g. "layer 4 (relu)".
    pub source: String,
}

/// Layers whose output lives on the nodes (1-based, as shown), for the
/// "colour nodes by" picker; 0 stands for the input features X.
pub fn node_layers(p: &Pipelines) -> Vec<usize> {
    p.trace_x.iter().enumerate().filter(|(_, s)| matches!(s.space, Space::Nodes { .. })).map(|(k, _)| k + 1).collect()
}

fn matrix(s: &Signal) -> Option<Array2<f32>> {
    s.data.clone().into_dimensionality::<Ix2>().ok()
}

/// Colour the nodes by the embedding of layer `choice` (see [`node_layers`];
/// `None`: the last node layer), projected on its principal direction.
pub fn node_colours(p: &Pipelines, choice: Option<usize>, kinds: &[&str]) -> NodeColours {
    let layers = node_layers(p);
    let k = choice.filter(|c| *c == 0 || layers.contains(c)).or(layers.last().copied()).unwrap_or(0);
    let (sx, sgx) = match k {
        0 => (&p.x, &p.gx),
        k => (&p.trace_x[k - 1], &p.trace_gx[k - 1]),
    };
    let (mx, mgx) = (matrix(sx), matrix(sgx));
    let (vx, vgx) = match (&mx, &mgx) {
        (Some(a), Some(b)) => {
            let proj = Projection::fit(a.view());
            (proj.apply(a.view()), proj.apply(b.view()))
        }
        _ => (vec![0.0; p.x.shape()[0]], vec![0.0; p.gx.shape()[0]]),
    };
    let (lo, hi) = range(vx.iter().chain(vgx.iter()));
    let scale = Scale { map: ColorMap::Viridis, lo, hi: if hi > lo { hi } else { lo + 1.0 } };
    let colour = |v: &Vec<f32>| ByIdentity(Rc::new(v.iter().map(|&t| scale.color(t)).collect::<Vec<_>>()));
    let source = match k {
        0 => "the input features X".to_string(),
        k => format!("the output of layer {k} ({})", kinds.get(k - 1).copied().unwrap_or("?")),
    };
    NodeColours { x: colour(&vx), gx: colour(&vgx), scale, source }
}

/// The four matrices of the matrix panel, with their row labels.
#[derive(Clone, PartialEq)]
pub struct Matrices {
    pub x: Plane,
    pub px: Plane,
    pub a: Plane,
    pub pa: Plane,
    pub x_scale: Scale,
    pub a_scale: Scale,
    /// Row labels of x and A: the node numbers.
    pub rows: Rc<Vec<String>>,
    /// Row labels of P X: which original node's features sit in each row.
    pub px_rows: Rc<Vec<String>>,
    /// Row (and column) labels of P A Pᵀ: which original node each is.
    pub pa_rows: Rc<Vec<String>>,
    pub feature_names: Rc<Vec<String>>,
}

fn inverse_labels(perm: &[usize]) -> Rc<Vec<String>> {
    let mut out = vec![String::new(); perm.len()];
    for (i, &to) in perm.iter().enumerate() {
        if let Some(slot) = out.get_mut(to) {
            *slot = i.to_string();
        }
    }
    Rc::new(out)
}

/// Column names of X for a features kind.
pub fn feature_names(input: &GraphInput, kind: NodeFeatures, width: usize) -> Vec<String> {
    match kind {
        NodeFeatures::Degree => vec!["deg".into()],
        NodeFeatures::Constant => vec!["1".into()],
        NodeFeatures::TypeOneHot => input.type_vocabulary(),
        NodeFeatures::Given => (1..=width).map(|k| format!("x{k}")).collect(),
    }
}

/// The matrices of x and g·x, or `None` above [`BIG`] nodes.
pub fn matrices(p: &Pipelines, input: &GraphInput, kind: NodeFeatures, mv: &NodeMove) -> Option<Matrices> {
    let n = input.node_count();
    if n > BIG {
        return None;
    }
    let (x, px) = (matrix(&p.x)?, matrix(&p.gx)?);
    let a = input.graph.dense_adjacency();
    let Space::Nodes { graph } = &p.gx.space else { return None };
    let pa = graph.dense_adjacency();
    let (lo, hi) = range(x.iter().chain(px.iter()));
    // 0/1 features (one-hot types, a constant) read best as ink on paper.
    let x_scale = if lo >= 0.0 && hi <= 1.0 {
        Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 }
    } else {
        Scale::for_range(lo.min(0.0), hi.max(1e-6))
    };
    let (alo, ahi) = range(a.iter());
    let a_scale = if alo >= 0.0 && ahi <= 1.0 {
        Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 }
    } else {
        Scale::for_range(alo, ahi)
    };
    Some(Matrices {
        feature_names: Rc::new(feature_names(input, kind, x.ncols())),
        x: Plane(Rc::new(x)),
        px: Plane(Rc::new(px)),
        a: Plane(Rc::new(a)),
        pa: Plane(Rc::new(pa)),
        x_scale,
        a_scale,
        rows: Rc::new((0..n).map(|i| i.to_string()).collect()),
        px_rows: inverse_labels(&mv.features),
        pa_rows: inverse_labels(&mv.graph),
    })
}

/// The pictures of one layer (`None` planes above [`BIG`] nodes).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerView {
    pub fx: Option<Plane>,
    pub fgx: Option<Plane>,
    /// ρ(g)f(x), when g acts on this output.
    pub moved: Option<Plane>,
    /// |f(g·x) − ρ(g)f(x)|, or |f(g·x) − f(x)| when g has no action here.
    pub diff: Option<Plane>,
    pub diff_is_equivariance: bool,
    pub scale: Scale,
    pub diff_scale: Scale,
    /// True for node-level outputs (rows are nodes).
    pub on_nodes: bool,
    /// `(rows, columns)` of the output.
    pub shape: (usize, usize),
}

fn abs_diff(a: &Tensor, b: &Tensor) -> Option<Tensor> {
    (a.shape() == b.shape()).then(|| (a - b).mapv(f32::abs))
}

/// Build the views of every layer.
pub fn layer_views(p: &Pipelines, n: usize) -> Vec<LayerView> {
    let draw = n <= BIG;
    p.checks
        .iter()
        .zip(p.trace_x.iter().zip(p.trace_gx.iter()))
        .map(|(check, (fx, fgx))| {
            let moved = check.moved.kept();
            let on_nodes = matches!(fx.space, Space::Nodes { .. });
            let shape = match fx.data.shape() {
                [r, c] => (*r, *c),
                [c] => (1, *c),
                s => (1, s.iter().product()),
            };
            let mut values: Vec<&f32> = fx.data.iter().chain(fgx.data.iter()).collect();
            if let Some(m) = moved {
                values.extend(m.data.iter());
            }
            let (lo, hi) = range(values);
            let magnitude = lo.abs().max(hi.abs()).max(1e-12);
            let (diff, diff_is_equivariance) = match moved {
                Some(m) => (abs_diff(&fgx.data, &m.data), true),
                None => (abs_diff(&fgx.data, &fx.data), false),
            };
            let small = draw || !on_nodes;
            LayerView {
                fx: small.then(|| as_plane(&fx.data)).flatten(),
                fgx: small.then(|| as_plane(&fgx.data)).flatten(),
                moved: small.then(|| moved.and_then(|m| as_plane(&m.data))).flatten(),
                diff: small.then(|| diff.as_ref().and_then(as_plane)).flatten(),
                diff_is_equivariance,
                scale: Scale::for_range(lo, hi),
                diff_scale: Scale { map: ColorMap::Viridis, lo: 0.0, hi: magnitude },
                on_nodes,
                shape,
            }
        })
        .collect()
}
