//! Short explanations beside each model's checks: why a delay of a padded
//! input leaves the final state alone (S1), and why only a gate, slowed by
//! the warp factor, lets a recurrent net follow a time warp (S2). Written
//! from the model, the transformation and the measured verdict, so the words
//! always agree with the numbers next to them.

use crate::app::widgets::layer_check::human_number;
use crate::engine::analysis::time_axis;
use crate::engine::check::{LayerCheck, Verdict};
use crate::engine::models::sequence::{time_scale, BiasMode, SequenceArch, SequenceModelConfig};
use crate::engine::transform::{fmt_num, Transform};

/// The smaller of a check's two errors, in words.
fn err(c: &LayerCheck) -> String {
    human_number(c.equivariance_error.map_or(c.invariance_error, |e| e.min(c.invariance_error)))
}

fn exact(v: Verdict) -> bool {
    matches!(v, Verdict::Invariant | Verdict::Equivariant)
}

/// The explanation for one check of model `arch`.
pub fn explain(arch: SequenceArch, c: &LayerCheck, g: &Transform, cfg: &SequenceModelConfig) -> String {
    let (delay, warp) = (time_axis::has_delay(g), time_axis::has_warp(g));
    if !delay && !warp {
        return "g leaves time as it is, so both pipelines see the same input: every check is trivially invariant."
            .into();
    }
    let mut parts = Vec::new();
    if delay && warp {
        parts.push("g both delays and stretches time; the stretch is the harder part.".to_string());
    }
    let text = match (c.kind, warp) {
        ("final_state", false) => delay_final(arch, c, cfg),
        ("final_state", true) => warp_final(c),
        (_, false) => delay_cell(c, cfg),
        (_, true) => warp_cell(arch, c, g, cfg),
    };
    parts.push(text);
    parts.join(" ")
}

fn delay_cell(c: &LayerCheck, cfg: &SequenceModelConfig) -> String {
    let share = "The cell applies the same step to every (input, state) pair: its weights are shared over time.";
    if exact(c.verdict) {
        let why = match cfg.bias {
            BiasMode::Off => "With no bias and h0 = 0, a zero input keeps the state at 0 (f(0, h0) = h0),",
            BiasMode::Rest => "Its bias is solved so that a zero input keeps the state at h0 (f(0, h0) = h0),",
            BiasMode::Random => "Here the state reaches the same values either way,",
        };
        format!("{share} {why} so the extra zero steps change nothing and the whole trajectory only starts later: equivariant, the states move with the input.")
    } else {
        format!("{share} But its bias pushes the state away from h0 during the zero steps (f(0, h0) ≠ h0), so the delayed run meets the signal from a different state: the trajectories differ by {}. More left padding lets both runs settle at the same fixed point first.", err(c))
    }
}

fn delay_final(arch: SequenceArch, c: &LayerCheck, cfg: &SequenceModelConfig) -> String {
    match c.verdict {
        Verdict::Invariant if cfg.bias == BiasMode::Random => format!(
            "The final state is the same to within {}: the cell does not keep its rest state, but by the end of the sequence it has forgotten where the signal started ({}).",
            human_number(c.invariance_error),
            if arch == SequenceArch::Rnn { "a plain RNN forgets within a few dozen steps" } else { "its memory is shorter than the sequence" }
        ),
        Verdict::Invariant => "Both runs end after the same steps from the same state, so the final state h_T is exactly the same: invariant (claim S1). A head reading h_T cannot tell when the signal started.".into(),
        Verdict::Approximate => format!(
            "The final state moved by {}: the padding brought both runs close to the fixed point, not onto it. The error falls as the padding grows (chart S1 below); with the bias off or at rest it is exactly zero.",
            human_number(c.invariance_error)
        ),
        _ => format!(
            "The final state moved by {}: with a bias the zero steps are not neutral, and the cell still remembers when the signal started. Add left padding (the error falls, chart S1) or switch the bias off.",
            human_number(c.invariance_error)
        ),
    }
}

