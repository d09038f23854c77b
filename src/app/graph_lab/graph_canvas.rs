//! The simple drawing of a big graph (more than [`super::state::BIG`] nodes):
//! coloured points on a canvas, no labels, edges only while they are few.
//! Read-only: editing a graph this big node by node would not teach anything.

use super::graph_svg::ByIdentity;
use crate::app::widgets::draw_later::use_draw_later;
use crate::engine::graph_input::GraphInput;
use crate::engine::text::thousands;
use crate::viz::graph_points::{self, MAX_DRAWN_EDGES};
use crate::viz::theme::prefers_dark;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GraphCanvasProps {
    pub input: ByIdentity<GraphInput>,
    #[prop_or_default]
    pub colours: Option<ByIdentity<Vec<[u8; 3]>>>,
    pub label: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[component]
pub fn GraphCanvas(p: &GraphCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        // 10,000 points and more: drawn in a task of their own, after the render.
        use_draw_later((p.input.clone(), p.colours.clone()), move |(input, colours)| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let positions = input.0.positions_or_circle();
                let colours = colours.as_ref().map(|c| c.0.as_slice()).unwrap_or(&[]);
                graph_points::draw(&c, &positions, colours, input.0.graph.edges(), prefers_dark());
            }
        });
    }
    let n = p.input.0.node_count();
    let e = p.input.0.graph.edges().len();
    let note = if e > MAX_DRAWN_EDGES {
        format!(
            "{} nodes as points; the {} edges are not drawn (above {} they are only a grey fog)",
            thousands(n),
            thousands(e),
            thousands(MAX_DRAWN_EDGES)
        )
    } else {
        format!("{} nodes as points, {} edges; no labels at this size", thousands(n), thousands(e))
    };
    html! {
        <figure class="graph-canvas-figure">
            <canvas ref={canvas} class="graph-canvas" role="img" aria-label={format!("{}: {note}", p.label)}
                data-testid={p.testid.clone()} data-nodes={n.to_string()} data-edges={e.to_string()} />
            <figcaption class="muted">{ note }</figcaption>
        </figure>
    }
}
