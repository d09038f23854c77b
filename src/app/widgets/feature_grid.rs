//! A layer's output as a grid of small heatmaps, one per channel, all on one
//! shared colour scale so channels can be compared by eye.

use super::heatmap::{Heatmap, Plane};
use crate::viz::colormap::Scale;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FeatureGridProps {
    pub planes: Vec<Plane>,
    pub scale: Scale,
    /// What this grid shows, e.g. "f(x)"; used in every canvas's label.
    pub title: AttrValue,
    /// Columns of the grid.
    #[prop_or(4)]
    pub columns: usize,
    #[prop_or_default]
    pub on_cell: Option<Callback<(usize, usize, usize)>>,
}

#[component]
pub fn FeatureGrid(props: &FeatureGridProps) -> Html {
    let cols = props.columns.clamp(1, props.planes.len().max(1));
    let style = format!("grid-template-columns: repeat({cols}, 1fr)");
    html! {
        <div class="feature-grid" {style}>
            { for props.planes.iter().enumerate().map(|(c, plane)| {
                let on_cell = props.on_cell.clone().map(|cb| cb.reform(move |(i, j)| (c, i, j)));
                let (h, w) = plane.0.dim();
                let label = format!("{}, channel {} ({}×{})", props.title, c + 1, h, w);
                let class = if h == 1 { classes!("strip") } else { classes!() };
                html! { <Heatmap plane={plane.clone()} scale={props.scale} {label} {class} {on_cell} /> }
            }) }
        </div>
    }
}
