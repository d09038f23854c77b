//! The graph lab's pictures in the compare strip: the chosen layer's f(x),
//! f(g·x), ρ(g)f(x) = P f(x) and their difference. Node layers are N × F
//! matrices whose rows are labelled by the node of x they belong to (so the
//! renumbering shows); above [`ALL_ROWS`] nodes only the first
//! [`WINDOW`] rows are drawn, cut from the traces (the numbers are measured
//! on every node). Vectors (the readout, the head, the MLP) are bars. The
//! first three share one colour scale; the difference has its own, from 0 to
//! the largest value of the layer.

use super::vector_bars::VectorBars;
use super::views::LayerView;
use crate::app::widgets::compare_strip::Panel;
use crate::app::widgets::heatmap::Plane;
use crate::app::widgets::layer_check::human_number;
use crate::app::widgets::matrix_view::MatrixView;
use crate::engine::graph_input::NodeMove;
use crate::engine::pipelines::Pipelines;
use crate::engine::space::Tensor;
use crate::engine::text::thousands;
use crate::viz::colormap::Scale;
use ndarray::{Axis, Ix2, Slice};
use std::rc::Rc;
use yew::prelude::*;

/// Up to this many nodes the strip draws every row.
pub const ALL_ROWS: usize = 64;
/// Rows drawn for a bigger graph.
pub const WINDOW: usize = 24;
/// The size the matrices are laid out for (CSS pixels), about the shape of a
/// strip panel; the panel then fits them to its box, keeping their proportions.
const BOX: (f64, f64) = (150.0, 240.0);

/// `out[j]` = the i with `perm[i] = j`, as a label, for `j < rows`.
fn origins(perm: &[usize], rows: usize) -> Rc<Vec<String>> {
    let mut out = vec![String::new(); rows];
    for (i, &to) in perm.iter().enumerate() {
        if let Some(slot) = out.get_mut(to) {
            *slot = i.to_string();
        }
    }
    Rc::new(out)
}

/// The first `rows` rows of a node tensor, as a plane.
fn window(t: &Tensor, rows: usize) -> Option<Plane> {
    let m = t.view().into_dimensionality::<Ix2>().ok()?;
    let rows = rows.min(m.nrows());
    Some(Plane(Rc::new(m.slice_axis(Axis(0), Slice::from(..rows)).to_owned())))
}

/// Cell size for `rows × cols` cells in [`BOX`], with room for row labels.
fn cell_for(rows: usize, cols: usize) -> (f64, f64) {
    let h = (BOX.1 / rows.max(1) as f64).floor().clamp(1.0, 24.0);
    let label = if h >= 9.0 { 26.0 } else { 0.0 };
    let w = ((BOX.0 - label) / cols.max(1) as f64).floor().clamp(1.0, h.max(4.0));
    (w, h)
}

