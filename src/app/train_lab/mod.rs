//! The augmentation lab (`#/train`): two linear heads on one fixed body,
//! trained side by side with and without transformed copies of the data, and
//! the invariance error they reach, against an architecture that is
//! invariant by construction. The lab frame holds the run's controls and the
//! test transformation in its side bar; the compare strip checks body +
//! head on one test letter layer by layer (x, g·x, the head's verdict and
//! answer); the run's table and curves, the training letters and every
//! layer's readout follow below. Training runs in ticks of about 12 ms, one
//! per animation frame, so the page never freezes.

mod charts;
mod controls;
mod explain;
mod reducer;
mod samples;
mod state;
mod strip;
mod transform_bar;

use crate::app::share::{self, Ran};
use crate::app::url;
use crate::app::widgets::compare_strip::{default_layer, CompareStrip};
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::app::widgets::lab_frame::LabFrame;
use crate::app::widgets::layer_check::{attr_number, human_number, LayerCheckProps, LayerCheckReadout};
use crate::app::widgets::prediction::Prediction;
use crate::app::widgets::share_bar::ShareBarProps;
use crate::engine::prediction::HeadAnswer;
use crate::engine::space::Signal;
use crate::engine::train::trainer::{Trainer, AUGMENTED, PLAIN};
use crate::engine::train::CLASS_NAMES;
use crate::engine::transform::Transform;
use crate::io::train_settings;
use crate::viz::colormap::{ColorMap, Scale};
use charts::{Accuracy, Curves, HEAD_NAMES};
use controls::Controls;
use explain::RunFacts;
use reducer::Action;
use state::TrainState;
use std::rc::Rc;
use transform_bar::TransformBar;
use yew::prelude::*;

/// A `(1, H, W)` letter as a plane.
fn letter_plane(x: &Signal) -> Option<Plane> {
    let s = x.data.shape();
    let (h, w) = (s[s.len() - 2], s[s.len() - 1]);
    x.data.clone().into_shape_with_order((h, w)).ok().map(|a| Plane(Rc::new(a)))
}

/// `(m, t mod n)`: g's action on an `n × n` picture, when it is a lattice map.
fn normal_form(g: &Transform, n: i64) -> Option<(crate::engine::grid_group::Mat2, (i64, i64))> {
    g.image_normal_form().map(|(m, t)| (m, (t.0.rem_euclid(n), t.1.rem_euclid(n))))
}

