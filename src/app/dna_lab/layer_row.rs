//! One layer of both pipelines side by side: the tracks of f(x), f(g·x),
//! ρ(g)f(x) (with f(g·x) drawn over it) and their difference, or bars for a
//! pooled vector; the verdict with its numbers, and why.

use super::model_panel::family;
use super::views::LayerView;
use crate::app::widgets::bar_chart::BarChart;
use crate::app::widgets::layer_check::{human_number, LayerCheckProps, LayerCheckReadout};
use crate::app::widgets::save_image::SaveImage;
use crate::app::widgets::track_plot::TrackPlot;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayerRowProps {
    pub check: LayerCheckProps,
    pub view: LayerView,
    pub explanation: AttrValue,
    /// e.g. "8 channels × 69 positions".
    pub shape: AttrValue,
}

#[component]
pub fn LayerRow(p: &LayerRowProps) -> Html {
    let k = p.check.index;
    let stages = use_node_ref();
    let stage = |title: &str, body: Html| html! { <figure class="stage"><figcaption>{ title.to_string() }</figcaption>{ body }</figure> };
    let body = match &p.view {
        LayerView::Strand(v) => html! {
            <div class="stages track-stages" ref={stages.clone()}>
                { stage("f(x)", html! { <TrackPlot tracks={v.fx.clone()} label={format!("layer {} f(x): one track per channel", k + 1)} /> }) }
                { stage("f(g·x)", html! { <TrackPlot tracks={v.fgx.clone()} label={format!("layer {} f(g·x)", k + 1)} /> }) }
                { match &v.moved {
                    Some(m) => stage("ρ(g) f(x), with f(g·x) as a line", html! { <TrackPlot tracks={m.clone()} label={format!("layer {} f(x) moved by g, with f(g·x) drawn over it", k + 1)} /> }),
                    None => stage("ρ(g) f(x)", html! { <p class="no-action-box">{ "g has no action on this output" }</p> }),
                } }
                { stage(&format!("{}, largest {}", if v.moved.is_some() { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" }, human_number(v.diff_max as f64)),
                    html! { <TrackPlot tracks={v.diff.clone()} label={format!("layer {} difference", k + 1)} /> }) }
            </div>
        },
        LayerView::Vector(v) => html! {
            <div class="vector-stage">
                <BarChart labels={v.labels.clone()} series={v.series()} caption={format!("layer {} output for x and for g·x", k + 1)} />
            </div>
        },
    };
    html! {
        <section class={classes!("layer-row", family(&p.check.kind))} id={format!("layer-{k}")} aria-labelledby={format!("layer-title-{k}")}>
            <header class="layer-head">
                <h3 id={format!("layer-title-{k}")}>
                    <span class="layer-num">{ k + 1 }</span>
                    <span class="layer-label">{ p.check.label.clone() }</span>
                </h3>
                <span class="muted shape">{ p.shape.clone() }</span>
                <LayerCheckReadout ..p.check.clone() />
            </header>
            { body }
            <p class="why">{ p.explanation.clone() }</p>
            if matches!(p.view, LayerView::Strand(_)) {
                <SaveImage target={stages} name={format!("symmetry-lab-dna-layer-{}-tracks", k + 1)} what={format!("activation tracks of layer {}", k + 1)} />
            }
        </section>
    }
}
