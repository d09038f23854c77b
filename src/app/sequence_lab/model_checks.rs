//! The three models side by side, each with its per-layer checks in the
//! shared readout format (the cell's state trajectory, then its final
//! state) and the words that go with the measured verdicts. Picking a card
//! shows that model in the compare strip and the time views.

use super::explain::explain;
use super::state::Runs;
use crate::app::widgets::layer_check::{LayerCheckProps, LayerCheckReadout};
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::{time_scale, SequenceArch, SequenceModelConfig};
use crate::engine::transform::{fmt_num, Transform};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ModelChecksProps {
    pub runs: Rc<Runs>,
    /// Changes whenever `runs` is rebuilt.
    pub runs_rev: u64,
    pub g: Transform,
    pub cfg: SequenceModelConfig,
    pub on_pick: Callback<SequenceArch>,
}

impl PartialEq for ModelChecksProps {
    fn eq(&self, o: &Self) -> bool {
        self.runs_rev == o.runs_rev && self.g == o.g && self.cfg == o.cfg && self.on_pick == o.on_pick
    }
}

/// What each layer of a sequence model is, for the row titles.
fn layer_title(kind: &str) -> &'static str {
    match kind {
        "final_state" => "final state h_T",
        _ => "state trajectory h_1 … h_T",
    }
}

#[component]
pub fn ModelChecks(p: &ModelChecksProps) -> Html {
    let a = time_scale(&p.g);
    let warped = time_axis::has_warp(&p.g);
    html! {
        <div class="model-cards">
            { for p.runs.models.iter().map(|run| {
                let arch = run.arch;
                let active = arch == p.cfg.arch;
                let cfg = SequenceModelConfig { arch, ..p.cfg };
                let pick = p.on_pick.reform(move |_: MouseEvent| arch);
                let rescaled = warped && arch.has_gate() && p.cfg.gate_rescale;
                let note = if rescaled {
                    format!("gates slowed by {} for g·x", fmt_num(a))
                } else if warped && arch.has_gate() {
                    "same gates for x and g·x".to_string()
                } else if warped {
                    "no gate to slow down".to_string()
                } else {
                    String::new()
                };
                html! {
                    <section class={classes!("model-card", active.then_some("active"))}
                        data-testid="model-checks" data-model={arch.name()} data-active={active.to_string()}
                        aria-labelledby={format!("model-{}", arch.name())}>
                        <header class="model-head">
                            <h3 id={format!("model-{}", arch.name())}>{ arch.name() }</h3>
                            if !note.is_empty() { <span class="chip-note">{ note }</span> }
                            <button class={classes!("toggle", active.then_some("on"))} aria-pressed={active.to_string()} onclick={pick}>
                                { if active { "in the strip" } else { "show in the strip" } }
                            </button>
                        </header>
                        <p class="muted formula"><code>{ arch.summary() }</code></p>
                        { for run.report.checks.iter().map(|c| html! {
                            <div class="check-row">
                                <h4 class="check-title">{ layer_title(c.kind) }</h4>
                                <LayerCheckReadout ..LayerCheckProps::from_check(c) />
                                <p class="why">{ explain(arch, c, &p.g, &cfg) }</p>
                            </div>
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}
