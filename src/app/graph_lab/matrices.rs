//! The matrices behind the drawings (claim G1): X and A for the graph, P X
//! and P A Pᵀ for the renumbered one, rows labelled by the original node they
//! hold, so the reordering is visible; the picked node's row (and column) is
//! outlined in all four. Hidden above [`BIG`] nodes, with the reason.

use super::reducer::Action;
use super::state::{GraphLabState, BIG};
use super::views::{col_width, row_height, Matrices};
use crate::app::widgets::matrix_view::MatrixView;
use crate::app::widgets::save_image::SaveImage;
use crate::engine::graph_input::NodeMove;
use crate::engine::text::thousands;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MatricesPanelProps {
    pub matrices: Option<Matrices>,
    pub n: usize,
    pub picked: Option<usize>,
    pub node_move: NodeMove,
    pub mistake: bool,
    pub dispatch: UseReducerDispatcher<GraphLabState>,
}

fn position_of(perm: &[usize], row: usize) -> Option<usize> {
    perm.iter().position(|&to| to == row)
}

#[component]
pub fn MatricesPanel(p: &MatricesPanelProps) -> Html {
    let (xa, pxa) = (use_node_ref(), use_node_ref());
    let Some(m) = &p.matrices else {
        return html! {
            <section class="panel matrices-panel" aria-labelledby="matrices-title">
                <h2 class="panel-title" id="matrices-title">{ "Matrices X and A" }</h2>
                <p class="muted" data-testid="matrices-hidden">{ format!(
                    "Hidden for this graph: it has {} nodes, and above {BIG} a matrix drawn cell by cell is too small to read (its adjacency matrix would have {} entries). The networks never build it: they use the sparse neighbour lists.",
                    thousands(p.n), thousands(p.n.saturating_mul(p.n))) }</p>
            </section>
        };
    };
    let h = row_height(p.n);
    let xw = col_width(m.x.0.ncols(), h, 150.0);
    let pick = |perm: Option<Vec<usize>>| {
        let d = p.dispatch.clone();
        Callback::from(move |(r, _): (usize, usize)| {
            let node = match &perm {
                Some(perm) => position_of(perm, r),
                None => Some(r),
            };
            d.dispatch(Action::Pick(node));
        })
    };
    let (hx, hpx, hpa) = match p.picked {
        Some(i) => (
            vec![i],
            p.node_move.features.get(i).map(|&r| vec![r]).unwrap_or_default(),
            p.node_move.graph.get(i).map(|&r| vec![r]).unwrap_or_default(),
        ),
        None => (vec![], vec![], vec![]),
    };
    let cols = Some(m.feature_names.clone());
    html! {
        <section class="panel matrices-panel" aria-labelledby="matrices-title">
            <h2 class="panel-title" id="matrices-title">{ "The same graph as matrices: X → P X and A → P A Pᵀ" }</h2>
            <div class="matrix-pairs">
                <figure class="matrix-pair">
                    <figcaption>{ "x: features X and adjacency A (row i = node i)" }</figcaption>
                    <div class="matrix-row" ref={xa.clone()}>
                        <div class="matrix-cell"><span class="matrix-name">{ "X" }</span>
                            <MatrixView plane={m.x.clone()} scale={m.x_scale} cell={(xw, h)} label="node features X" testid="matrix-x"
                                row_labels={Some(m.rows.clone())} col_labels={cols.clone()} highlight_rows={hx.clone()} on_cell={pick(None)} /></div>
                        <div class="matrix-cell"><span class="matrix-name">{ "A" }</span>
                            <MatrixView plane={m.a.clone()} scale={m.a_scale} cell={(h, h)} label="adjacency matrix A" testid="matrix-a"
                                row_labels={Some(m.rows.clone())} col_labels={Some(m.rows.clone())} highlight_rows={hx.clone()} highlight_cols={hx.clone()} on_cell={pick(None)} /></div>
                    </div>
                    <SaveImage target={xa} name="symmetry-lab-graph-matrices-X-A" what="matrices X and A of x" />
                </figure>
                <figure class="matrix-pair">
                    <figcaption>{ "g·x: rows labelled by the node they came from" }</figcaption>
                    <div class="matrix-row" ref={pxa.clone()}>
                        <div class="matrix-cell"><span class="matrix-name">{ "P X" }</span>
                            <MatrixView plane={m.px.clone()} scale={m.x_scale} cell={(xw, h)} label="permuted features P X" testid="matrix-px"
                                row_labels={Some(m.px_rows.clone())} col_labels={cols} highlight_rows={hpx} on_cell={pick(Some(p.node_move.features.clone()))} /></div>
                        <div class="matrix-cell"><span class="matrix-name">{ if p.mistake { "A (not moved!)" } else { "P A Pᵀ" } }</span>
                            <MatrixView plane={m.pa.clone()} scale={m.a_scale} cell={(h, h)} label={if p.mistake { "adjacency A, left unpermuted by the mistake" } else { "permuted adjacency P A Pᵀ" }} testid="matrix-pa"
                                row_labels={Some(m.pa_rows.clone())} col_labels={Some(m.pa_rows.clone())} highlight_rows={hpa.clone()} highlight_cols={hpa} on_cell={pick(Some(p.node_move.graph.clone()))} /></div>
                    </div>
                    <SaveImage target={pxa} name={if p.mistake { "symmetry-lab-graph-matrices-PX-A-mistake" } else { "symmetry-lab-graph-matrices-PX-PAPt" }} what="matrices of g·x" />
                </figure>
            </div>
            <p class="muted small">{
                if p.mistake {
                    "The mistake: the rows of X were reordered but A was not, so the picked node's features (outlined) and its row of A no longer sit at the same index. The network now pairs features with the wrong neighbourhoods."
                } else {
                    "Renumbering the nodes reorders the rows of X, and both the rows and the columns of A, by the same permutation: every node keeps its features and its neighbours, only its number changes. Pick a node (tap it in a drawing, or click its row) to outline it in all four matrices and in every layer below."
                }
            }</p>
        </section>
    }
}
