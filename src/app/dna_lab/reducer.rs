//! The DNA lab's reducer: how each [`Action`] changes the state, refusing
//! bad input with a message and keeping what the learner had.

use super::state::{Action, DnaLabState, LoadedFile, Source};
use crate::engine::models::dna::{build, DnaModelConfig};
use crate::engine::models::motif::Motif;
use crate::engine::transform::{Step, Transform};
use crate::io::fasta::parse_sequence_text;

use std::rc::Rc;
use yew::Reducible;

impl Reducible for DnaLabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ApplySettings(st, errors) => s.apply_settings(st, errors),
            Action::EditText(text) => {
                s.text = text.as_str().into();
                match parse_sequence_text(&text) {
                    Ok(t) => {
                        s.error = None;
                        s.notice = (!t.notes.is_empty()).then(|| t.notes.join("; "));
                        s.set_sequence(t.sequence, Source::Typed);
                    }
                    Err(e) => s.error = Some(format!("Not read: {e}. The lab keeps using the last valid sequence.")),
                }
            }
            Action::Continue => s.run_slice(super::state::SLICE_MS),
            Action::LoadPreset(name) => {
                s.load_preset(&name);
            }
            Action::Generate { preset, seed } => {
                let old = s.rseed;
                s.rseed = Some(seed);
                if !s.load_preset(&preset) {
                    s.rseed = old;
                }
            }
            Action::LoadFile { name, fasta } => {
                s.notice = (!fasta.notes.is_empty()).then(|| format!("“{name}”: {}.", fasta.notes.join("; ")));
                s.file = Some(Rc::new(LoadedFile { name, fasta, selected: 0 }));
                s.select_record(0);
            }
            Action::SelectRecord(i) => s.select_record(i),
            Action::Refuse(message) => s.error = Some(message),
            Action::EditG(edit) => s.edit_g(edit),
            Action::SetModel(cfg) => {
                s.error = None;
                s.set_model(cfg);
            }
            Action::SetMotif(text) if text.trim().is_empty() => {
                s.error = None;
                s.set_model(DnaModelConfig { motif: None, ..s.cfg.clone() });
            }
            Action::SetMotif(text) => match Motif::parse(&text) {
                Ok(m) => {
                    s.error = None;
                    s.set_model(DnaModelConfig { motif: Some(m), ..s.cfg.clone() });
                }
                Err(e) => {
                    s.error = Some(format!("The motif “{}” was not used: {e}. The filters were kept.", text.trim()))
                }
            },
            Action::EcoRiExample => {
                s.g = Transform::single(Step::ReverseComplement);
                s.cfg.motif = Motif::parse("GAATTC").ok();
                s.cfg.global_max = true;
                s.model = build(&s.cfg);
                s.shown = None;
                s.pipelines.set(None);
                s.load_preset("ecori");
            }
            Action::SetWindow(w) => s.window = w.clamp(s.seq.len()),
            Action::Show(k) => s.shown = Some(k),
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