/// The largest absolute entry.
fn largest(t: &Tensor) -> f32 {
    t.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

fn no_box(text: &str) -> Html {
    html! { <p class="no-action-box">{ text.to_string() }</p> }
}

/// The strip's four panels for layer `k`, and a note on what they show.
pub fn panels(p: &Pipelines, k: usize, v: &LayerView, mv: &NodeMove, picked: Option<usize>) -> (Vec<Panel>, String) {
    let (Some(fx), Some(fgx), Some(check)) = (p.trace_x.get(k), p.trace_gx.get(k), p.checks.get(k)) else {
        return (vec![], String::new());
    };
    let moved = check.moved.kept().map(|m| &m.data);
    let diff: Option<Tensor> = match moved {
        Some(m) if m.shape() == fgx.data.shape() => Some((&fgx.data - m).mapv(f32::abs)),
        None if fx.data.shape() == fgx.data.shape() => Some((&fgx.data - &fx.data).mapv(f32::abs)),
        _ => None,
    };
    let diff_caption = if v.diff_is_equivariance { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" };
    let diff_note =
        |d: &Tensor| html! { <p class="panel-number">{ format!("largest {}", human_number(largest(d) as f64)) }</p> };
    let what = |panel: &str| format!("layer {} {panel}", k + 1);

    if !v.on_nodes {
        // A vector: bars on the layer's shared scale.
        let flat = |t: &Tensor| Rc::new(t.iter().copied().collect::<Vec<f32>>());
        let bars = |t: &Tensor, scale: Scale, label: String| html! { <VectorBars values={flat(t)} {scale} {label} /> };
        let panels = vec![
            Panel::new("fx", "f(x)", bars(&fx.data, v.scale, what("f(x)"))),
            Panel::new("fgx", "f(g·x)", bars(&fgx.data, v.scale, what("f(g·x)"))),
            match moved {
                Some(m) => Panel::new("moved", "ρ(g) f(x) = f(x)", bars(m, v.scale, what("ρ(g)f(x)"))),
                None => {
                    Panel::new("moved", "ρ(g) f(x)", no_box("g has no action on this output: no node order is left"))
                }
            },
            match &diff {
                Some(d) => Panel::new(
                    "diff",
                    diff_caption,
                    html! { <>{ bars(d, v.diff_scale, what("difference")) }{ diff_note(d) }</> },
                ),
                None => Panel::new("diff", "difference", no_box("the shapes differ")),
            },
        ];
        let note = format!(
            "One vector of {} numbers, no node order left: bars on one scale (the difference on its own, up to the layer's largest value).",
            v.shape.1
        );
        return (panels, note);
    }

    let n = v.shape.0;
    let rows = if n <= ALL_ROWS { n } else { WINDOW };
    let cols = v.shape.1;
    let cell = cell_for(rows, cols);
    let labels_x: Rc<Vec<String>> = Rc::new((0..rows).map(|i| i.to_string()).collect());
    let labels_gx = origins(&mv.graph, rows);
    let labels_moved = origins(&mv.features, rows);
    let hl = |row: Option<usize>| row.filter(|&r| r < rows).into_iter().collect::<Vec<_>>();
    let at = |perm: &[usize]| picked.and_then(|i| perm.get(i).copied());
    let mat = |plane: Option<Plane>,
               scale: Scale,
               label: String,
               row_labels: &Rc<Vec<String>>,
               highlight: Vec<usize>| match plane {
        Some(plane) => html! {
            <div class="matrix-box">
                <MatrixView {plane} {scale} {cell} {label} row_labels={Some(row_labels.clone())} highlight_rows={highlight} />
            </div>
        },
        None => no_box("not a node matrix"),
    };
    let panels = vec![
        Panel::new("fx", "f(x)", mat(window(&fx.data, rows), v.scale, what("f(x)"), &labels_x, hl(picked))),
        Panel::new(
            "fgx",
            "f(g·x)",
            mat(window(&fgx.data, rows), v.scale, what("f(g·x)"), &labels_gx, hl(at(&mv.graph))),
        ),
        match moved {
            Some(m) => Panel::new(
                "moved",
                "ρ(g) f(x)",
                mat(window(m, rows), v.scale, what("ρ(g)f(x)"), &labels_moved, hl(at(&mv.features))),
            ),
            None => Panel::new("moved", "ρ(g) f(x)", no_box("g has no action on this output")),
        },
        match &diff {
            Some(d) => Panel::new(
                "diff",
                diff_caption,
                html! { <>{ mat(window(d, rows), v.diff_scale, what("difference"), &labels_gx, vec![]) }{ diff_note(d) }</> },
            ),
            None => Panel::new("diff", "difference", no_box("the shapes differ")),
        },
    ];
    let note = if rows < n {
        format!(
            "Rows 0–{} of {} nodes, labelled by the node of x they belong to; {cols} features across; ρ(g) f(x) = P f(x). The errors are measured on all {} rows.",
            rows - 1,
            thousands(n),
            thousands(n)
        )
    } else {
        format!("Rows: the {n} nodes, labelled by the node of x they belong to; {cols} features across; ρ(g) f(x) = P f(x).")
    };
    (panels, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_invert_the_permutation() {
        // Node 0 goes to 2, 1 to 0, 2 to 1: row 0 of g·x holds node 1.
        assert_eq!(*origins(&[2, 0, 1], 3), vec!["1", "2", "0"]);
        assert_eq!(*origins(&[2, 0, 1], 2), vec!["1", "2"]);
    }

    #[test]
    fn cells_fit_the_box_and_labels_only_when_readable() {
        let (w, h) = cell_for(14, 8);
        assert!(h >= 9.0 && 26.0 + 8.0 * w <= BOX.0 && 14.0 * h <= BOX.1);
        let (_, h) = cell_for(64, 8);
        assert!(h < 9.0);
    }
}
