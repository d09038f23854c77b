//! The DNA lab (`#/dna`): type, paste or load a sequence, pick a reverse
//! complement and/or cyclic shift, a plain or an RC-equivariant network, and
//! compare both pipelines layer by layer as activation tracks along the strand.

mod explain;
mod input_panel;
mod layer_row;
mod model_panel;
mod palindrome;
mod reduce;
mod shared;
mod state;
mod strand_view;
mod transform_bar;
mod views;

use crate::app::share::{self, Pipes};
use crate::app::url;
use crate::app::widgets::alert::{Alert, Notice};
use crate::app::widgets::bar_chart::{BarChart, Series};
use crate::app::widgets::compute_time::ComputeTime;
use crate::app::widgets::layer_check::{human_number, LayerCheckProps};
use crate::app::widgets::share_bar::ShareBar;
use crate::engine::pipelines::strand::Update;
use crate::io::dna_link;
use crate::io::dna_presets;
use crate::io::dna_settings;
use crate::viz::bars::{COLOR_GX, COLOR_X};
use input_panel::InputPanel;
use layer_row::LayerRow;
use model_panel::ModelPanel;
use palindrome::Palindrome;
use state::{Action, DnaLabState, Source};
use std::rc::Rc;
use strand_view::StrandPanel;
use transform_bar::TransformBar;
use yew::prelude::*;