/// Whether g is one of the augmentation group's elements, and whether it is the identity.
fn g_facts(t: &Trainer) -> (bool, bool) {
    let n = t.cfg.size.max(16) as i64;
    let Some(nf) = normal_form(&t.cfg.g, n) else { return (false, false) };
    let in_group = t.group.iter().any(|e| normal_form(e, n) == Some(nf));
    let identity = normal_form(&Transform::identity(), n) == Some(nf);
    (in_group, identity)
}

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
    // While running: the next tick at the next animation frame, or, when the
    // learner watches the training, after the pace's time between epochs.
    {
        let dispatch = state.dispatcher();
        let wait = if state.ready() { state.pace.epoch_ms() } else { 0 };
        use_effect_with((state.tick, state.running, wait), move |&(_, running, wait)| {
            let (mut frame, mut timer) = (None, None);
            if running && wait == 0 {
                frame = Some(gloo::render::request_animation_frame(move |_| dispatch.dispatch(Action::Tick)));
            } else if running {
                timer = Some(gloo::timers::callback::Timeout::new(wait, move || dispatch.dispatch(Action::Tick)));
            }
            move || {
                drop(frame);
                drop(timer);
            }
        });
    }

    let (history, rows) = {
        let t = state.trainer.clone();
        let tick = state.tick;
        let history = use_memo(tick, |_| Rc::new(t.as_ref().map(|t| t.borrow().history.clone()).unwrap_or_default()));
        let t2 = state.trainer.clone();
        let rows = use_memo(state.trainer.as_ref().map(|t| Rc::as_ptr(t) as usize), move |_| {
            Rc::new(t2.as_ref().map(|t| samples::rows(&t.borrow())).unwrap_or_default())
        });
        ((*history).clone(), (*rows).clone())
    };
    let last = history.last().copied();
    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let g = state.settings.g.to_string();
    let head = state.head();
    let (g_in_group, g_is_identity) = state.trainer.as_ref().map_or((false, false), |t| g_facts(&t.borrow()));

    // The strip: body + the chosen head on one test letter.
    let report = state.report.clone();
    let checks = report.as_ref().map(|r| r.checks.as_slice()).unwrap_or(&[]);
    let layers: Vec<LayerCheckProps> = checks.iter().map(LayerCheckProps::from_check).collect();
    let shown = state.shown.unwrap_or_else(|| default_layer(&layers)).min(layers.len().saturating_sub(1));
    let pics = {
        let report = report.clone();
        use_memo((state.tick, shown), move |(_, k)| report.as_ref().and_then(|r| strip::layer_pics(r, *k)))
    };
    let (panels, note) = pics.as_ref().as_ref().map(|p| strip::panels(p, shown)).unwrap_or_default();
    // The letter and its moved copy: from the check, or straight from the data while features are prepared.
    let letters = {
        let (t, sample, g) = (state.trainer.clone(), state.sample, state.settings.g.clone());
        let report = report.clone();
        use_memo((state.tick, sample), move |_| match &report {
            Some(r) => (letter_plane(&r.x), letter_plane(&r.gx)),
            None => {
                let x = t.as_ref().and_then(|t| t.borrow().test.images.get(sample).cloned());
                let gx = x.as_ref().and_then(|x| g.act(x).ok());
                (x.as_ref().and_then(letter_plane), gx.as_ref().and_then(letter_plane))
            }
        })
    };
    let ink = Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 };
    let picture = |p: &Option<Plane>, what: &str| match p {
        Some(plane) => {
            html! { <Heatmap plane={plane.clone()} scale={ink} label={what.to_string()} class="input-image" /> }
        }
        None => html! { <p class="no-action-box">{ "no letter yet" }</p> },
    };
    let class = state
        .trainer
        .as_ref()
        .and_then(|t| t.borrow().test.labels.get(state.sample).map(|&c| CLASS_NAMES[c]))
        .unwrap_or("?");
    let x_view = picture(&letters.0, &format!("test letter {} ({class})", state.sample + 1));
    let gx_view = picture(&letters.1, &format!("test letter {} moved by g = {g}", state.sample + 1));
    let answer = report.as_ref().and_then(|r| {
        let (fx, fgx) = (r.trace_x.last()?, r.trace_gx.last()?);
        let (sx, sgx): (Vec<f32>, Vec<f32>) = (fx.data.iter().copied().collect(), fgx.data.iter().copied().collect());
        HeadAnswer::of(&sx, &sgx)
    });
    let epochs = state.epochs();
    let which = format!(
        "{} body + {} after {} epoch{}, test letter {} ({class}).",
        state.settings.arch.name(),
        HEAD_NAMES[head],
        epochs,
        if epochs == 1 { "" } else { "s" },
        state.sample + 1
    );
    let head_extra = html! {
        <div class="train-answer">
            if let Some(answer) = answer {
                <Prediction labels={CLASS_NAMES.iter().map(|c| c.to_string()).collect::<Vec<_>>()} {answer} />
            }
            <p class="muted strip-which">{ which }</p>
        </div>
    };
    let preparing = state.trainer.as_ref().map(|t| {
        let (done, total) = t.borrow().prepared();
        format!("Preparing the features: {done} of {total} letters through the body…")
    });
    let on_show = {
        let d = state.dispatcher();
        Callback::from(move |k: usize| d.dispatch(Action::Show(k)))
    };
    let strip = html! {
        <CompareStrip x={x_view} gx={gx_view} g={g.clone()} {layers} selected={shown} on_select={on_show} {panels}
            note={note.map(AttrValue::from)} {head_extra}
            empty={state.error.clone().or(preparing).map(AttrValue::from)} />
    };

    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            let (r, t) = (state.report.as_ref()?, state.trainer.as_ref()?);
            let model = t.borrow().model(state.head());
            Some(share::export_json("train", r, Ran { g: &state.settings.g, model: &model, model_gx: None }))
        })
    };
    let import = {
        let d = state.dispatcher();
        share::importer(Callback::from(move |e| d.dispatch(Action::Refuse(e))))
    };
    let share = ShareBarProps {
        export,
        import,
        file_name: "symmetry-lab-train.json".into(),
        title: "data augmentation".into(),
        link_note: None,
    };
    let controls = html! {
        <>
            <div class="panel">
                <h2 class="panel-title">{ "The run" }</h2>
                <Controls state={state.clone()} />
            </div>
            <TransformBar state={state.clone()} />
        </>
    };
    let facts = RunFacts {
        arch: state.settings.arch,
        copies: state.settings.copies_used(),
        group: state.settings.group,
        g: &state.settings.g,
        g_in_group,
        g_is_identity,
    };

    html! {
        <LabFrame class="train-lab" title="Data augmentation" question={format!("{:?}|{}", state.settings, state.revision)}
            lead="Instead of building a symmetry into the layers, show the network transformed copies of its data. Two linear heads on one fixed body learn the letters F, L, P and T; the augmented head also sees each letter's copies. Both are tested on letters moved by g."
            {share} error={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} {controls} {strip}>
            if let Some(s) = last {
                <div class="panel train-results">
                    <h2 class="panel-title">{ format!("After {} epochs", s.epoch) }</h2>
                    <div class="table-scroll"><table class="head-table">
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
                                    <td>{ human_number(s.invariance[k]) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table></div>
                    <p class="train-verdict" data-testid="train-summary" aria-live="polite">{ explain::verdict_text(&s, &facts) }</p>
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
                    <h2 class="panel-title">{ format!("Per-layer check of body + {}, test letter {}", HEAD_NAMES[head], state.sample + 1) }</h2>
                    <div class="train-checks">
                        { for checks.iter().map(|c| html! {
                            <div class="check-row"><span class="check-label">{ c.label.clone() }</span><LayerCheckReadout ..LayerCheckProps::from_check(c) /></div>
                        }) }
                    </div>
                </div>
            </div>
            <explain::Why />
        </LabFrame>
    }
}
