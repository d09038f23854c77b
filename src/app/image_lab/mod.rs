//! The image lab (`#/image`): draw or load a picture, pick a transformation
//! and a network, and compare both pipelines layer by layer. With the group
//! CNNs (p4cnn, p4mcnn) it also shows the orientation planes moving around
//! the group, the filter banks, error versus rotation angle, a sweep over the
//! whole group, and how the input size interacts with strided pooling.

mod angle_panel;
mod background;
mod draw_panel;
mod explain;
mod explain_group;
mod filter_bank_view;
mod layer_row;
mod model_panel;
mod next_step;
mod orbit;
mod parity_panel;
mod receptive;
mod reducer;
mod state;
mod strip;
mod sweep_panel;
mod transform_bar;
mod views;

use crate::app::share::{self, Ran};
use crate::app::url;
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::compare_strip::{default_layer, CompareStrip};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::app::widgets::lab_frame::LabFrame;
use crate::app::widgets::layer_check::LayerCheckProps;
use crate::app::widgets::predict::UntilGuessed;
use crate::app::widgets::prediction::{class_labels, Prediction};
use crate::app::widgets::share_bar::ShareBarProps;
use crate::engine::check::LayerCheck;
use crate::engine::prediction::HeadAnswer;
use crate::engine::space::Space;
use crate::io::image_settings;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use crate::viz::colormap::{ColorMap, Scale};
use angle_panel::AnglePanel;
use draw_panel::DrawPanel;
use filter_bank_view::FilterBankView;
use layer_row::LayerRow;
use model_panel::ModelPanel;
use parity_panel::ParityPanel;
use reducer::Action;
use state::{ImageLabState, Selection, Source};
use std::rc::Rc;
use sweep_panel::SweepPanel;
use transform_bar::{rotation_angle, TransformBar};
use views::SharedPipelines;
use yew::prelude::*;

/// Scroll to an element of the page without touching the hash (which holds the state).
fn jump(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
            el.scroll_into_view();
        }
    })
}

