//! One layer of both pipelines side by side: f(x), f(g·x), ρ(g)f(x) and their
//! difference as matrices (rows are nodes, or one row after the readout),
//! with the verdict, the numbers and why.

use super::model_panel::family;
use super::views::{col_width, row_height, LayerView};
use crate::app::widgets::heatmap::Plane;
use crate::app::widgets::layer_check::{LayerCheckProps, LayerCheckReadout};
use crate::app::widgets::matrix_view::MatrixView;
use crate::app::widgets::save_image::SaveImage;
use crate::engine::text::thousands;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayerRowProps {
    pub check: LayerCheckProps,
    pub view: LayerView,
    pub explanation: AttrValue,
    /// Nodes of the graph (for the row height).
    pub n: usize,
    /// The picked node's row in f(x), in f(g·x) and in ρ(g)f(x).
    pub highlight: Option<(usize, usize, usize)>,
    pub on_pick: Callback<usize>,
    /// Nodes in g·x's numbering → node of x, for clicks on f(g·x).
    pub on_pick_moved: Callback<usize>,
    /// Row labels of f(x), f(g·x) and ρ(g)f(x): the node each row belongs to
    /// in the original numbering (so the reordering is visible).
    #[prop_or_default]
    pub row_labels: Option<RowLabels>,
}

/// Row labels of the three node matrices of a layer row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowLabels {
    pub fx: Rc<Vec<String>>,
    pub fgx: Rc<Vec<String>>,
    pub moved: Rc<Vec<String>>,
}

#[component]
pub fn LayerRow(p: &LayerRowProps) -> Html {
    let v = &p.view;
    let k = p.check.index;
    let stages_ref = use_node_ref();
    let (rows, cols) = v.shape;
    let (cell_w, cell_h) = if v.on_nodes {
        let h = row_height(p.n);
        (col_width(cols, h, 170.0), h)
    } else {
        (col_width(cols, 18.0, 260.0), 18.0)
    };
    let shape_note = if v.on_nodes {
        format!("{} nodes × {cols} features", thousands(rows))
    } else {
        format!("one vector of {cols} (no node order left)")
    };
    let hl = |pick: fn(&(usize, usize, usize)) -> usize| -> Vec<usize> {
        if v.on_nodes {
            p.highlight.as_ref().map(pick).into_iter().collect()
        } else {
            vec![]
        }
    };
    let on_x = v.on_nodes.then(|| p.on_pick.reform(|(r, _): (usize, usize)| r));
    let on_gx = v.on_nodes.then(|| p.on_pick_moved.reform(|(r, _): (usize, usize)| r));
    let stage = |title: &str, body: Html| html! { <figure class="stage"><figcaption>{ title.to_string() }</figcaption>{ body }</figure> };
    let labels = |pick: fn(&RowLabels) -> &Rc<Vec<String>>| {
        p.row_labels.as_ref().filter(|_| v.on_nodes).map(|l| pick(l).clone())
    };
    let mat = |plane: &Option<Plane>, scale, label: String, rows: Vec<usize>, on, row_labels| match plane {
        Some(pl) => html! {
            <MatrixView plane={pl.clone()} {scale} cell={(cell_w, cell_h)} {label} highlight_rows={rows} on_cell={on} {row_labels} />
        },
        None => html! { <p class="no-action-box">{ "not drawn at this size" }</p> },
    };
    let stages = if v.fx.is_none() && v.on_nodes {
        html! { <p class="muted small">{ format!("Embeddings are not drawn above {} nodes; the numbers above are measured on all of them.", super::state::BIG) }</p> }
    } else {
        html! {
            <>
            <div class="stages" ref={stages_ref.clone()}>
                { stage("f(x)", mat(&v.fx, v.scale, format!("layer {} f(x)", k + 1), hl(|h| h.0), on_x, labels(|l| &l.fx))) }
                { stage("f(g·x)", mat(&v.fgx, v.scale, format!("layer {} f(g·x)", k + 1), hl(|h| h.1), on_gx, labels(|l| &l.fgx))) }
                { if v.moved.is_some() {
                    stage("ρ(g) f(x)", mat(&v.moved, v.scale, format!("layer {} ρ(g)f(x)", k + 1), hl(|h| h.2), None, labels(|l| &l.moved)))
                } else {
                    stage("ρ(g) f(x)", html! { <p class="no-action-box">{ "g has no action on this output" }</p> })
                } }
                { match &v.diff {
                    Some(_) => stage(if v.diff_is_equivariance { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                        mat(&v.diff, v.diff_scale, format!("layer {} difference", k + 1), vec![], None, None)),
                    None => stage("difference", html! { <p class="no-action-box">{ "the shapes differ" }</p> }),
                } }
            </div>
            <SaveImage target={stages_ref.clone()} name={format!("symmetry-lab-graph-layer-{}-embeddings", k + 1)} what={format!("embeddings of layer {}", k + 1)} />
            </>
        }
    };
    html! {
        <section class={classes!("layer-row", family(&p.check.kind))} id={format!("layer-{k}")} aria-labelledby={format!("layer-title-{k}")}>
            <header class="layer-head">
                <h3 id={format!("layer-title-{k}")}>
                    <span class="layer-num">{ k + 1 }</span>
                    <span class="layer-label">{ p.check.label.clone() }</span>
                </h3>
                <span class="muted shape">{ shape_note }</span>
                <LayerCheckReadout ..p.check.clone() />
            </header>
            { stages }
            <p class="why">{ p.explanation.clone() }</p>
        </section>
    }
}