fn warp_cell(arch: SequenceArch, c: &LayerCheck, g: &Transform, cfg: &SequenceModelConfig) -> String {
    let a = time_scale(g);
    let a_txt = fmt_num(a);
    if arch == SequenceArch::Rnn {
        return if c.verdict == Verdict::Neither {
            format!("A plain RNN has no notion of speed: every step replaces the state by tanh(W x + U h + b). The stretched input has {a_txt}× as many steps and each is a full update, so the states run at the wrong pace and miss x's states, moved by g, by {}. Nothing in the cell can be slowed down: it has no gate.", err(c))
        } else {
            format!("The error is only {} here: this input changes so slowly that the plain RNN's state simply follows it at every step. The cell still has no gate to slow down; a faster input (the spike, the melody) shows the difference.", err(c))
        };
    }
    let gate = if arch == SequenceArch::Lstm {
        "The LSTM's forget and input gates set how fast its cell state moves"
    } else {
        "The gate α sets how much of the state is renewed at each step"
    };
    let slowed = if arch == SequenceArch::Lstm {
        format!("its gates are slowed by {a_txt} through the forget gate's bias (f → f^(1/{a_txt}))")
    } else {
        format!("its gate is slowed from α = {} to about α/{a_txt}", fmt_num(cfg.alpha))
    };
    match (cfg.gate_rescale, c.verdict) {
        (true, v) if v != Verdict::Neither => format!(
            "{gate}. With the rescale on, {slowed}: {a_txt} steps of the stretched input now move the state as far as one step did, so the trajectory for g·x tracks x's, moved by g, to within {}. The small rest comes from the tanh seeing averaged inputs where a step is split. This is why gates make warping learnable: a change of speed is absorbed by changing one number per unit, the gate's bias, which training can do.",
            err(c)
        ),
        (true, _) => format!(
            "{gate}. With the rescale on, {slowed}, yet the trajectories still differ by {}: the rescale is exact only for small steps, and this gate (α = {}) or this input changes too much within one step. A slower gate (smaller alpha) tracks better.",
            err(c),
            fmt_num(cfg.alpha)
        ),
        (false, Verdict::Neither) => format!(
            "{gate}. Without the rescale the same gate meets an input {a_txt}× slower, so on the stretched clock the state forgets {a_txt}× too fast: the trajectories differ by {}. Switch the gate rescale on to see the gate absorb the warp.",
            err(c)
        ),
        (false, _) => format!(
            "{gate}. Without the rescale the trajectories still agree to within {}: this input changes slowly compared with the gate's memory of about {} steps, so the pace hardly matters. Faster inputs (the spike, the melody) need the rescale.",
            err(c),
            fmt_num((1.0 / cfg.alpha).round())
        ),
    }
}

fn warp_final(c: &LayerCheck) -> String {
    match c.verdict {
        Verdict::Invariant => "Both clocks end at the same instant, and the final states agree exactly.".into(),
        Verdict::Approximate => format!(
            "Both clocks end at the same instant; the final states agree to within {}: what the net read is the same, up to the small error of the trajectory above.",
            human_number(c.invariance_error)
        ),
        _ => format!(
            "Both clocks end at the same instant, but the final states differ by {}: a head reading h_T would answer differently for the stretched signal.",
            human_number(c.invariance_error)
        ),
    }
}

/// The general point of S2, with the numbers measured now: `checks` holds
/// each model's trajectory check under the current g (empty without a warp).
pub fn why_gates(checks: &[(SequenceArch, Verdict, f64)], a: f32, rescale: bool) -> String {
    let find = |arch: SequenceArch| checks.iter().find(|c| c.0 == arch);
    let mut s = "A recurrent net counts time in steps. Stretching the input by A gives it A times as many steps; to read the same signal it must change A times more slowly per step. A plain RNN overwrites its state at every step and cannot; a gated cell moves only a fraction α of the way each step, and α/A is just another gate value. So the symmetry is not built in: it is one adjustable number per unit, which is why gated nets (LSTMs) learn to be robust to changes of speed (Tallec & Ollivier, 2018).".to_string();
    if let (Some(plain), Some(gated)) = (find(SequenceArch::Rnn), find(SequenceArch::GatedRnn)) {
        s.push_str(&format!(
            " Measured now at warp({}): the plain RNN is {} (error {}), the gated RNN {} the rescale is {} (error {}).",
            fmt_num(a),
            plain.1.as_str(),
            human_number(plain.2),
            if rescale { "with" } else { "without" },
            gated.1.as_str(),
            human_number(gated.2)
        ));
        if plain.1 != Verdict::Neither {
            s.push_str(" This input changes slowly enough that even the plain RNN nearly keeps up; the spike or the melody shows the difference.");
        }
    }
    s
}
