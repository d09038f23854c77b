//! A layer's output as a grid of small heatmaps, one per channel (and per
//! orientation for group feature maps), all on one shared colour scale so
//! they can be compared by eye. Equally sized planes are painted as one
//! mosaic canvas (cheap to redraw on every brush stroke); clicking a cell
//! reports `(plane, row, col)`.

use super::heatmap::{Heatmap, Plane};
use crate::viz::colormap::Scale;
use crate::viz::heatmap::{draw_mosaic, mosaic_gap};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FeatureGridProps {
    pub planes: Vec<Plane>,
    pub scale: Scale,
    /// What this grid shows, e.g. "f(x)"; used in the canvas's label.
    pub title: AttrValue,
    /// Columns of the grid.
    #[prop_or(4)]
    pub columns: usize,
    #[prop_or_default]
    pub on_cell: Option<Callback<(usize, usize, usize)>>,
    /// For group feature maps: the names of the `|G|` orientations. Plane
    /// `i` is then channel `i / |G|`, orientation `i % |G|`, and every column
    /// gets its orientation as a header.
    #[prop_or_default]
    pub orientations: Vec<AttrValue>,
}

/// The plane and cell under a click on the mosaic.
fn hit(
    canvas: &HtmlCanvasElement,
    e: &MouseEvent,
    n: usize,
    cols: usize,
    dims: (usize, usize),
) -> Option<(usize, usize, usize)> {
    let (h, w) = dims;
    let gap = mosaic_gap(h);
    let r = canvas.get_bounding_client_rect();
    let x = (e.client_x() as f64 - r.left()) / r.width().max(1.0) * canvas.width() as f64;
    let y = (e.client_y() as f64 - r.top()) / r.height().max(1.0) * canvas.height() as f64;
    if x < 0.0 || y < 0.0 {
        return None;
    }
    let (x, y) = (x as usize, y as usize);
    let (col, row) = (x / (w + gap), y / (h + gap));
    let (j, i) = (x % (w + gap), y % (h + gap));
    let plane = row * cols + col;
    (col < cols && plane < n && i < h && j < w).then_some((plane, i, j))
}

#[component]
pub fn FeatureGrid(props: &FeatureGridProps) -> Html {
    let cols = props.columns.clamp(1, props.planes.len().max(1));
    let canvas = use_node_ref();
    let dims = props.planes.first().map(|p| p.0.dim()).unwrap_or((0, 0));
    let mosaic = props.planes.len() > 1 && dims.0 > 1 && props.planes.iter().all(|p| p.0.dim() == dims);
    {
        let canvas = canvas.clone();
        use_effect_with((props.planes.clone(), props.scale, cols, mosaic), move |(planes, scale, cols, mosaic)| {
            if let (true, Some(c)) = (*mosaic, canvas.cast::<HtmlCanvasElement>()) {
                let views: Vec<_> = planes.iter().map(|p| p.0.view()).collect();
                draw_mosaic(&c, &views, *cols, scale);
            }
        });
    }
    let g = props.orientations.len();
    let headers = html! {
        if g > 0 {
            <div class="grid-col-labels" style={format!("grid-template-columns: repeat({cols}, 1fr)")} aria-hidden="true">
                { for props.orientations.iter().cycle().take(cols).map(|l| html! { <span class="grid-col-label">{ l.clone() }</span> }) }
            </div>
        }
    };
    if mosaic {
        let n = props.planes.len();
        let what = match n.checked_div(g) {
            Some(c) => format!("{c} channels × {g} orientations"),
            None => format!("{n} channels"),
        };
        let label = format!("{}: {what}, each {}×{}", props.title, dims.0, dims.1);
        let onclick = props.on_cell.clone().map(|cb| {
            let canvas = canvas.clone();
            Callback::from(move |e: MouseEvent| {
                if let Some(hit) = canvas.cast::<HtmlCanvasElement>().and_then(|c| hit(&c, &e, n, cols, dims)) {
                    cb.emit(hit);
                }
            })
        });
        return html! {
            <div class="feature-grid mosaic">
                { headers }
                <canvas ref={canvas} class={classes!("heatmap", props.on_cell.is_some().then_some("clickable"))} role="img" aria-label={label} {onclick} />
            </div>
        };
    }
    let style = format!("grid-template-columns: repeat({cols}, 1fr)");
    html! {
        <div class="feature-grid" {style}>
            { for props.orientations.iter().cycle().take(if g == 0 { 0 } else { cols }).map(|l| html! {
                <span class="grid-col-label" aria-hidden="true">{ l.clone() }</span>
            }) }
            { for props.planes.iter().enumerate().map(|(c, plane)| {
                let on_cell = props.on_cell.clone().map(|cb| cb.reform(move |(i, j)| (c, i, j)));
                let (h, w) = plane.0.dim();
                let label = match g {
                    0 => format!("{}, channel {} ({}×{})", props.title, c + 1, h, w),
                    g => format!("{}, channel {}, orientation {} ({}×{})", props.title, c / g + 1, props.orientations[c % g], h, w),
                };
                let class = if h == 1 { classes!("strip") } else { classes!() };
                html! { <Heatmap plane={plane.clone()} scale={props.scale} {label} {class} {on_cell} /> }
            }) }
        </div>
    }
}
