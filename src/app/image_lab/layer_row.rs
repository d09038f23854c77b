//! One layer of both pipelines side by side: f(x), f(g·x), ρ(g)f(x) and their
//! difference, with the verdict, the numbers and why.

use super::model_panel::family;
use super::views::LayerView;
use crate::app::widgets::feature_grid::FeatureGrid;
use crate::app::widgets::layer_check::{LayerCheckProps, LayerCheckReadout};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayerRowProps {
    pub check: LayerCheckProps,
    pub view: LayerView,
    pub explanation: AttrValue,
    /// Receptive-field size of one output cell, e.g. "8×8 pixels".
    pub field: AttrValue,
    /// Clicking a cell of f(x) selects that unit: `(channel, row, col)`.
    pub on_select: Callback<(usize, usize, usize)>,
}

#[component]
pub fn LayerRow(p: &LayerRowProps) -> Html {
    let v = &p.view;
    let k = p.check.index;
    let shape_note = v.fx.first().map(|pl| {
        let (h, w) = pl.0.dim();
        format!("{} × {}×{}", v.fx.len(), h, w)
    });
    let panel = |title: &str, html: Html| html! { <figure class="stage"><figcaption>{ title.to_string() }</figcaption>{ html }</figure> };
    html! {
        <section class={classes!("layer-row", family(&p.check.kind))} id={format!("layer-{k}")} aria-labelledby={format!("layer-title-{k}")}>
            <header class="layer-head">
                <h3 id={format!("layer-title-{k}")}>
                    <span class="layer-num">{ k + 1 }</span>
                    <span class="layer-label">{ p.check.label.clone() }</span>
                </h3>
                <span class="muted shape">{ shape_note.unwrap_or_default() }{ " · sees " }{ p.field.clone() }</span>
                <LayerCheckReadout ..p.check.clone() />
            </header>
            <div class="stages">
                { panel("f(x)", html! { <FeatureGrid planes={v.fx.clone()} scale={v.scale} title={format!("layer {} f(x)", k + 1)} columns={v.columns} on_cell={Some(p.on_select.clone())} /> }) }
                { panel("f(g·x)", html! { <FeatureGrid planes={v.fgx.clone()} scale={v.scale} title={format!("layer {} f(g·x)", k + 1)} columns={v.columns} /> }) }
                { match &v.moved {
                    Some(m) => panel("ρ(g) f(x)", html! { <FeatureGrid planes={m.clone()} scale={v.scale} title={format!("layer {} ρ(g)f(x)", k + 1)} columns={v.columns} /> }),
                    None => panel("ρ(g) f(x)", html! { <p class="no-action-box">{ "g has no action on this output" }</p> }),
                } }
                { match &v.diff {
                    Some(d) => panel(if v.diff_is_equivariance { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                        html! { <FeatureGrid planes={d.clone()} scale={v.diff_scale} title={format!("layer {} difference", k + 1)} columns={v.columns} /> }),
                    None => panel("difference", html! { <p class="no-action-box">{ "the shapes differ" }</p> }),
                } }
            </div>
            <p class="why">{ p.explanation.clone() }</p>
        </section>
    }
}
