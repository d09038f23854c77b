//! The sequence lab's state (the actions and the reducer are in
//! `actions.rs`). An edit of the input, the padding, g or the model reruns the
//! three models' checks at once (they are small: 8 units by default); picking
//! which model or which layer to show in detail reruns nothing. The two sweep charts are
//! keyed separately ([`SeqLabState::s1_key`], [`SeqLabState::s2_key`]) and
//! filled in slices by `sweeps`, so an edit never waits for them.

use super::sweeps::Sweep;
pub use crate::app::clock::{join_errors, now_ms};
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::{check, BiasMode, SequenceArch, SequenceModelConfig};
use crate::engine::pipelines::Pipelines as Report;
use crate::engine::space::Signal;
use crate::engine::transform::Transform;
use crate::io::sequence_presets::{self, from_curve, pad_left, Sampling};
use crate::io::sequence_settings::{run_length_error, SequenceSettings, DEFAULT_PRESET};
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use std::rc::Rc;

/// Undo steps kept.
const UNDO_DEPTH: usize = 40;
/// The delay the S1 chart uses when g has none.
pub const S1_DEFAULT_DELAY: usize = 5;

/// What an undo step restores: the input, where it came from, its curve
/// and its sampling.
type Undo = (Rc<Signal>, Source, Rc<Vec<(f32, f32)>>, Sampling);

/// Where the current input came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Preset(String),
    Drawing,
}

/// One model's two pipelines and checks.
#[derive(Clone, Debug)]
pub struct ModelRun {
    pub arch: SequenceArch,
    pub report: Report,
}

/// The padded input the networks see, and every model's run on it.
#[derive(Clone, Debug)]
pub struct Runs {
    pub x: Signal,
    pub models: Vec<ModelRun>,
}

impl Runs {
    pub fn get(&self, arch: SequenceArch) -> Option<&ModelRun> {
        self.models.iter().find(|m| m.arch == arch)
    }
}

#[derive(Clone, Debug)]
pub struct SeqLabState {
    /// The learner's signal `(T, 1)`, before padding.
    pub input: Rc<Signal>,
    pub source: Source,
    /// The drawn curve, `(beats, value)` points, when `source` is a drawing.
    pub curve: Rc<Vec<(f32, f32)>>,
    pub(super) undo: Vec<Undo>,
    pub sampling: Sampling,
    pub pad: usize,
    pub g: Transform,
    /// The model settings; `cfg.arch` is the model shown in detail.
    pub cfg: SequenceModelConfig,
    pub runs: Option<Rc<Runs>>,
    /// Bumped whenever `runs` is rebuilt.
    pub runs_rev: u64,
    pub compute_ms: f64,
    pub error: Option<String>,
    /// Bumped on every change the URL should reflect.
    pub revision: u64,
    /// Change when the S1 / S2 chart must be recomputed.
    pub s1_key: u64,
    pub s2_key: u64,
    pub s1: Sweep,
    pub s2: Sweep,
    /// Bumped whenever the learner's signal changes.
    pub input_rev: u64,
    /// The layer the compare strip shows, once the learner picked one (the
    /// first layer that is not exact until then). Kept when the learner
    /// switches between the three models: their layers are the same two
    /// (the state trajectory, then the final state), so the strip keeps
    /// comparing like with like.
    pub shown: Option<usize>,
}

