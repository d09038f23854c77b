//! The sequence lab (`#/sequence`): draw or pick a signal over time, delay
//! it inside its left padding or stretch its clock, and compare a plain RNN,
//! a gated RNN and an LSTM (claims S1 and S2). The lab frame holds the
//! controls in its side bar and the compare strip on top (x, g·x, the
//! model's verdict, one layer in detail); below it, every model's checks,
//! the hidden states over time with a step-through cursor shared by every
//! time view (the strip's too), and the two sweeps.

mod charts;
mod explain;
mod input_panel;
mod model_checks;
mod model_panel;
mod player;
mod reducer;
pub(crate) mod spark;
mod state;
mod states_panel;
mod strip;
mod sweeps;
mod transform_bar;
mod views;

use crate::app::share::{self, Ran};
use crate::app::url;
use crate::app::widgets::compare_strip::{default_layer, CompareStrip};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::lab_frame::LabFrame;
use crate::app::widgets::layer_check::LayerCheckProps;
use crate::app::widgets::share_bar::ShareBarProps;
use crate::engine::analysis::sequence::warp_factors;
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::{models_for, time_scale, SequenceArch, SequenceModelConfig};
use crate::io::sequence_presets::pad_left;
use crate::io::sequence_settings;
use charts::{S1Panel, S2Panel};
use input_panel::InputPanel;
use model_checks::ModelChecks;
use model_panel::ModelPanel;
use player::{use_playback, Player, PlayerBar};
use reducer::Action;
use state::SeqLabState;
use states_panel::StatesPanel;
use std::rc::Rc;
use strip::{Cursors, ModelSwitch};
use sweeps::{paddings, run_sliced, s1_tasks, s2_tasks, Chart, SweepPiece};
use transform_bar::TransformBar;
use yew::prelude::*;

/// Start the sweep of `chart` whenever its key changes; a newer key cancels
/// the running one.
#[hook]
fn use_sweep(state: &UseReducerHandle<SeqLabState>, chart: Chart) {
    let key = if chart == Chart::S1 { state.s1_key } else { state.s2_key };
    let state = state.clone();
    use_effect_with(key, move |&key| {
        let d = state.dispatcher();
        let deliver = Callback::from(move |piece: SweepPiece| d.dispatch(Action::Sweep(piece)));
        let tasks = match chart {
            Chart::S1 => s1_tasks(state.cfg, state.input.clone(), state.s1_delay(), &paddings(state.pad.max(128))),
            Chart::S2 => s2_tasks(state.cfg, Rc::new(pad_left(&state.input, state.pad)), s2_max_factor(&state)),
        };
        let cancel = run_sliced(chart, key, tasks, deliver);
        move || cancel.set(true)
    });
}

/// The largest warp factor the S2 chart computes for the current input
/// (longer runs are skipped, see `sequence_settings::max_warp`).
fn s2_max_factor(state: &SeqLabState) -> f32 {
    let t = state.input.shape()[0] + state.pad;
    sequence_settings::max_warp(t, &warp_factors(sweeps::S2_FACTORS)).unwrap_or(0.0)
}