#[component]
pub fn ImageLab() -> Html {
    let state = use_reducer(|| {
        let (settings, errors) = image_settings::read(&url::current_or_default());
        ImageLabState::new(settings, errors)
    });

    // Mirror the state into the URL, so a copied link reproduces the view
    // (a drawing too, as `img=`, unless it is too long for a link).
    let too_long = use_state_eq(|| false);
    {
        let (state, too_long) = (state.clone(), too_long.clone());
        url::use_url_mirror(state.revision, move |loc| {
            let settings = state.settings();
            image_settings::write(loc, &settings);
            too_long.set(settings.drawing.is_some() && loc.get("img").is_none());
        });
    }
    // A pasted link (hash change) applies its settings, keeping the drawing
    // when the link names no preset.
    {
        let dispatch = state.dispatcher();
        url::use_pasted_links(
            "/image",
            Callback::from(move |loc| {
                let (settings, errors) = image_settings::read(&loc);
                dispatch.dispatch(Action::ApplySettings(settings, errors));
            }),
        );
    }

    let model = Rc::new(state.model.clone());
    let sides: Vec<usize> = state
        .pipelines
        .as_ref()
        .map(|p| {
            p.trace_x.iter().map(|s| if s.data.ndim() >= 3 { s.data.shape()[s.data.ndim() - 1] } else { 1 }).collect()
        })
        .unwrap_or_default();
    let selection = state.selection.or_else(|| receptive::default_selection(&model, &sides));
    let outlines = selection.map(|s| receptive::outlines(&model, s)).unwrap_or_default();
    let legend = html! {
        <p class="rf-legend" aria-live="polite">
            <span class="muted">{ "Receptive field of the selected unit (click any cell of f(x) to pick another): " }</span>
            { for outlines.iter().map(|(k, o)| html! {
                <span class="legend-item"><span class="swatch outline" style={format!("border-color: {}", o.color)}></span>
                    { format!("layer {}: {}", k + 1, receptive::field_text(&model, *k)) }</span>
            }) }
        </p>
    };

    let source = match &state.source {
        Source::Preset(p) => format!("preset “{p}”"),
        Source::Drawing => "your drawing".to_string(),
        Source::File(name) => format!("file “{name}”"),
    };
    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let input_plane = use_memo(state.input.clone(), |i| Plane(i.clone()));
    let gx_plane = state.pipelines.as_ref().and_then(|p| {
        let d = &p.gx.data;
        let (h, w) = (d.shape()[1], d.shape()[2]);
        d.clone().into_shape_with_order((h, w)).ok().map(|a| Plane(Rc::new(a)))
    });

    // The analyses read the input only when `analysis_rev` moves (never
    // during a stroke), so their props stay equal while the learner draws.
    let raw_x = use_memo(state.analysis_rev, |_| Rc::new(state.input_signal()));
    let net_x = use_memo(state.analysis_rev, |_| Rc::new(state.network_input()));
    // Borrowed, not cloned: every check holds ρ(g)f(x), a copy of its layer.
    let pipelines = state.pipelines.clone();
    let checks: &[LayerCheck] = pipelines.as_ref().map(|p| p.checks.as_slice()).unwrap_or(&[]);
    let scores = state.pipelines.as_ref().and_then(|p| {
        let (fx, fgx) = (p.trace_x.last()?, p.trace_gx.last()?);
        (fx.data.ndim() == 1).then(|| {
            let n = fx.data.len();
            (
                class_labels(&state.cfg, n),
                vec![
                    Series { name: "scores for x".into(), values: fx.data.iter().copied().collect(), color: COLOR_X },
                    Series {
                        name: "scores for g·x".into(),
                        values: fgx.data.iter().copied().collect(),
                        color: COLOR_GX,
                    },
                ],
            )
        })
    });

    let prediction = state.pipelines.as_ref().and_then(|p| {
        let (fx, fgx) = (p.trace_x.last()?, p.trace_gx.last()?);
        if fx.data.ndim() != 1 {
            return None;
        }
        let (sx, sgx): (Vec<f32>, Vec<f32>) = (fx.data.iter().copied().collect(), fgx.data.iter().copied().collect());
        let answer = HeadAnswer::of(&sx, &sgx)?;
        Some((class_labels(&state.cfg, sx.len()), answer))
    });
    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            let p = state.pipelines.as_ref()?;
            Some(share::export_json("image", p, Ran { g: &state.g, model: &state.model, model_gx: None }))
        })
    };
    let import = {
        let d = state.dispatcher();
        share::importer(Callback::from(move |e| d.dispatch(Action::Refuse(e))))
    };
    let link_note = too_long.then(|| {
        AttrValue::from(
            "Your drawing is too large for a link: the link holds the settings only; Export JSON keeps everything.",
        )
    });

    let layers: Vec<LayerCheckProps> = checks.iter().map(LayerCheckProps::from_check).collect();
    let shown = state.shown.unwrap_or_else(|| default_layer(&layers)).min(layers.len().saturating_sub(1));
    let strip_view = use_memo((pipelines.clone().map(SharedPipelines), shown), |(p, k)| {
        p.as_ref().and_then(|p| views::layer_view(&p.0, *k)).map(|v| strip::panels(&v, *k))
    });
    let ink = Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 };
    let x_view =
        html! { <Heatmap plane={(*input_plane).clone()} scale={ink} label="the input x" class="input-image" /> };
    let gx_view = match gx_plane.clone() {
        Some(gx) => html! { <Heatmap plane={gx} scale={ink} label="the transformed input g·x" class="input-image" /> },
        None => html! { <p class="no-action-box">{ "g cannot act on this input" }</p> },
    };
    let on_show = {
        let d = state.dispatcher();
        Callback::from(move |k: usize| d.dispatch(Action::Show(k)))
    };
    let head_extra = prediction.map(|(labels, answer)| html! { <Prediction {labels} {answer} /> }).unwrap_or_default();
    let strip = html! {
        <CompareStrip x={x_view} gx={gx_view} g={state.g.to_string()} {layers} selected={shown} on_select={on_show}
            panels={strip_view.as_ref().as_ref().map(|v| v.0.clone()).unwrap_or_default()}
            note={strip_view.as_ref().as_ref().and_then(|v| v.1.clone()).map(AttrValue::from)}
            {head_extra} empty={state.error.clone().map(AttrValue::from)} />
    };
    let controls = html! {
        <>
            <DrawPanel input={(*input_plane).clone()} outlines={outlines.iter().map(|(_, o)| *o).collect::<Vec<_>>()} can_undo={state.can_undo()} source={source}
                size={state.size()} masked={state.mask} dispatch={state.dispatcher()} />
            <TransformBar g={state.g.clone()} fill={state.fill} mask={state.mask} dispatch={state.dispatcher()} />
            <ModelPanel cfg={state.cfg} model={model.clone()} dispatch={state.dispatcher()} />
        </>
    };
    let share = ShareBarProps {
        export,
        import,
        file_name: "symmetry-lab-image.json".into(),
        title: "images".into(),
        link_note,
    };
    // The parts an embed can show alone (`view=angle`, `view=sweep`).
    let views = vec![
        (
            "angle",
            html! {
                <AnglePanel cfg={state.cfg} x={(*raw_x).clone()} mask={state.mask} analysis_rev={state.analysis_rev} current={rotation_angle(&state.g)} />
            },
        ),
        ("sweep", html! { <SweepPanel cfg={state.cfg} x={(*net_x).clone()} analysis_rev={state.analysis_rev} /> }),
    ];

    html! {
        <LabFrame class="image-lab" title="Images: shifts, rotations and pooling" {views}
            question={format!("{}|{}|{:?}", state.g, state.analysis_rev, state.cfg)}
            lead="Draw or pick a picture, choose a transformation g, and compare the network on x and on g·x: equivariant layers move with the input, invariant ones do not change at all."
            {share} error={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} notice={state.notice.clone().map(AttrValue::from)}
            {controls} {strip}>
            if let Some(step) = next_step::next_step(&state.g, &state.cfg) {
                <aside class="next-step" data-testid="next-step">
                    <span>{ step.text }</span>
                    <button onclick={{
                        let (d, cfg, make) = (state.dispatcher(), state.cfg, step.action);
                        Callback::from(move |_: MouseEvent| d.dispatch(make(&cfg)))
                    }}>{ step.button }</button>
                </aside>
            }
            <div class="lab-status">
                <ComputeTime ms={state.compute_ms} />
            </div>
            if let Some((labels, series)) = scores {
                <UntilGuessed what="The class scores">
                    <div class="scores">
                        <h2 class="panel-title">{ "Class scores of the head" }</h2>
                        <BarChart {labels} {series} caption="class scores for x and for g·x" />
                    </div>
                </UntilGuessed>
            }
            { legend }
            <nav class="jump" aria-label="Jump to">
                <a href="#layers-title" onclick={jump("layers-title")}>{ "Layer by layer" }</a>
                <a href="#angle-title" onclick={jump("angle-title")}>{ "Error versus angle" }</a>
                <a href="#sweep-title" onclick={jump("sweep-title")}>{ "Sweep the group" }</a>
                <a href="#parity-title" onclick={jump("parity-title")}>{ "Input size" }</a>
            </nav>
            <h2 class="sr-only" id="layers-title">{ "Layer by layer" }</h2>
            <div class="layers">
                { for checks.iter().enumerate().map(|(k, c)| {
                    let previous = k.checked_sub(1).and_then(|j| checks.get(j)).map(|c| c.verdict);
                    let d = state.dispatcher();
                    let on_select = Callback::from(move |(_, row, col): (usize, usize, usize)| d.dispatch(Action::Select(Some(Selection { layer: k, row, col }))));
                    let group = pipelines.as_ref().and_then(|p| p.trace_x.get(k)).and_then(|s| match s.space {
                        Space::GroupGrid { group, .. } => Some(group),
                        _ => None,
                    });
                    let motion = group.map(|grp| orbit::motion_of(&state.g, grp));
                    let Some(shared) = pipelines.clone().map(SharedPipelines) else { return html! {} };
                    let bank = matches!(c.kind, "lift_p4" | "gconv_p4" | "lift_p4m" | "gconv_p4m")
                        .then(|| html! { <FilterBankView model={model.clone()} key_cfg={state.cfg} layer={k} /> });
                    html! {
                        <LayerRow check={LayerCheckProps::from_check(c)} pipelines={shared}
                            explanation={explain::explain(c, previous, &state.g, &state.cfg)}
                            field={receptive::field_text(&model, k)} {on_select} {motion} {bank} />
                    }
                }) }
            </div>
            <UntilGuessed what="The error-versus-angle chart, the sweep of the group and the input-size analysis">
                <div class="analysis">
                    <AnglePanel cfg={state.cfg} x={(*raw_x).clone()} mask={state.mask} analysis_rev={state.analysis_rev}
                        current={rotation_angle(&state.g)} />
                    <div class="analysis-side">
                        <SweepPanel cfg={state.cfg} x={(*net_x).clone()} analysis_rev={state.analysis_rev} />
                        <ParityPanel cfg={state.cfg} model={model.clone()} dispatch={state.dispatcher()} />
                    </div>
                </div>
            </UntilGuessed>
        </LabFrame>
    }
}
