//! "Sweep the group": the check at every layer for every element of a group
//! (the 4 rotations, the 8 rotations and flips, or shifts over a range), as a
//! layers × elements heatmap: where the symmetry is kept, where it is lost,
//! and where global pooling restores it. Computed in the background, one
//! element per step.

use super::background::{use_background, SweepJob};
use super::orbit::element_label;
use crate::app::widgets::layer_check::human_number;
use crate::app::widgets::matrix_heatmap::{MatrixCell, MatrixHeatmap};
use crate::engine::check::Verdict;
use crate::engine::grid_group::GridGroup;
use crate::engine::models::image::{build, ImageModelConfig};
use crate::engine::space::Signal;
use crate::engine::sweep::{point_elements, shift_elements};
use crate::viz::log_scale::LogScale;
use std::rc::Rc;
use yew::prelude::*;

/// Which elements to sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Rotations,
    RotationsAndFlips,
    Shifts,
}

impl Family {
    const ALL: [Family; 3] = [Family::Rotations, Family::RotationsAndFlips, Family::Shifts];

    fn title(self) -> &'static str {
        match self {
            Family::Rotations => "4 rotations (C4)",
            Family::RotationsAndFlips => "4 rotations and 4 flips (D4)",
            Family::Shifts => "shifts by −4…4 pixels",
        }
    }

    fn elements(self) -> Vec<crate::engine::transform::Transform> {
        match self {
            Family::Rotations => point_elements(GridGroup::C4),
            Family::RotationsAndFlips => point_elements(GridGroup::D4),
            Family::Shifts => shift_elements(-4, 4, false),
        }
    }

    /// The natural family for a model: its own group (D4 for plain CNNs,
    /// to show everything they miss).
    fn for_model(cfg: &ImageModelConfig) -> Family {
        match cfg.arch.group() {
            GridGroup::C4 => Family::Rotations,
            _ => Family::RotationsAndFlips,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub cfg: ImageModelConfig,
    /// What the network sees (masked when the mask is on).
    pub x: Rc<Signal>,
    pub analysis_rev: u64,
}

fn short_verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Invariant => "inv",
        Verdict::Equivariant => "equi",
        Verdict::Approximate => "≈",
        Verdict::Neither => "✗",
    }
}

#[component]
pub fn SweepPanel(p: &SweepPanelProps) -> Html {
    let chosen = use_state(|| None::<Family>);
    let family = chosen.unwrap_or_else(|| Family::for_model(&p.cfg));
    let x = p.x.clone();
    let bg = use_background((p.cfg, p.analysis_rev, family), 250, move |(cfg, _, family)| {
        vec![SweepJob::new(cfg.arch.name(), build(cfg), (*x).clone(), family.elements())]
    });
    let jobs = bg.jobs.borrow();
    let Some(job) = jobs.first() else { return html! {} };
    let kinds = job.kinds();
    let rows: Vec<String> = kinds.iter().enumerate().map(|(k, kind)| format!("{} {kind}", k + 1)).collect();
    // Short headers: the group notation of the orbit pictures, or the shift.
    let expressions: Vec<String> = job.elements.iter().map(|g| g.to_string()).collect();
    let columns: Vec<String> = match family {
        Family::Shifts => (-4..=4).map(|d: i32| format!("{d:+}").replace("+0", "0").replace('-', "−")).collect(),
        Family::Rotations => (0..4).map(|i| element_label(GridGroup::C4, i).to_string()).collect(),
        Family::RotationsAndFlips => (0..8).map(|i| element_label(GridGroup::D4, i).to_string()).collect(),
    };
    let cells: Vec<Vec<Option<MatrixCell>>> = (0..kinds.len())
        .map(|k| {
            (0..columns.len())
                .map(|e| {
                    job.columns.get(e).and_then(|col| col.get(k)).map(|c| MatrixCell {
                        value: c.error(),
                        text: short_verdict(c.verdict).into(),
                        title: format!(
                            "layer {} ({}) under {}: {}; equivariance error {}, invariance error {}",
                            k + 1,
                            kinds[k],
                            expressions[e],
                            c.verdict,
                            c.equivariance.map(human_number).unwrap_or_else(|| "— (no action)".into()),
                            human_number(c.invariance)
                        ),
                        verdict: Some(c.verdict.as_str()),
                    })
                })
                .collect()
        })
        .collect();
    let (done, total) = bg.progress;
    html! {
        <section class="panel sweep-panel" aria-labelledby="sweep-title">
            <h2 class="panel-title" id="sweep-title">{ "Sweep the group" }</h2>
            <p class="muted">{ format!("Every layer of {} (rows) under every element (columns; r = rot90, f = flipx, so r²f is flipy): the colour is the smaller of the two errors, the word the verdict (inv = invariant, equi = equivariant, ≈ approximate, ✗ neither).", p.cfg.arch.name()) }</p>
            <div class="tools" role="radiogroup" aria-label="Elements to sweep">
                { for Family::ALL.iter().map(|f| {
                    let chosen = chosen.clone();
                    let f = *f;
                    html! {
                        <label><input type="radio" name="sweep-family" checked={f == family}
                            onchange={Callback::from(move |_: Event| chosen.set(Some(f)))} />{ format!(" {}", f.title()) }</label>
                    }
                }) }
                if !bg.done() {
                    <span class="muted">{ format!("computing {done}/{total}…") }</span>
                }
            </div>
            if let Some(e) = &job.error { <p class="no-action-box">{ e.clone() }</p> }
            <MatrixHeatmap caption={format!("errors of every layer of {} under every element", p.cfg.arch.name())}
                corner={if family == Family::Shifts { "layer \\ dx" } else { "layer \\ g" }} {rows} {columns} column_titles={expressions.clone()} {cells} scale={LogScale { floor: 1e-7, top: 1.0 }}
                ends={(AttrValue::from("exact (10⁻⁷)"), AttrValue::from("broken (1)"))} testid="group-sweep" />
        </section>
    }
}
