//! The model picker: architecture presets that spell out the blueprint,
//! padding, where the filters come from, the pooling, and the seed. Below it,
//! the model as a chain of blueprint blocks and the first layer's filters.

use super::reducer::Action;
use super::state::ImageLabState;
use crate::app::widgets::feature_grid::FeatureGrid;
use crate::app::widgets::heatmap::Plane;
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::Padding;
use crate::engine::layers::orient_pool::OrientReduce;
use crate::engine::layers::pool::PoolMode;
use crate::engine::model::Model;
use crate::engine::models::filters::FilterSource;
use crate::engine::models::image::{ImageArch, ImageModelConfig};
use crate::engine::planes::split_planes;
use crate::viz::colormap::{range, Scale};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub cfg: ImageModelConfig,
    pub model: Rc<Model>,
    pub dispatch: UseReducerDispatcher<ImageLabState>,
}

/// The blueprint family of a layer kind, for colouring.
pub fn family(kind: &str) -> &'static str {
    match kind {
        "conv2d" | "lift_p4" | "gconv_p4" | "lift_p4m" | "gconv_p4m" => "bp-linear",
        "relu" | "tanh" => "bp-nonlin",
        "maxpool" | "avgpool" | "blurpool" | "orient_pool" => "bp-pool",
        "gap" | "gmp" => "bp-global",
        _ => "bp-head",
    }
}

fn select<T: Copy + 'static>(
    label: &'static str,
    options: Vec<(T, &'static str, &'static str)>,
    current: &'static str,
    cfg: ImageModelConfig,
    set: fn(&mut ImageModelConfig, T),
    dispatch: &UseReducerDispatcher<ImageLabState>,
) -> Html {
    let d = dispatch.clone();
    let opts = options.clone();
    let onchange = Callback::from(move |e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        if let Some((v, _, _)) = opts.iter().find(|(_, name, _)| *name == s.value()) {
            let mut c = cfg;
            set(&mut c, *v);
            d.dispatch(Action::SetModel(c));
        }
    });
    html! {
        <label class="field">{ label }
            <select {onchange}>
                { for options.iter().map(|(_, name, title)| html! { <option value={*name} selected={*name == current}>{ *title }</option> }) }
            </select>
        </label>
    }
}

/// How many maps a group CNN computes per layer, and why p4m has fewer channels.
fn channels_note(cfg: &ImageModelConfig) -> String {
    let g = cfg.arch.group().order();
    let maps = cfg.channels * g;
    match cfg.arch {
        ImageArch::P4mCnn => format!(
            "{} channels × {g} orientations = {maps} maps per layer. p4mcnn uses half the channels of p4cnn (8 × 4 = 32), so both cost about the same.",
            cfg.channels
        ),
        _ => format!("{} channels × {g} orientations = {maps} maps per layer.", cfg.channels),
    }
}

#[component]
pub fn ModelPanel(p: &ModelPanelProps) -> Html {
    let cfg = p.cfg;
    let d = &p.dispatch;
    let arch = select(
        "Model",
        ImageArch::ALL.iter().map(|a| (*a, a.name(), a.name())).collect(),
        cfg.arch.name(),
        cfg,
        |c, v| {
            c.arch = v;
            c.channels = v.default_channels();
        },
        d,
    );
    let group = cfg.arch.group();
    let orient = select(
        "Orientation pooling",
        vec![
            (OrientReduce::Max, "max", "max over orientations"),
            (OrientReduce::Mean, "mean", "mean over orientations"),
        ],
        cfg.orient.name(),
        cfg,
        |c, v| c.orient = v,
        d,
    );
    let pad = select(
        "Padding",
        vec![(Padding::Circular, "circular", "circular (wrap)"), (Padding::Zero, "zero", "zero")],
        cfg.padding.name(),
        cfg,
        |c, v| c.padding = v,
        d,
    );
    let filters = select(
        "Filters",
        vec![
            (FilterSource::Random, "random", "random (from the seed)"),
            (FilterSource::HandMade, "handmade", "hand-made (edges, blobs)"),
            (FilterSource::Symmetric, "symmetric", "symmetric under D4"),
        ],
        cfg.filters.name(),
        cfg,
        |c, v| c.filters = v,
        d,
    );
    let pool = select(
        "Pooling",
        vec![
            (PoolMode::Max, "max", "max 2×2"),
            (PoolMode::Mean, "avg", "average 2×2"),
            (PoolMode::Blur, "blur", "blurred (anti-aliased)"),
        ],
        crate::io::image_settings::pool_name(cfg.pool),
        cfg,
        |c, v| c.pool = v,
        d,
    );
    let on_seed = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(seed) = v.value().parse::<u32>() {
                d.dispatch(Action::SetModel(ImageModelConfig { seed: seed as u64, ..cfg }));
            }
        })
    };
    let filter_planes: Vec<Plane> = p
        .model
        .layers
        .first()
        .and_then(|l| l.params().into_iter().find(|q| q.name == "weight"))
        .map(|w| split_planes(&w.value).into_iter().map(|a| Plane(Rc::new(a))).collect())
        .unwrap_or_default();
    let (lo, hi) = range(filter_planes.iter().flat_map(|q| q.0.iter()));
    let filter_scale = Scale::for_range(lo.min(-1e-6), hi);
    html! {
        <div class="panel model-panel">
            <h2 class="panel-title">{ "Network" }</h2>
            <p class="muted">{ cfg.arch.summary() }</p>
            if group != GridGroup::Trivial {
                <p class="channels-note" data-testid="channels-note">{ channels_note(&cfg) }</p>
            }
            <div class="fields">
                { arch }{ pad }{ filters }{ pool }
                if group != GridGroup::Trivial { { orient } }
                <label class="field">{ "Seed" }
                    <input type="number" min="0" max="4294967295" value={cfg.seed.to_string()} onchange={on_seed} />
                </label>
            </div>
            <ol class="chain" aria-label="the layers of the network">
                { for p.model.layers.iter().enumerate().map(|(k, l)| html! {
                    <li class={classes!("chain-block", family(l.kind()))}>
                        <a href={format!("#layer-{k}")} onclick={Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("layer-{k}"))) {
                                el.scroll_into_view();
                            }
                        })}>{ l.kind() }</a>
                    </li>
                }) }
            </ol>
            if group == GridGroup::Trivial {
                <div class="filter-bank">
                    <h3>{ "Layer 1 filters (3×3)" }</h3>
                    <FeatureGrid planes={filter_planes} scale={filter_scale} title="filter" columns={8} />
                </div>
            } else {
                <p class="muted small">{ "The filter banks (each learned filter with its moved copies) are shown beside the lifting and the group convolution below." }</p>
            }
        </div>
    }
}
