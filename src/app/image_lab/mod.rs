//! The image lab (`#/image`): draw or load a picture, pick a transformation
//! and a network, and compare both pipelines layer by layer.

mod draw_panel;
mod explain;
mod layer_row;
mod model_panel;
mod receptive;
mod state;
mod transform_bar;
mod views;

use crate::app::url;
use crate::app::widgets::alert::{Alert, Notice};
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::heatmap::Plane;
use crate::app::widgets::layer_check::{human_number, LayerCheckProps};
use crate::io::image_settings;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use draw_panel::DrawPanel;
use layer_row::LayerRow;
use model_panel::ModelPanel;
use state::{Action, ImageLabState, Selection, Source};
use std::rc::Rc;
use transform_bar::TransformBar;
use yew::prelude::*;

#[component]
pub fn ImageLab() -> Html {
    let state = use_reducer(|| {
        let (settings, errors) = image_settings::read(&url::current_or_default());
        ImageLabState::new(settings, errors)
    });

    // Mirror the state into the URL, so a copied link reproduces the view.
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let mut loc = url::current_or_default();
            image_settings::write(&mut loc, &state.settings());
            url::replace(&loc);
        });
    }
    // A pasted link (hash change) applies its settings, keeping the drawing
    // when the link names no preset.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    if let Ok(loc) = url::current() {
                        if loc.route == "/image" {
                            let (settings, errors) = image_settings::read(&loc);
                            dispatch.dispatch(Action::ApplySettings(settings, errors));
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }

    let views = {
        let p = state.pipelines.clone();
        use_memo(state.revision, move |_| p.as_ref().map(|p| views::layer_views(p)).unwrap_or_default())
    };
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

    let checks = state.pipelines.as_ref().map(|p| p.checks.clone()).unwrap_or_default();
    let last = checks.last();
    let scores = state.pipelines.as_ref().and_then(|p| {
        let (fx, fgx) = (p.trace_x.last()?, p.trace_gx.last()?);
        (fx.data.ndim() == 1).then(|| {
            let n = fx.data.len();
            (
                (1..=n).map(|i| format!("class {i}")).collect::<Vec<_>>(),
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

    html! {
        <section class="page lab image-lab">
            <div class="lab-intro">
                <h1>{ "Images: shifts, rotations and pooling" }</h1>
                <p class="lead">{ "Draw on the left, choose a transformation g, and follow both pipelines down the network. Each layer shows its output for x and for g·x, the original output moved by g, and the difference: equivariant layers move with the input, invariant ones do not change at all." }</p>
            </div>
            <Alert message={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} />
            <Notice message={state.notice.clone().map(AttrValue::from)} />
            <div class="lab-top">
                <DrawPanel input={(*input_plane).clone()} outlines={outlines.iter().map(|(_, o)| *o).collect::<Vec<_>>()} can_undo={state.can_undo()} source={source} dispatch={state.dispatcher()} />
                <TransformBar g={state.g.clone()} fill={state.fill} gx={gx_plane} dispatch={state.dispatcher()} />
                <ModelPanel cfg={state.cfg} model={model.clone()} dispatch={state.dispatcher()} />
            </div>
            { legend }
            <div class="lab-status">
                <ComputeTime ms={state.compute_ms} />
                if let Some(c) = last {
                    <span class={classes!("overall", format!("verdict-{}", c.verdict.as_str()))}>
                        { format!("The network's output is {} under g (invariance error {}).", c.verdict.as_str(), human_number(c.invariance_error)) }
                    </span>
                }
            </div>
            if let Some((labels, series)) = scores {
                <div class="scores">
                    <h2 class="panel-title">{ "Class scores of the head" }</h2>
                    <BarChart {labels} {series} caption="class scores for x and for g·x" />
                </div>
            }
            <div class="layers">
                { for checks.iter().zip(views.iter()).enumerate().map(|(k, (c, v))| {
                    let previous = k.checked_sub(1).and_then(|j| checks.get(j)).map(|c| c.verdict);
                    let d = state.dispatcher();
                    let on_select = Callback::from(move |(_, row, col): (usize, usize, usize)| d.dispatch(Action::Select(Some(Selection { layer: k, row, col }))));
                    html! {
                        <LayerRow check={LayerCheckProps::from_check(c)} view={v.clone()}
                            explanation={explain::explain(c, previous, &state.g, &state.cfg)}
                            field={receptive::field_text(&model, k)} {on_select} />
                    }
                }) }
            </div>
        </section>
    }
}
