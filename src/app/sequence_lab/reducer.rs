//! Everything a learner can do in the sequence lab (`Action`), and how each
//! one changes the state (the reducer).

use super::state::{join_errors, SeqLabState, Source};
use super::sweeps::{Chart, SweepPiece};
use crate::engine::models::sequence::SequenceModelConfig;
use crate::io::sequence_presets::{self, from_curve, Sampling};
use crate::io::sequence_settings::{self, h0_for, run_length_error, SequenceSettings};
use crate::io::transform_edit::GEdit;
use std::rc::Rc;
use yew::Reducible;

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
    /// An edit of g from the transformation panel.
    EditG(GEdit),
    SetModel(SequenceModelConfig),
    /// Results of one slice of a sweep (ignored when its key is stale).
    Sweep(SweepPiece),
    /// Show this layer in the compare strip.
    Show(usize),
    /// Show why a file was refused (the view is kept).
    Refuse(String),
    DismissError,
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
            Action::EditG(edit) => s.edit_g(edit),
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
                    Chart::S1 => s.s1.absorb(piece),
                    Chart::S2 => s.s2.absorb(piece),
                }
                return Rc::new(s);
            }
            Action::Show(k) => {
                s.shown = Some(k);
                return Rc::new(s);
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::DismissError => s.error = None,
        }
        s.refresh_keys(&self);
        Rc::new(s)
    }
}
