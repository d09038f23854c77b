//! The two sweep charts: S1, the final state's invariance error against the
//! left padding for each bias (exactly zero when the cell keeps its rest
//! state, decaying otherwise); S2, the trajectory's error against the warp
//! factor (log scale) for each model with and without the rescaled gate.
//! Both mark the verdict thresholds and the current setting with a cursor.

use super::explain::why_gates;
use super::sweeps::{Sweep, S1_MODES, S2_CURVES};
use crate::app::widgets::layer_check::human_number;
use crate::app::widgets::line_chart::{ChartData, LineChart};
use crate::engine::check::Verdict;
use crate::engine::models::sequence::{BiasMode, SequenceArch, SequenceModelConfig};
use crate::engine::transform::fmt_num;
use crate::io::sequence_settings::{MAX_RUN_STEPS, REST_H0};
use crate::viz::line_chart::{verdict_rules, Axis, ChartParams, Series};
use plotters::style::RGBColor;
use yew::prelude::*;

const BLUE: RGBColor = RGBColor(0, 114, 178);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);

/// The verdict thresholds as reference lines.
fn bias_label(b: BiasMode) -> String {
    match b {
        BiasMode::Off => "bias off, h0 = 0".into(),
        BiasMode::Random => "random bias".into(),
        BiasMode::Rest => format!("bias at rest, h0 = {}", fmt_num(REST_H0)),
    }
}

fn bias_color(b: BiasMode) -> RGBColor {
    match b {
        BiasMode::Off => BLUE,
        BiasMode::Random => VERMILLION,
        BiasMode::Rest => GREEN,
    }
}

/// The status line under a sweep chart.
fn status(s: &Sweep) -> String {
    if let Some(e) = &s.error {
        format!("Part of the chart could not be computed: {e}.")
    } else if s.done {
        let slices = s.slices.max(1);
        format!(
            "Computed in {:.0} ms, in {slices} slice{} between which the page stays responsive (longest wait {:.0} ms).",
            s.busy_ms,
            if slices == 1 { "" } else { "s" },
            s.longest_ms
        )
    } else {
        "computing…".into()
    }
}

#[derive(Properties, PartialEq)]
pub struct S1PanelProps {
    pub sweep: Sweep,
    pub cfg: SequenceModelConfig,
    pub pad: usize,
    pub delay: usize,
    /// Whether g has a delay of its own (else the chart uses `delay`).
    pub g_has_delay: bool,
    /// Steps of the learner's signal.
    pub steps: usize,
}

