//! The DNA lab (`#/dna`): type, paste or load a sequence, pick a reverse
//! complement and/or cyclic shift, a plain or an RC-equivariant network, and
//! compare both pipelines: first in the compare strip (x and g·x in the
//! window on screen, the network's verdict, one layer's four panels), then
//! layer by layer as activation tracks along the strand.

mod explain;
mod input_panel;
mod layer_row;
mod model_panel;
mod palindrome;
mod reducer;
mod shared_slot;
mod state;
mod status;
mod strand_picture;
mod strand_strip;
mod strand_view;
mod strip;
mod transform_bar;
mod views;

use crate::app::share::{self, Ran};
use crate::app::url;
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::compare_strip::{default_layer, CompareStrip};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::lab_frame::LabFrame;
use crate::app::widgets::layer_check::LayerCheckProps;
use crate::app::widgets::share_bar::ShareBarProps;
use crate::io::dna_link;
use crate::io::dna_presets;
use crate::io::dna_settings;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use input_panel::InputPanel;
use layer_row::LayerRow;
use model_panel::{pass_through_layer, ModelPanel};
use palindrome::Palindrome;
use state::{Action, DnaLabState, Source};
use status::thousands;
use std::rc::Rc;
use strand_view::{StrandPanel, WindowBar};
use transform_bar::TransformBar;
use yew::prelude::*;