#[component]
pub fn SequenceLab() -> Html {
    let state = use_reducer(|| {
        let (settings, errors) = sequence_settings::read(&url::current_or_default());
        SeqLabState::new(settings, errors)
    });
    // Mirror the state into the URL, so a copied link reproduces the view
    // (a drawn signal too, as `curve=`, unless it is too long for a link).
    let too_long = use_state_eq(|| false);
    {
        let (state, too_long) = (state.clone(), too_long.clone());
        url::use_url_mirror(state.revision, move |loc| {
            let settings = state.settings();
            sequence_settings::write(loc, &settings);
            too_long.set(settings.curve.is_some() && loc.get("curve").is_none());
        });
    }
    // A pasted link (hash change) applies its settings, keeping the drawing
    // when the link names no preset.
    {
        let dispatch = state.dispatcher();
        url::use_pasted_links(
            "/sequence",
            Callback::from(move |loc| {
                let (settings, errors) = sequence_settings::read(&loc);
                dispatch.dispatch(Action::ApplySettings(settings, errors));
            }),
        );
    }
    use_sweep(&state, Chart::S1);
    use_sweep(&state, Chart::S2);

    let views = {
        let (runs, g, pad, arch) = (state.runs.clone(), state.g.clone(), state.pad, state.cfg.arch);
        use_memo((state.runs_rev, arch), move |_| runs.as_ref().and_then(|r| views::time_views(r, arch, &g, pad)))
    };
    let len = views.as_ref().as_ref().map_or(1, |v| v.t_gx.max(1));
    let player = use_reducer(Player::default);
    use_playback(&player, len);
    let on_pick = {
        let (d, cfg) = (state.dispatcher(), state.cfg);
        use_callback(cfg, move |arch: SequenceArch, cfg| {
            d.dispatch(Action::SetModel(SequenceModelConfig { arch, ..*cfg }))
        })
    };

    // The cursor: step s of g·x, and the same instant on x's clocks.
    let s = player.step.min(len - 1);
    let u_x = time_axis::backward(&state.g, s as f64 + 1.0);
    let t_x = views.as_ref().as_ref().map_or(1, |v| v.t_x.max(1));
    let cursor_x = (u_x > 0.0).then(|| (u_x - 0.5) / t_x as f64);
    let u_user = u_x - state.pad as f64;
    let cursor_beats = (u_user > 0.0).then(|| (u_user - 0.5) / state.sampling.rate.max(1e-6) as f64);
    let at = |u: f64| if (u - u.round()).abs() < 1e-9 { format!("{u:.0}") } else { format!("{u:.2}") };
    let where_text = if u_x <= 0.0 {
        "of g·x: inside the delay, before x begins".to_string()
    } else if u_user <= 0.0 {
        format!("of g·x, the same instant as step {} of x: inside the left padding", at(u_x))
    } else {
        format!(
            "of g·x, the same instant as step {} of x ({:.2} beats into the signal)",
            at(u_x),
            u_user / state.sampling.rate.max(1e-6) as f64
        )
    };

    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let measured: Vec<_> = state
        .runs
        .as_ref()
        .map(|r| {
            r.models
                .iter()
                .filter_map(|m| {
                    let c = m.report.checks.first()?;
                    Some((m.arch, c.verdict, c.equivariance_error.unwrap_or(c.invariance_error)))
                })
                .collect()
        })
        .unwrap_or_default();
    let finals: Vec<_> = state
        .runs
        .as_ref()
        .map(|r| r.models.iter().filter_map(|m| Some((m.arch, m.report.checks.last()?.verdict))).collect())
        .unwrap_or_default();
    let factor = time_axis::has_warp(&state.g).then(|| time_scale(&state.g));

    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            let run = state.active()?;
            // The model of x; with gate rescaling the g·x pipeline ran slowed-down gates (see the README).
            let (model, model_gx) = models_for(&state.cfg, &state.g);
            let r = &run.report;
            Some(share::export_json("sequence", r, Ran { g: &state.g, model: &model, model_gx: Some(&model_gx) }))
        })
    };
    let import = {
        let d = state.dispatcher();
        share::importer(Callback::from(move |e| d.dispatch(Action::Refuse(e))))
    };
    let link_note = too_long.then(|| {
        AttrValue::from("Your drawn signal is too long for a link: the link holds the settings only; Export JSON keeps the drawn signal and every state.")
    });
    let share = ShareBarProps {
        export,
        import,
        file_name: "symmetry-lab-sequence.json".into(),
        title: "sequences".into(),
        link_note,
    };

    // The compare strip: the active model's layers, one of them in detail.
    let layers: Vec<LayerCheckProps> =
        state.active().map(|r| r.report.checks.iter().map(LayerCheckProps::from_check).collect()).unwrap_or_default();
    let shown = state.shown.unwrap_or_else(|| default_layer(&layers)).min(layers.len().saturating_sub(1));
    let strip_data = {
        let (runs, g, pad, arch) = (state.runs.clone(), state.g.clone(), state.pad, state.cfg.arch);
        use_memo((state.runs_rev, arch, shown), move |_| {
            runs.as_ref().and_then(|r| strip::strip_data(r, arch, &g, pad, shown))
        })
    };
    let cursors = Cursors { x: (u_x > 0.0).then_some(u_x), gx: s as f64 + 1.0 };
    let slowed = strip::slowed_words(&state.cfg, &state.g);
    let (x_view, gx_view, panels, note) = match strip_data.as_ref() {
        Some(d) => {
            let (x, gx) = strip::inputs(d, cursors);
            let (panels, note) = strip::panels(d, cursors, slowed.is_some());
            let note = match (&slowed, note) {
                (Some(w), Some(n)) => Some(format!("{w} {n}")),
                (w, n) => w.clone().or(n),
            };
            (x, gx, panels, note)
        }
        None => (html! {}, html! {}, vec![], None),
    };
    let on_show = {
        let d = state.dispatcher();
        Callback::from(move |k: usize| d.dispatch(Action::Show(k)))
    };
    let head_extra = html! { <ModelSwitch finals={finals} active={state.cfg.arch} on_pick={on_pick.clone()} /> };
    let strip = html! {
        <CompareStrip x={x_view} gx={gx_view} g={state.g.to_string()} {layers} selected={shown} on_select={on_show}
            {panels} note={note.map(AttrValue::from)} {head_extra} empty={state.error.clone().map(AttrValue::from)} />
    };
    let controls = html! {
        <>
            <InputPanel input={state.input.clone()} input_rev={state.input_rev} source={state.source.clone()} sampling={state.sampling}
                pad={state.pad} can_undo={state.can_undo()} cursor={cursor_beats} dispatch={state.dispatcher()} />
            <TransformBar g={state.g.clone()} dispatch={state.dispatcher()} />
            <ModelPanel cfg={state.cfg} dispatch={state.dispatcher()} />
        </>
    };

    html! {
        <LabFrame class="sequence-lab" title="Sequences: RNNs, delays and time warping" question={format!("{}|{}|{:?}", state.g, state.revision, state.cfg)}
            lead="Delay a signal inside its left padding, or play it A times slower, and compare a plain RNN, a gated RNN and an LSTM: which states move with the input, which final states stay put, and why only a gate can follow a change of speed."
            {share} error={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} {controls} {strip}>
            <div class="lab-status">
                <ComputeTime ms={state.compute_ms} />
                // The first run also pays for compiling the WebAssembly it touches:
                // only later runs say whether a setting is heavy.
                if state.compute_ms > 16.0 && state.runs_rev > 1 {
                    <span class="heavy" role="status">{ format!("Heavy setting: {:.0} ms per recompute (a frame is 16 ms). Fewer units, a shorter signal or a smaller warp keep drawing smooth.", state.compute_ms) }</span>
                }
            </div>
            if let Some(runs) = state.runs.clone() {
                <h2 class="section-title">{ "Checks for each model" }</h2>
                <ModelChecks {runs} runs_rev={state.runs_rev} g={state.g.clone()} cfg={state.cfg} {on_pick} />
            }
            <PlayerBar player={*player} {len} where_text={where_text} dispatch={player.dispatcher()} />
            if let Some(v) = (*views).clone() {
                <StatesPanel views={v} model={state.cfg.arch.name()} cursor_x={cursor_x}
                    cursor_gx={(s as f64 + 0.5) / len as f64} cursor_step={s as f64 + 1.0}
                    delay={time_axis::has_delay(&state.g)} pad={state.pad} />
            }
            <div class="seq-charts">
                <S1Panel sweep={state.s1.clone()} cfg={state.cfg} pad={state.pad} delay={state.s1_delay()}
                    g_has_delay={time_axis::has_delay(&state.g)} steps={state.input.shape()[0]} />
                <S2Panel sweep={state.s2.clone()} cfg={state.cfg} {factor} {measured} max_factor={s2_max_factor(&state)} />
            </div>
        </LabFrame>
    }
}