impl SeqLabState {
    pub fn new(settings: SequenceSettings, errors: Vec<String>) -> Self {
        let preset = settings.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.into());
        let mut errors = errors;
        let drawn = settings.curve.as_ref().and_then(|c| match from_curve(c, settings.sampling) {
            Ok(x) => Some((x, c.clone())),
            Err(e) => {
                errors.push(format!("The drawn signal in the link was not used: {e}."));
                None
            }
        });
        let (input, source, curve) = match drawn {
            Some((x, c)) => (x, Source::Drawing, c),
            None => (
                sequence_presets::render(&preset, settings.sampling)
                    .unwrap_or_else(|| Signal::sequence(ndarray::Array2::zeros((settings.sampling.steps(), 1)))),
                Source::Preset(preset),
                Rc::new(Vec::new()),
            ),
        };
        let mut s = SeqLabState {
            input: Rc::new(input),
            source,
            curve,
            undo: Vec::new(),
            sampling: settings.sampling,
            pad: settings.pad,
            g: settings.g,
            cfg: settings.model,
            runs: None,
            runs_rev: 0,
            compute_ms: 0.0,
            error: join_errors(errors),
            revision: 0,
            s1_key: 0,
            s2_key: 0,
            s1: Sweep::default(),
            s2: Sweep::default(),
            input_rev: 0,
            shown: None,
        };
        s.recompute();
        s.s1_key = 1;
        s.s2_key = 1;
        s.s1.start(1);
        s.s2.start(1);
        s
    }

    /// The settings the URL should hold.
    pub fn settings(&self) -> SequenceSettings {
        SequenceSettings {
            preset: match &self.source {
                Source::Preset(p) => Some(p.clone()),
                Source::Drawing => None,
            },
            g: self.g.clone(),
            model: self.cfg,
            pad: self.pad,
            sampling: self.sampling,
            curve: (self.source == Source::Drawing).then(|| self.curve.clone()),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// The active model's run.
    pub fn active(&self) -> Option<&ModelRun> {
        self.runs.as_ref().and_then(|r| r.get(self.cfg.arch))
    }

    /// The delay the S1 chart sweeps: g's own, or [`S1_DEFAULT_DELAY`].
    pub fn s1_delay(&self) -> usize {
        match time_axis::total_delay(&self.g) {
            0 => S1_DEFAULT_DELAY,
            k => k,
        }
    }

    /// What the S1 chart depends on (the bias is swept, the rescale unused).
    fn s1_signature(&self) -> (u64, SequenceModelConfig, usize, usize) {
        let cfg = SequenceModelConfig { bias: BiasMode::Off, h0: 0.0, gate_rescale: false, ..self.cfg };
        (self.input_rev, cfg, self.s1_delay(), self.pad.max(128))
    }

    /// What the S2 chart depends on (every model and both gates are swept).
    fn s2_signature(&self) -> (u64, SequenceModelConfig, usize) {
        let cfg = SequenceModelConfig { arch: SequenceArch::Rnn, gate_rescale: false, ..self.cfg };
        (self.input_rev, cfg, self.pad)
    }

    /// Run the three models on the padded input and g·x.
    pub(super) fn recompute(&mut self) {
        let t0 = now_ms();
        let x = pad_left(&self.input, self.pad);
        let models: Result<Vec<ModelRun>, String> = SequenceArch::ALL
            .iter()
            .map(|&arch| {
                check(&SequenceModelConfig { arch, ..self.cfg }, &x, &self.g).map(|report| ModelRun { arch, report })
            })
            .collect();
        match models {
            Ok(models) => self.runs = Some(Rc::new(Runs { x, models })),
            Err(e) => {
                self.error = Some(format!("The models could not run: {e}."));
                self.runs = None;
            }
        }
        self.runs_rev += 1;
        self.compute_ms = now_ms() - t0;
        self.revision += 1;
    }

    pub(super) fn set_input(&mut self, input: Signal, source: Source, curve: Rc<Vec<(f32, f32)>>) {
        self.input = Rc::new(input);
        self.source = source;
        self.curve = curve;
        self.input_rev += 1;
    }

    pub(super) fn push_undo(&mut self) {
        self.undo.push((self.input.clone(), self.source.clone(), self.curve.clone(), self.sampling));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// A transformation-bar edit: the new g (if it acts here), or why not.
    pub(super) fn edit_g(&mut self, edit: GEdit) {
        match transform_edit::apply(&self.g, edit, Domain::Sequence) {
            Ok(g) => {
                if self.set_g(g) {
                    self.recompute();
                }
            }
            Err(message) => self.error = Some(message),
        }
    }

    /// Accept a new g only if the run stays within the lab's size.
    pub(super) fn set_g(&mut self, g: Transform) -> bool {
        if let Some(e) = run_length_error(self.sampling.steps(), self.pad, &g) {
            self.error = Some(format!("{e}. Your transformation was kept."));
            return false;
        }
        self.g = g;
        self.error = None;
        true
    }

    /// The signal for the current source at `sampling`.
    pub(super) fn render(&self, sampling: Sampling) -> Result<Signal, String> {
        match &self.source {
            Source::Preset(p) => sequence_presets::render(p, sampling)
                .ok_or_else(|| format!("There is no sequence preset called “{p}”.")),
            Source::Drawing => from_curve(&self.curve, sampling),
        }
    }

    /// The drawn curve, starting from the current samples when the input is
    /// not yet a drawing (so a stroke edits what the learner sees).
    fn curve_for_drawing(&self) -> Vec<(f32, f32)> {
        if self.source == Source::Drawing && !self.curve.is_empty() {
            return self.curve.as_ref().clone();
        }
        let rate = self.sampling.rate.max(1e-6);
        self.input.data.iter().enumerate().map(|(t, &v)| ((t as f32 + 0.5) / rate, v)).collect()
    }

    pub(super) fn stroke(&mut self, a: (f32, f32), b: (f32, f32)) {
        let d = self.input.shape()[0] as f32 / self.sampling.rate.max(1e-6);
        let clamp = |p: (f32, f32)| (p.0.clamp(0.0, d), p.1.clamp(-1.0, 1.0));
        let (a, b) = (clamp(a), clamp(b));
        let half = 0.5 / self.sampling.rate.max(1e-6);
        let (lo, hi) = if a.0 == b.0 { (a.0 - half, a.0 + half) } else { (a.0.min(b.0), a.0.max(b.0)) };
        let mut curve = self.curve_for_drawing();
        curve.retain(|p| p.0 < lo || p.0 > hi);
        if a.0 == b.0 {
            curve.push((lo.max(0.0), a.1));
            curve.push((hi.min(d), a.1));
        } else {
            curve.extend([a, b]);
        }
        curve.sort_by(|p, q| p.0.total_cmp(&q.0));
        match from_curve(&curve, self.sampling) {
            Ok(x) => self.set_input(x, Source::Drawing, Rc::new(curve)),
            Err(e) => self.error = Some(format!("The stroke was not applied: {e}.")),
        }
    }

    /// Refresh the sweep keys after an action: a sweep restarts only when
    /// something it depends on changed.
    pub(super) fn refresh_keys(&mut self, before: &SeqLabState) {
        if self.s1_signature() != before.s1_signature() {
            self.s1_key += 1;
            self.s1.start(self.s1_key);
        }
        if self.s2_signature() != before.s2_signature() {
            self.s2_key += 1;
            self.s2.start(self.s2_key);
        }
    }
}