#[component]
pub fn DnaLab() -> Html {
    let state = use_reducer(|| {
        let (settings, errors) = dna_settings::read(&url::current_or_default());
        DnaLabState::new(settings, errors)
    });

    // Mirror the state into the URL, so a copied link reproduces the view.
    {
        let state = state.clone();
        url::use_url_mirror(state.revision, move |loc| dna_settings::write(loc, &state.settings()));
    }
    // A pasted link (hash change) applies its settings, keeping the sequence
    // when the link names none.
    {
        let dispatch = state.dispatcher();
        url::use_pasted_links(
            "/dna",
            Callback::from(move |loc| {
                let (settings, errors) = dna_settings::read(&loc);
                dispatch.dispatch(Action::ApplySettings(settings, errors));
            }),
        );
    }

    // A long strand's full run goes on in slices, one per browser task, so
    // that typing and scrolling stay live while it computes.
    {
        let dispatch = state.dispatcher();
        let running = state.running.is_some();
        use_effect_with(state.slices, move |_| {
            let next =
                running.then(|| gloo::timers::callback::Timeout::new(0, move || dispatch.dispatch(Action::Continue)));
            move || drop(next)
        });
    }

    let pass = pass_through_layer(&state.cfg, &state.model);
    let (p, model, window) = (state.pipelines.clone(), state.model.clone(), state.window);
    // A full run starts without a new revision: its start empties the views
    // (the strip then shows the run's progress, not the old model's panels).
    let views = use_memo((state.revision, window, state.running.is_some()), move |_| {
        p.read(|p| views::layer_views(&model, p, window, pass)).unwrap_or_default()
    });
    // The strands are drawn from the start of a long run (its inputs are
    // known), while the layers wait for it.
    let (p, running) = (state.pipelines.clone(), state.running.clone());
    let pictures = use_memo((state.revision, window, running.is_some()), move |_| {
        let draw = |x: &_, gx: &_| (strand_picture::picture(x, window), strand_picture::picture(gx, window));
        p.read(|p| draw(&p.x, &p.gx)).or_else(|| running.read(|r| draw(r.inputs().0, r.inputs().1)))
    });

    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let l = state.seq.len();
    let checks = state.pipelines.read(|p| p.checks.clone()).unwrap_or_default();
    // The layers' readouts, saying what a motif model's second conv is.
    let layers: Vec<LayerCheckProps> = checks
        .iter()
        .map(|c| {
            let mut props = LayerCheckProps::from_check(c);
            if pass == Some(c.index) {
                props.label = format!("{}: a pass-through (copies each channel)", props.label).into();
            }
            props
        })
        .collect();
    let shown = state.shown.unwrap_or_else(|| default_layer(&layers)).min(layers.len().saturating_sub(1));
    let strip_view = use_memo((views.clone(), shown), |(views, k)| views.get(*k).map(|v| strip::panels(v, *k)));
    let head_scores = state
        .pipelines
        .read(|p| {
            let (fx, fgx) = (p.trace_x.last()?, p.trace_gx.last()?);
            (fx.data.ndim() == 1).then(|| (fx.data.iter().copied().collect(), fgx.data.iter().copied().collect()))
        })
        .flatten();
    let scores = head_scores.clone().map(|(sx, sgx): (Vec<f32>, Vec<f32>)| {
        let n = sx.len();
        let labels = if n == 1 { vec!["score".to_string()] } else { (1..=n).map(|i| format!("score {i}")).collect() };
        let series = vec![
            Series { name: "score of x".into(), values: sx, color: COLOR_X },
            Series { name: "score of g·x".into(), values: sgx, color: COLOR_GX },
        ];
        (labels, series)
    });
    let suggestion = match &state.source {
        Source::Preset(name) => dna_presets::find(name).and_then(|p| p.motif),
        _ => None,
    };

    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            state
                .pipelines
                .read(|p| share::export_json("dna", p, Ran { g: &state.g, model: &state.model, model_gx: None }))
        })
    };
    let import = {
        let d = state.dispatcher();
        share::importer(Callback::from(move |e| d.dispatch(Action::Refuse(e))))
    };
    let link_note = {
        let (seq, preset) = (state.seq.clone(), matches!(state.source, Source::Preset(_)));
        (*use_memo((state.revision, preset), move |(_, preset)| {
            (!preset).then(|| dna_link::for_link(&seq).err().map(AttrValue::from)).flatten()
        }))
        .clone()
    };

    let g_text = state.g.to_string();
    let (x_view, gx_view) = match (*pictures).clone() {
        Some((x, gx)) => (strand_view::strand_x(x), strand_view::strand_gx(gx, &g_text)),
        None => Default::default(),
    };
    let x_view = html! {
        <>
            <WindowBar window={window} total={l} dispatch={state.dispatcher()} />
            { x_view }
        </>
    };
    let running = state.run_progress().zip(state.run_layers());
    let head_extra = match (running, &head_scores) {
        (Some(((done, all), (k, n))), _) => status::progress(done, all, k, n, l),
        (None, Some((sx, sgx))) if sx.len() == 1 && sgx.len() == 1 => html! {
            <p class="dna-score" data-testid="dna-score">
                <span class="muted">{ "score of x: " }</span><strong>{ format!("{:.3}", sx[0]) }</strong>
                <span class="muted">{ " · score of g·x: " }</span><strong>{ format!("{:.3}", sgx[0]) }</strong>
            </p>
        },
        _ => html! {},
    };
    let empty = match running {
        Some(_) => Some(AttrValue::from(status::running_text(l))),
        None => state.error.clone().map(AttrValue::from),
    };
    let on_show = {
        let d = state.dispatcher();
        Callback::from(move |k: usize| d.dispatch(Action::Show(k)))
    };
    let strip = html! {
        <CompareStrip x={x_view} gx={gx_view} g={g_text.clone()} layers={layers.clone()} selected={shown} on_select={on_show}
            panels={strip_view.as_ref().as_ref().map(|v| v.0.clone()).unwrap_or_default()}
            note={strip_view.as_ref().as_ref().and_then(|v| v.1.clone()).map(AttrValue::from)}
            {head_extra} {empty} />
    };
    let controls = html! {
        <>
            <InputPanel text={state.text.clone()} length={l} source={state.source.clone()} file={state.file.clone()}
                seed={state.rseed.unwrap_or(state.cfg.seed)} dispatch={state.dispatcher()} />
            <TransformBar g={state.g.clone()} length={l} dispatch={state.dispatcher()} />
            <ModelPanel cfg={state.cfg.clone()} model={Rc::new(state.model.clone())} {suggestion} dispatch={state.dispatcher()} />
        </>
    };
    let share =
        ShareBarProps { export, import, file_name: "symmetry-lab-dna.json".into(), title: "DNA".into(), link_note };

    // The part an embed can show alone (`view=tracks`): x and g·x as one-hot tracks.
    let strands =
        (*pictures).clone().map(|(x, gx)| html! { <StrandPanel {x} {gx} g_text={g_text.clone()} window={window} /> });
    let parts = vec![("tracks", strands.clone().unwrap_or_default())];
    let question = format!("{}|{}|{:?}", state.g, state.revision, state.cfg);

    html! {
        <LabFrame class="dna-lab" title="DNA: reverse-complement symmetry" views={parts} {question}
            lead="Apply rc (read the other strand) or a cyclic shift to a sequence, and compare the network on x and on g·x: paired filters (w, RC(w)) move with the strand and give one score for both strands."
            {share} error={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} notice={state.notice.clone().map(AttrValue::from)}
            {controls} {strip} collapse_narrow=true>
            if running.is_none() {
                <div class="lab-status">
                    <ComputeTime ms={state.compute_ms} />
                    <span class="muted small" data-testid="dna-update">{ format!("Recomputed: {}.", status::update_text(&state.update, l)) }</span>
                </div>
            }
            { strands.unwrap_or_default() }
            <p class="dna-about">{ "A double helix can be read from either strand: the other strand is the reverse complement (reversed, A↔T, C↔G) of this one, and both describe the same molecule. A plain convolution reads one strand only; filters that come in pairs (w, RC(w)) move with the strand, and pooling over each pair and over positions gives one score for both strands." }</p>
            <div class="dna-summary">
                if let Some((labels, series)) = scores {
                    <div class="scores">
                        <h2 class="panel-title">{ "Final score for x and for g·x" }</h2>
                        <BarChart {labels} {series} caption="the network's score for x and for g·x" />
                    </div>
                }
                <Palindrome dispatch={state.dispatcher()} />
            </div>
            <h2 class="sr-only" id="layers-title">{ "Layer by layer" }</h2>
            <div class="layers">
                { for checks.iter().zip(views.iter()).zip(layers.iter()).enumerate().map(|(k, ((c, v), props))| {
                    let cx = explain::Context {
                        previous: k.checked_sub(1).and_then(|j| checks.get(j)).map(|c| c.verdict),
                        g: &state.g,
                        cfg: &state.cfg,
                        length: l,
                        first_conv: !state.model.layers.iter().take(k).any(|l| matches!(l.kind(), "conv1d" | "rc_conv1d")),
                        pass_through: pass == Some(k),
                    };
                    let shape = state.pipelines.read(|p| p.trace_x.get(k).map(|t| match t.data.shape() {
                        [c, n] => format!("{c} channels × {} positions", thousands(*n)),
                        s => match s.iter().product::<usize>() {
                            1 => "1 value".to_string(),
                            n => format!("{n} values"),
                        },
                    })).flatten().unwrap_or_default();
                    html! {
                        <LayerRow check={props.clone()} view={v.clone()} shape={shape}
                            explanation={explain::explain(c, &cx)} />
                    }
                }) }
            </div>
        </LabFrame>
    }
}
