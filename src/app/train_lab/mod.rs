//! The augmentation lab (`#/train`): two linear heads on one fixed body,
//! trained side by side with and without transformed copies of the data, and
//! the invariance error they reach, against an architecture that is
//! invariant by construction. Training runs in ticks of about 12 ms, one per
//! animation frame, so the page never freezes.

mod charts;
mod controls;
mod explain;
mod samples;
mod state;

use crate::app::url;
use crate::app::widgets::alert::Alert;
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::layer_check::{attr_number, LayerCheckProps, LayerCheckReadout};
use crate::engine::train::trainer::{AUGMENTED, PLAIN};
use crate::io::train_settings;
use charts::{Accuracy, Curves, HEAD_NAMES};
use controls::Controls;
use state::{Action, TrainState};
use std::rc::Rc;
use yew::prelude::*;

/// Test samples the per-layer check can be pointed at.
const SAMPLES_SHOWN: usize = 4;

#[component]
pub fn TrainLab() -> Html {
    let state = use_reducer(|| {
        let (settings, errors) = train_settings::read(&url::current_or_default());
        TrainState::new(settings, errors)
    });
    // Mirror the settings into the URL.
    {
        let state = state.clone();
        url::use_url_mirror(state.revision, move |loc| train_settings::write(loc, &state.settings));
    }
    // A pasted link applies its settings.
    {
        let dispatch = state.dispatcher();
        url::use_pasted_links(
            "/train",
            Callback::from(move |loc| {
                let (settings, errors) = train_settings::read(&loc);
                dispatch.dispatch(Action::Apply(settings, errors));
            }),
        );
    }
    // One training tick per animation frame while running.
    {
        let dispatch = state.dispatcher();
        use_effect_with((state.tick, state.running), move |(_, running)| {
            let frame =
                running.then(|| gloo::render::request_animation_frame(move |_| dispatch.dispatch(Action::Tick)));
            move || drop(frame)
        });
    }

    let (history, rows, prepared) = {
        let t = state.trainer.clone();
        let tick = state.tick;
        let history = use_memo(tick, |_| Rc::new(t.as_ref().map(|t| t.borrow().history.clone()).unwrap_or_default()));
        let t2 = state.trainer.clone();
        let rows = use_memo(state.trainer.as_ref().map(|t| Rc::as_ptr(t) as usize), move |_| {
            Rc::new(t2.as_ref().map(|t| samples::rows(&t.borrow())).unwrap_or_default())
        });
        let prepared = state.trainer.as_ref().map_or((0, 0), |t| t.borrow().prepared());
        ((*history).clone(), (*rows).clone(), prepared)
    };
    let last = history.last().copied();
    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let g = state.settings.g.to_string();
    let epochs = state.epochs();
    let head = state.head();

    html! {
        <section class="page lab train-lab" aria-labelledby="train-title">
            <div class="lab-intro">
                <h1 id="train-title">{ "Data augmentation" }</h1>
                <p class="lead">{ "Instead of building a symmetry into the layers, show the network transformed copies of its data. Two linear heads learn to tell the letters F, L, P and T apart from the same fixed features: the plain head sees each training letter once, the augmented head also sees its copies. Then both are tested on letters moved by g." }</p>
            </div>
            <Alert message={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} />
            <div class="panel">
                <h2 class="panel-title">{ "The run" }</h2>
                <Controls state={state.clone()} />
                <div class="lab-status">
                    <span data-testid="train-progress" data-epoch={epochs.to_string()} data-ready={state.ready().to_string()} data-running={state.running.to_string()} aria-live="polite">
                        { if state.ready() { format!("epoch {epochs}") } else { format!("features {} / {}", prepared.0, prepared.1) } }
                        if state.running && state.ready() { { format!(" → {}", state.stop_at) } }
                    </span>
                    <progress max={state.stop_at.max(1).to_string()} value={epochs.min(state.stop_at.max(1)).to_string()} aria-label="Training progress" />
                    <ComputeTime ms={state.compute_ms} />
                    <span class="muted">{ format!("longest tick {:.1} ms", state.longest_ms) }</span>
                </div>
            </div>
            if let Some(s) = last {
                <div class="panel train-results">
                    <h2 class="panel-title">{ format!("After {} epochs", s.epoch) }</h2>
                    <table class="head-table">
                        <thead><tr><th>{ "head" }</th><th>{ "loss" }</th><th>{ "accuracy on x" }</th><th>{ "accuracy on g·x" }</th><th>{ "invariance error under g" }</th></tr></thead>
                        <tbody>
                            { for [PLAIN, AUGMENTED].into_iter().map(|k| html! {
                                <tr data-testid="head-stats" data-head={if k == PLAIN { "plain" } else { "augmented" }}
                                    data-loss={format!("{}", s.loss[k])} data-acc-x={format!("{}", s.acc_x[k])} data-acc-gx={format!("{}", s.acc_gx[k])}
                                    data-invariance-error={attr_number(s.invariance[k])}>
                                    <th scope="row"><span class={classes!("swatch", if k == PLAIN { "plain" } else { "augmented" })}></span>{ HEAD_NAMES[k] }</th>
                                    <td>{ format!("{:.3}", s.loss[k]) }</td>
                                    <td>{ format!("{:.0}%", 100.0 * s.acc_x[k]) }</td>
                                    <td>{ format!("{:.0}%", 100.0 * s.acc_gx[k]) }</td>
                                    <td>{ crate::app::widgets::layer_check::human_number(s.invariance[k]) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p class="train-verdict" aria-live="polite">{ explain::verdict_text(&s, state.settings.arch, state.settings.copies_used()) }</p>
                    <div class="train-charts">
                        <Curves history={history.clone()} g={g.clone()} />
                        <div>
                            <h3 class="chart-title">{ "Test accuracy" }</h3>
                            <Accuracy last={last} />
                        </div>
                    </div>
                </div>
            }
            <div class="train-bottom">
                <div class="panel">
                    <h2 class="panel-title">{ "Training letters and their copies" }</h2>
                    <samples::Samples rows={rows} />
                </div>
                <div class="panel">
                    <h2 class="panel-title">{ format!("Per-layer check of body + {}", HEAD_NAMES[head]) }</h2>
                    <div class="tools" role="group" aria-label="Test letter to check">
                        { for (0..SAMPLES_SHOWN).map(|i| {
                            let d = state.dispatcher();
                            html! { <button type="button" aria-pressed={(state.sample == i).to_string()} onclick={Callback::from(move |_| d.dispatch(Action::Sample(i)))}>{ format!("test letter {}", i + 1) }</button> }
                        }) }
                    </div>
                    <div class="train-checks">
                        { for state.report.iter().flat_map(|r| r.checks.iter()).map(|c| html! {
                            <div class="check-row"><span class="check-label">{ c.label.clone() }</span><LayerCheckReadout ..LayerCheckProps::from_check(c) /></div>
                        }) }
                    </div>
                </div>
            </div>
            <explain::Why />
        </section>
    }
}