#[component]
pub fn S1Panel(p: &S1PanelProps) -> Html {
    let data = {
        let (curves, bias, pad) = (p.sweep.curves.clone(), p.cfg.bias, p.pad);
        use_memo((p.sweep.rev, bias, pad.max(128)), move |(_, _, max)| -> ChartData {
            let series = S1_MODES
                .iter()
                .enumerate()
                .map(|(i, &m)| Series {
                    name: bias_label(m),
                    points: curves.get(i).cloned().unwrap_or_default(),
                    color: bias_color(m),
                    dashed: false,
                    width: if m == bias { 3 } else { 2 },
                    markers: true,
                })
                .collect();
            ChartParams {
                series,
                x: Axis::linear("left padding P (steps)").with_range(0.0, *max as f64),
                y: Axis::log("final-state invariance error", 1e-8).with_range(1e-8, 1.0),
                bands: vec![],
                rules: verdict_rules(),
                dark: false,
                px: 1.0,
            }
            .into()
        })
    };
    let forgets = p.cfg.arch == SequenceArch::Rnn && p.steps > 24;
    html! {
        <section class="panel chart-panel" data-testid="s1-panel" data-done={p.sweep.done.to_string()} aria-labelledby="s1-title">
            <h2 class="panel-title" id="s1-title">{ "S1 · Delay and padding: the final state's error against the padding" }</h2>
            <p class="muted small">
                { format!("delay({}) of x left-padded by P zero steps, {} with {} units. ", p.delay, p.cfg.arch.name(), p.cfg.hidden) }
                if !p.g_has_delay { { format!("g has no delay, so the chart uses delay({}). ", p.delay) } }
                { "Bias off, or solved so that h0 is a rest state (f(0, h0) = h0): zero for every P, up to rounding far below the 1e-4 line of “exact” (the bottom line is 0). A random bias: the zero steps drive the state toward a fixed point, so the error falls as the padding grows, until it reaches rounding error." }
            </p>
            <LineChart data={(*data).clone()} cursor={Some(p.pad as f64)} busy={!p.sweep.done} width={760} height={280}
                testid="s1-chart" caption="Invariance error of the final state against the length of the left padding, for each bias" />
            if forgets {
                <p class="note small">{ format!("A plain RNN forgets within a few dozen steps: on this {}-step signal the delay is forgotten by the end even without padding. Shorten the signal (1 beat) or pick the gated RNN to see the decay.", p.steps) }</p>
            }
            <p class="muted small chart-status">{ status(&p.sweep) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct S2PanelProps {
    pub sweep: Sweep,
    pub cfg: SequenceModelConfig,
    /// The current warp factor, if g warps time.
    pub factor: Option<f32>,
    /// Each model's trajectory check under the current g.
    pub measured: Vec<(SequenceArch, Verdict, f64)>,
    /// The largest factor computed (larger ones would make too long a run).
    pub max_factor: f32,
}

fn curve_name(arch: SequenceArch, rescaled: bool) -> String {
    match (arch.has_gate(), rescaled) {
        (false, _) => format!("{} (no gate)", arch.name()),
        (true, true) => format!("{}, gate rescaled", arch.name()),
        (true, false) => format!("{}, same gate", arch.name()),
    }
}

fn arch_color(arch: SequenceArch) -> RGBColor {
    match arch {
        SequenceArch::Rnn => VERMILLION,
        SequenceArch::GatedRnn => BLUE,
        SequenceArch::Lstm => GREEN,
    }
}

#[component]
pub fn S2Panel(p: &S2PanelProps) -> Html {
    let data = {
        let (curves, arch, rescale) = (p.sweep.curves.clone(), p.cfg.arch, p.cfg.gate_rescale);
        use_memo((p.sweep.rev, arch, rescale), move |_| -> ChartData {
            let series = S2_CURVES
                .iter()
                .enumerate()
                .map(|(i, &(a, r))| Series {
                    name: curve_name(a, r),
                    points: curves.get(i).cloned().unwrap_or_default(),
                    color: arch_color(a),
                    dashed: a.has_gate() && !r,
                    width: if a == arch && (r == rescale || !a.has_gate()) { 3 } else { 2 },
                    markers: true,
                })
                .collect();
            ChartParams {
                series,
                x: Axis::log("warp factor A (log scale)", 1e-9)
                    .with_range(0.25, 8.0)
                    .with_ticks(vec![0.25, 0.5, 1.0, 2.0, 4.0, 8.0]),
                y: Axis::log("trajectory error", 1e-6).with_range(1e-6, 10.0),
                bands: vec![],
                rules: verdict_rules(),
                dark: false,
                px: 1.0,
            }
            .into()
        })
    };
    let a = p.factor.unwrap_or(2.0);
    let measured = if p.factor.is_some() { p.measured.clone() } else { Vec::new() };
    let at_a: Vec<String> = if p.factor.is_none() {
        S2_CURVES
            .iter()
            .enumerate()
            .filter_map(|(i, &(arch, r))| {
                let pt = p.sweep.curves.get(i)?.iter().find(|q| (q.0 - 2.0).abs() < 1e-6)?;
                Some(format!("{} {}", curve_name(arch, r), human_number(pt.1)))
            })
            .collect()
    } else {
        Vec::new()
    };
    html! {
        <section class="panel chart-panel" data-testid="s2-panel" data-done={p.sweep.done.to_string()} aria-labelledby="s2-title">
            <h2 class="panel-title" id="s2-title">{ "S2 · Time warping: the trajectory's error against the warp factor" }</h2>
            <p class="muted small">{ format!("Each model reads x stretched by A (21 factors from 0.25 to 8), with {} units; solid: the gate slowed by A for g·x, dashed: the same gate. At A = 1 nothing changes and every error is zero.", p.cfg.hidden) }</p>
            <LineChart data={(*data).clone()} cursor={p.factor.map(|f| f as f64)} busy={!p.sweep.done} width={760} height={280}
                testid="s2-chart" caption="Error of the state trajectory against the warp factor, for each model with and without the rescaled gate" />
            if p.max_factor < 8.0 {
                <p class="note small">{ format!("Factors above A = {} are skipped: on this signal they would need more than {} steps. A shorter signal or less padding brings them back.", fmt_num(p.max_factor), MAX_RUN_STEPS) }</p>
            }
            <p class="why">{ why_gates(&measured, a, p.cfg.gate_rescale) }</p>
            if !at_a.is_empty() && p.sweep.done {
                <p class="muted small">{ format!("g has no warp; at A = 2 the chart reads: {}.", at_a.join(", ")) }</p>
            }
            <p class="muted small chart-status">{ status(&p.sweep) }</p>
        </section>
    }
}
