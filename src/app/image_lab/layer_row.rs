//! One layer of both pipelines side by side: f(x), f(g·x), ρ(g)f(x) and their
//! difference, with the verdict, the numbers and why.

use super::model_panel::family;
use super::orbit::{Motion, OrbitFigure};
use super::views::{layer_view, LayerView, SharedPipelines};
use crate::app::widgets::feature_grid::FeatureGrid;
use crate::app::widgets::layer_check::{LayerCheckProps, LayerCheckReadout};
use crate::app::widgets::save_image::SaveImage;
use crate::app::widgets::visibility::use_visible;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayerRowProps {
    pub check: LayerCheckProps,
    /// Both pipelines; the row draws its layer from them while on screen.
    pub pipelines: SharedPipelines,
    pub explanation: AttrValue,
    /// Receptive-field size of one output cell, e.g. "8×8 pixels".
    pub field: AttrValue,
    /// Clicking a cell of f(x) selects that unit: `(channel, row, col)`.
    pub on_select: Callback<(usize, usize, usize)>,
    /// How g moves the orientation planes (group layers only).
    #[prop_or_default]
    pub motion: Option<Motion>,
    /// The layer's filter bank, shown beside the orbit (group convolutions).
    #[prop_or_default]
    pub bank: Option<Html>,
}

#[component]
pub fn LayerRow(p: &LayerRowProps) -> Html {
    let k = p.check.index;
    let node = use_node_ref();
    let stages = use_node_ref();
    // Off screen, the row keeps its last pictures and catches up when it
    // comes back: a stroke redraws only the rows the learner can see.
    let visible = use_visible(node.clone(), 100);
    let cache = use_mut_ref(|| None::<(SharedPipelines, Rc<LayerView>)>);
    let stale = cache.borrow().as_ref().is_none_or(|(shown, _)| *shown != p.pipelines);
    if stale && (visible || cache.borrow().is_none()) {
        if let Some(v) = layer_view(&p.pipelines.0, k) {
            *cache.borrow_mut() = Some((p.pipelines.clone(), Rc::new(v)));
        }
    }
    let Some(v) = cache.borrow().as_ref().map(|(_, v)| v.clone()) else { return html! {} };
    let v = v.as_ref();
    let shape_note = v.fx.first().map(|pl| {
        let (h, w) = pl.0.dim();
        match v.group {
            Some(g) => format!("{} channels × {} orientations × {}×{}", v.fx.len() / g.order(), g.order(), h, w),
            None => format!("{} × {}×{}", v.fx.len(), h, w),
        }
    });
    let orientations = v.orientations();
    let grid = |planes: &Vec<_>, scale, title: String, on_cell: Option<Callback<(usize, usize, usize)>>| {
        html! {
            <FeatureGrid planes={planes.clone()} {scale} {title} columns={v.columns} {on_cell} orientations={orientations.clone()} />
        }
    };
    let panel = |title: &str, html: Html| html! { <figure class="stage"><figcaption>{ title.to_string() }</figcaption>{ html }</figure> };
    html! {
        <section ref={node} class={classes!("layer-row", family(&p.check.kind))} id={format!("layer-{k}")} aria-labelledby={format!("layer-title-{k}")}>
            <header class="layer-head">
                <h3 id={format!("layer-title-{k}")}>
                    <span class="layer-num">{ k + 1 }</span>
                    <span class="layer-label">{ p.check.label.clone() }</span>
                </h3>
                <span class="muted shape">{ shape_note.unwrap_or_default() }{ " · sees " }{ p.field.clone() }</span>
                <LayerCheckReadout ..p.check.clone() />
            </header>
            if let (Some(group), Some(motion)) = (v.group, p.motion.clone()) {
                <div class="orbit-wrap">
                    <OrbitFigure layer={k} {group} fx={v.fx.clone()} fgx={v.fgx.clone()} moved={v.moved.clone()}
                        {motion} channel={v.strongest} equivariance_error={p.check.equivariance_error} />
                    if let Some(bank) = p.bank.clone() { <aside class="bank-aside">{ bank }</aside> }
                </div>
            }
            <div class={classes!("stages", v.group.map(|_| "group-stages"))} ref={stages.clone()}>
                { panel("f(x)", grid(&v.fx, v.scale, format!("layer {} f(x)", k + 1), Some(p.on_select.clone()))) }
                { panel("f(g·x)", grid(&v.fgx, v.scale, format!("layer {} f(g·x)", k + 1), None)) }
                { match &v.moved {
                    Some(m) => panel("ρ(g) f(x)", grid(m, v.scale, format!("layer {} ρ(g)f(x)", k + 1), None)),
                    None => panel("ρ(g) f(x)", html! { <p class="no-action-box">{ "g has no action on this output" }</p> }),
                } }
                { match &v.diff {
                    Some(d) => panel(if v.diff_is_equivariance { "|f(g·x) − ρ(g) f(x)|" } else { "|f(g·x) − f(x)|" },
                        grid(d, v.diff_scale, format!("layer {} difference", k + 1), None)),
                    None => panel("difference", html! { <p class="no-action-box">{ "the shapes differ" }</p> }),
                } }
            </div>
            <p class="why">{ p.explanation.clone() }</p>
            <SaveImage target={stages} name={format!("symmetry-lab-layer-{}", k + 1)} what={format!("feature maps of layer {}", k + 1)} />
        </section>
    }
}
