//! The sequence lab's state and every way it can change (`Action`), as one
//! yew reducer. An edit of the input, the padding, g or the model reruns the
//! three models' checks at once (they are small: 8 units by default); picking
//! which model to show in detail reruns nothing. The two sweep charts are
//! keyed separately ([`SeqLabState::s1_key`], [`SeqLabState::s2_key`]) and
//! filled in slices by `sweeps`, so an edit never waits for them.

use super::sweeps::{Sweep, SweepPiece};
use crate::engine::analysis::time_axis;
use crate::engine::models::sequence::{check, BiasMode, SequenceArch, SequenceModelConfig};
use crate::engine::pipelines::Pipelines as Report;
use crate::engine::space::Signal;
use crate::engine::transform::{Step, Transform};
use crate::io::sequence_presets::{self, from_curve, pad_left, Sampling};
use crate::io::sequence_settings::{self, h0_for, run_length_error, SequenceSettings, DEFAULT_PRESET};
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use std::rc::Rc;
use yew::Reducible;

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
    undo: Vec<Undo>,
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
}

/// Everything a learner can do in the sequence lab.
pub enum Action {
    /// Apply URL settings (on load, or when the learner pastes a link).
    ApplySettings(SequenceSettings, Vec<String>),
    LoadPreset(String),
    /// A stroke starts on the drawing surface: remember the input for undo.
    BeginStroke,
    /// Draw a segment between two `(beats, value)` points.
    Stroke((f32, f32), (f32, f32)),
    /// A flat zero signal.
    Clear,
    Undo,
    SetSampling(Sampling),
    SetPad(usize),
    PushStep(Step),
    RemoveStep(usize),
    ClearTransform,
    SetTransformText(String),
    SetModel(SequenceModelConfig),
    /// Results of one slice of a sweep (ignored when its key is stale).
    Sweep(SweepPiece),
    /// Show why a file was refused (the view is kept).
    Refuse(String),
    DismissError,
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
    fn recompute(&mut self) {
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

    fn set_input(&mut self, input: Signal, source: Source, curve: Rc<Vec<(f32, f32)>>) {
        self.input = Rc::new(input);
        self.source = source;
        self.curve = curve;
        self.input_rev += 1;
    }

    fn push_undo(&mut self) {
        self.undo.push((self.input.clone(), self.source.clone(), self.curve.clone(), self.sampling));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// A transformation-bar edit: the new g (if it acts here), or why not.
    fn edit_g(&mut self, edit: GEdit) {
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
    fn set_g(&mut self, g: Transform) -> bool {
        if let Some(e) = run_length_error(self.sampling.steps(), self.pad, &g) {
            self.error = Some(format!("{e}. Your transformation was kept."));
            return false;
        }
        self.g = g;
        self.error = None;
        true
    }

    /// The signal for the current source at `sampling`.
    fn render(&self, sampling: Sampling) -> Result<Signal, String> {
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

    fn stroke(&mut self, a: (f32, f32), b: (f32, f32)) {
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
    fn refresh_keys(&mut self, before: &SeqLabState) {
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

fn join_errors(errors: Vec<String>) -> Option<String> {
    (!errors.is_empty()).then(|| errors.join(" "))
}

/// Milliseconds from the page's clock (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

impl Reducible for SeqLabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ApplySettings(settings, errors) => {
                let mut errors = errors;
                if let Some(e) = run_length_error(settings.sampling.steps(), settings.pad, &settings.g) {
                    errors.push(format!("These settings were not applied: {e}."));
                } else {
                    let resampled = s.sampling != settings.sampling;
                    s.sampling = settings.sampling;
                    s.pad = settings.pad;
                    s.g = settings.g;
                    s.cfg = settings.model;
                    // A link (or an imported state) carrying a drawn signal.
                    let drawn = settings.curve.filter(|c| *c != s.curve);
                    let source = match settings.preset {
                        Some(p) => Source::Preset(p),
                        None if drawn.is_some() => Source::Drawing,
                        None => s.source.clone(),
                    };
                    if source != s.source || resampled || drawn.is_some() {
                        s.push_undo();
                        let old_curve = s.curve.clone();
                        if let Some(c) = drawn {
                            s.curve = c;
                        }
                        let old = std::mem::replace(&mut s.source, source);
                        match s.render(s.sampling) {
                            Ok(x) => {
                                let curve = s.curve.clone();
                                let src = s.source.clone();
                                s.set_input(x, src, curve);
                            }
                            Err(e) => {
                                s.source = old;
                                s.curve = old_curve;
                                errors.push(e);
                            }
                        }
                    }
                }
                s.error = join_errors(errors);
                s.recompute();
            }
            Action::LoadPreset(name) => match sequence_presets::render(&name, s.sampling) {
                Some(x) => {
                    s.push_undo();
                    s.set_input(x, Source::Preset(name), Rc::new(Vec::new()));
                    s.error = None;
                    s.recompute();
                }
                None => s.error = Some(format!("There is no sequence preset called “{name}”.")),
            },
            Action::BeginStroke => s.push_undo(),
            Action::Stroke(a, b) => {
                s.stroke(a, b);
                s.recompute();
            }
            Action::Clear => {
                s.push_undo();
                let d = s.sampling.duration;
                let curve = vec![(0.0, 0.0), (d, 0.0)];
                if let Ok(x) = from_curve(&curve, s.sampling) {
                    s.set_input(x, Source::Drawing, Rc::new(curve));
                    s.recompute();
                }
            }
            Action::Undo => {
                if let Some((input, source, curve, sampling)) = s.undo.pop() {
                    if run_length_error(input.shape()[0], s.pad, &s.g).is_none() {
                        s.sampling = sampling;
                        s.set_input(input.as_ref().clone(), source, curve);
                        s.recompute();
                    }
                }
            }
            Action::SetSampling(sampling) => {
                if let Some(e) = run_length_error(sampling.steps(), s.pad, &s.g) {
                    s.error = Some(format!("That length was not applied: {e}."));
                } else {
                    match s.render(sampling) {
                        Ok(x) => {
                            s.sampling = sampling;
                            let (src, curve) = (s.source.clone(), s.curve.clone());
                            s.set_input(x, src, curve);
                            s.error = None;
                            s.recompute();
                        }
                        Err(e) => s.error = Some(e),
                    }
                }
            }
            Action::SetPad(pad) => {
                let pad = pad.min(sequence_settings::MAX_PAD);
                if let Some(e) = run_length_error(s.sampling.steps(), pad, &s.g) {
                    s.error = Some(format!("That padding was not applied: {e}."));
                } else {
                    s.pad = pad;
                    s.recompute();
                }
            }
            Action::PushStep(step) => s.edit_g(GEdit::Push(step)),
            Action::RemoveStep(i) => s.edit_g(GEdit::Remove(i)),
            Action::ClearTransform => s.edit_g(GEdit::Clear),
            Action::SetTransformText(text) => s.edit_g(GEdit::Text(text)),
            Action::SetModel(cfg) => {
                let cfg = SequenceModelConfig { h0: h0_for(cfg.bias), ..cfg };
                let only_arch = SequenceModelConfig { arch: s.cfg.arch, ..cfg } == s.cfg;
                s.cfg = cfg;
                if only_arch {
                    // Every model already ran: only the detailed view changes.
                    s.revision += 1;
                } else {
                    s.recompute();
                }
            }
            Action::Sweep(piece) => {
                match piece.chart {
                    super::sweeps::Chart::S1 => s.s1.absorb(piece),
                    super::sweeps::Chart::S2 => s.s2.absorb(piece),
                }
                return Rc::new(s);
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::DismissError => s.error = None,
        }
        s.refresh_keys(&self);
        Rc::new(s)
    }
}