/// `100000` as `100,000`.
pub(super) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn update_text(u: &Update, l: usize) -> String {
    match u {
        Update::Full => format!("both pipelines, all {} positions", thousands(l)),
        Update::Transformed => "only the g·x pipeline (new g)".into(),
        Update::Window { edit, positions, of, ends } => {
            let mut s = format!(
                "edit of bases {}–{}: each strand layer recomputed only {} of {} positions",
                thousands(edit.start + 1),
                thousands(edit.end),
                thousands(*positions),
                thousands(*of)
            );
            if *ends {
                s.push_str(" (near an end of the strand some layers were rerun whole: the padding matters there)");
            }
            s
        }
    }
}

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

    let (p, model, window) = (state.pipelines.clone(), state.model.clone(), state.window);
    let views = use_memo((state.revision, window), move |_| {
        p.read(|p| views::layer_views(&model, p, window)).unwrap_or_default()
    });
    // The strands are drawn from the start of a long run (its inputs are
    // known), while the layers wait for it.
    let (p, running) = (state.pipelines.clone(), state.running.clone());
    let pictures = use_memo((state.revision, window, running.is_some()), move |_| {
        let draw = |x: &_, gx: &_| (strand_view::picture(x, window), strand_view::picture(gx, window));
        p.read(|p| draw(&p.x, &p.gx)).or_else(|| running.read(|r| draw(r.inputs().0, r.inputs().1)))
    });

    let d = state.dispatcher();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissError));
    let l = state.seq.len();
    let checks = state.pipelines.read(|p| p.checks.clone()).unwrap_or_default();
    let last = checks.last();
    let scores = state
        .pipelines
        .read(|p| {
            let (fx, fgx) = (p.trace_x.last()?, p.trace_gx.last()?);
            (fx.data.ndim() == 1).then(|| {
                let n = fx.data.len();
                let labels =
                    if n == 1 { vec!["score".to_string()] } else { (1..=n).map(|i| format!("score {i}")).collect() };
                let series = vec![
                    Series { name: "score of x".into(), values: fx.data.iter().copied().collect(), color: COLOR_X },
                    Series {
                        name: "score of g·x".into(), values: fgx.data.iter().copied().collect(), color: COLOR_GX
                    },
                ];
                (labels, series)
            })
        })
        .flatten();
    let suggestion = match &state.source {
        Source::Preset(name) => dna_presets::find(name).and_then(|p| p.motif),
        _ => None,
    };

    let export = {
        let state = state.clone();
        Callback::from(move |()| {
            state.pipelines.read(|p| {
                let pipes = Pipes {
                    input: &p.x,
                    transformed: &p.gx,
                    g: &state.g,
                    model: &state.model,
                    trace_x: &p.trace_x,
                    trace_gx: &p.trace_gx,
                    checks: &p.checks,
                };
                share::export_json("dna", pipes)
            })
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

    html! {
        <section class="page lab dna-lab">
            <div class="lab-intro">
                <h1>{ "DNA: reverse-complement symmetry" }</h1>
                <p class="lead">{ "A double helix can be read from either strand: the other strand is the reverse complement (reversed, A↔T, C↔G) of this one, and both describe the same molecule. Apply rc (and cyclic shifts) to a sequence and follow both pipelines down the network: a plain convolution reads one strand only; filters that come in pairs (w, RC(w)) move with the strand, and pooling over each pair and over positions gives one score for both strands." }</p>
                <ShareBar {export} {import} file_name="symmetry-lab-dna.json" title="DNA" {link_note} />
            </div>
            <Alert message={state.error.clone().map(AttrValue::from)} on_dismiss={dismiss} />
            <Notice message={state.notice.clone().map(AttrValue::from)} />
            <div class="lab-top">
                <InputPanel text={state.text.clone()} length={l} source={state.source.clone()} file={state.file.clone()}
                    seed={state.rseed.unwrap_or(state.cfg.seed)} dispatch={state.dispatcher()} />
                <TransformBar g={state.g.clone()} length={l} dispatch={state.dispatcher()} />
                <ModelPanel cfg={state.cfg.clone()} model={Rc::new(state.model.clone())} {suggestion} dispatch={state.dispatcher()} />
            </div>
            if let Some((x, gx)) = (*pictures).clone() {
                <StrandPanel {x} {gx} g_text={state.g.to_string()} window={window} total={l} dispatch={state.dispatcher()} />
            }
            <div class="lab-status">
                if let Some((done, all)) = state.run_progress() {
                    <progress data-testid="dna-progress" max={all.to_string()} value={done.to_string()} aria-label="both pipelines computed so far" />
                    <span class="muted small" data-testid="dna-update">{ {
                        let (k, n) = state.run_layers().unwrap_or((0, 0));
                        format!("Computing both pipelines on {} positions: layer {} of {}…", thousands(l), (k + 1).min(n), n)
                    } }</span>
                } else {
                    <ComputeTime ms={state.compute_ms} />
                    <span class="muted small" data-testid="dna-update">{ format!("Recomputed: {}.", update_text(&state.update, l)) }</span>
                }
                if let Some(c) = last {
                    <span class={classes!("overall", format!("verdict-{}", c.verdict.as_str()))}>
                        { format!("The score is {} under g (invariance error {}).", c.verdict.as_str(), human_number(c.invariance_error)) }
                    </span>
                }
            </div>
            <div class="dna-summary">
                if let Some((labels, series)) = scores {
                    <div class="scores">
                        <h2 class="panel-title">{ "Final score for x and for g·x" }</h2>
                        <BarChart {labels} {series} caption="the network's score for x and for g·x" />
                    </div>
                }
                <Palindrome dispatch={state.dispatcher()} />
            </div>
            <div class="layers">
                { for checks.iter().zip(views.iter()).enumerate().map(|(k, (c, v))| {
                    let previous = k.checked_sub(1).and_then(|j| checks.get(j)).map(|c| c.verdict);
                    let shape = state.pipelines.read(|p| p.trace_x.get(k).map(|t| match t.data.shape() {
                        [c, n] => format!("{c} channels × {} positions", thousands(*n)),
                        s => match s.iter().product::<usize>() {
                            1 => "1 value".to_string(),
                            n => format!("{n} values"),
                        },
                    })).flatten().unwrap_or_default();
                    html! {
                        <LayerRow check={LayerCheckProps::from_check(c)} view={v.clone()} shape={shape}
                            explanation={explain::explain(c, previous, &state.g, &state.cfg, l)} />
                    }
                }) }
            </div>
        </section>
    }
}
