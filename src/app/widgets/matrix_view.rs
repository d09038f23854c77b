//! A matrix drawn cell by cell at a chosen cell size, with row and column
//! labels and highlighted rows and columns (the graph lab's X, A, P X,
//! P A Pᵀ and node embeddings; any lab's small matrices). Redrawn only when
//! its plane (compared by identity), scale, labels or highlights change.

use super::heatmap::Plane;
use crate::viz::colormap::Scale;
use crate::viz::matrix::{self, MatrixLayout, MatrixStyle};
use crate::viz::theme::prefers_dark;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MatrixViewProps {
    pub plane: Plane,
    pub scale: Scale,
    /// Cell size in CSS pixels (width, height).
    pub cell: (f64, f64),
    /// Accessible name of the picture.
    pub label: AttrValue,
    #[prop_or_default]
    pub row_labels: Option<Rc<Vec<String>>>,
    #[prop_or_default]
    pub col_labels: Option<Rc<Vec<String>>>,
    #[prop_or_default]
    pub highlight_rows: Vec<usize>,
    #[prop_or_default]
    pub highlight_cols: Vec<usize>,
    /// Called with `(row, col)` of a clicked cell.
    #[prop_or_default]
    pub on_cell: Option<Callback<(usize, usize)>>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[component]
pub fn MatrixView(p: &MatrixViewProps) -> Html {
    let canvas = use_node_ref();
    let (rows, cols) = p.plane.0.dim();
    let lay = MatrixLayout::new(rows, cols, p.cell.0, p.cell.1, p.row_labels.is_some(), p.col_labels.is_some());
    {
        let canvas = canvas.clone();
        let deps = (
            p.plane.clone(),
            p.scale,
            (p.cell.0.to_bits(), p.cell.1.to_bits()),
            p.row_labels.clone(),
            p.col_labels.clone(),
            p.highlight_rows.clone(),
            p.highlight_cols.clone(),
        );
        use_effect_with(deps, move |(plane, scale, _, rl, cl, hr, hc)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let style = MatrixStyle {
                    row_labels: rl.as_ref().map(|v| v.as_slice()),
                    col_labels: cl.as_ref().map(|v| v.as_slice()),
                    highlight_rows: hr,
                    highlight_cols: hc,
                    dark: prefers_dark(),
                };
                matrix::draw(&c, plane.0.view(), scale, &lay, &style);
            }
        });
    }
    let onclick = p.on_cell.clone().map(|cb| {
        let canvas = canvas.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let r = c.get_bounding_client_rect();
                // The canvas may be scaled down by CSS: map back to layout pixels.
                let sx = lay.width() / r.width().max(1.0);
                let sy = lay.height() / r.height().max(1.0);
                let x = (e.client_x() as f64 - r.left()) * sx;
                let y = (e.client_y() as f64 - r.top()) * sy;
                if let Some(cell) = lay.cell_at(x, y) {
                    cb.emit(cell);
                }
            }
        })
    });
    let style = format!("width: {:.0}px; aspect-ratio: {:.0} / {:.0}", lay.width(), lay.width(), lay.height());
    let class = classes!("matrix", p.on_cell.is_some().then_some("clickable"));
    html! {
        <canvas ref={canvas} {class} {style} role="img" aria-label={p.label.clone()} data-testid={p.testid.clone()}
            data-rows={rows.to_string()} data-cols={cols.to_string()} {onclick} />
    }
}
