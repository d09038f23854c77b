//! The DNA lab's state, every way it can change (`Action`), and the
//! recomputations behind them (the reducer is in `reduce.rs`). Each action recomputes only what it invalidated: an in-place edit
//! of a few bases updates only the windows it touches, a new transformation
//! reruns only the g·x pipeline, zooming reruns nothing.

use super::shared_slot::SharedSlot;
pub use crate::app::clock::{join_errors, now_ms};
use crate::engine::downsample::Window;
use crate::engine::model::Model;
use crate::engine::models::dna::{build, DnaModelConfig};
use crate::engine::pipelines::strand::{FullRun, Update};
use crate::engine::pipelines::{self, strand_edit, Pipelines};
use crate::engine::strand_window::changed_span;
use crate::engine::transform::Transform;
use crate::io::dna_link;
use crate::io::dna_presets;
use crate::io::dna_settings::{DnaSettings, InputSetting, DEFAULT_PRESET};
use crate::io::fasta::Fasta;
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use std::rc::Rc;

/// Sequences up to this length are shown whole; longer ones open on a window.
const WHOLE_VIEW: usize = 1000;

/// From this length on, a full run is cut into slices of about
/// [`SLICE_MS`] with the browser's turn in between (`Action::Continue`):
/// shorter strands take a few ms and are run at once.
const SLICED_FROM: usize = 30_000;
/// The time a slice of a full run may take before it hands the browser back
/// (a step is one layer of one pipeline, so a slice can overrun it by one).
pub(super) const SLICE_MS: f64 = 12.0;

/// Where the current sequence came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Preset(String),
    Typed,
    File { name: String, record: String },
}

/// A FASTA file that was loaded, and which record is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub fasta: Fasta,
    pub selected: usize,
}

#[derive(Clone, Debug)]
pub struct DnaLabState {
    /// The sequence both pipelines ran on (upper-case codes).
    pub seq: Rc<String>,
    /// What the editor shows: the learner's text, even while it is refused.
    pub text: Rc<str>,
    pub source: Source,
    pub file: Option<Rc<LoadedFile>>,
    pub g: Transform,
    pub cfg: DnaModelConfig,
    /// The seed of the random presets' bases (fixed when they are loaded).
    pub rseed: Option<u64>,
    pub model: Model,
    pub pipelines: SharedSlot<Pipelines>,
    /// A full run in slices, while it lasts (long strands only).
    pub running: SharedSlot<FullRun>,
    /// Bumped after every slice of a run that is not done: the lab then
    /// schedules the next `Action::Continue`.
    pub slices: u64,
    /// Compute time of the slices of the current run so far.
    pub run_ms: f64,
    pub update: Update,
    pub window: Window,
    /// The layer the compare strip shows, once the learner picked one (the
    /// first layer that is not exact until then); reset with the model.
    pub shown: Option<usize>,
    pub compute_ms: f64,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// Bumped on every recompute (redraws, URL write-back).
    pub revision: u64,
}

/// Everything a learner can do in the DNA lab.
pub enum Action {
    /// Apply URL settings (on load, or when the learner pastes a link).
    ApplySettings(DnaSettings, Vec<String>),
    /// The editor's text changed.
    EditText(String),
    LoadPreset(String),
    /// Run the next slice of a full run on a long strand.
    Continue,
    /// A random preset (`random`, `random-100k`) with its own seed.
    Generate {
        preset: String,
        seed: u64,
    },
    LoadFile {
        name: String,
        fasta: Fasta,
    },
    SelectRecord(usize),
    Refuse(String),
    /// An edit of g from the transformation panel.
    EditG(GEdit),
    SetModel(DnaModelConfig),
    SetMotif(String),
    /// The palindrome example: EcoRI's site, its detector, max pooling, g = rc.
    EcoRiExample,
    SetWindow(Window),
    /// Show this layer in the compare strip.
    Show(usize),
    DismissError,
}

impl DnaLabState {
    pub fn new(settings: DnaSettings, errors: Vec<String>) -> Self {
        let seed = settings.sequence_seed();
        let (seq, source) = match &settings.input {
            InputSetting::Bases(b) => (b.clone(), Source::Typed),
            InputSetting::Preset(p) => (dna_presets::sequence(p, seed).unwrap_or_default(), Source::Preset(p.clone())),
            InputSetting::Keep => (String::new(), Source::Typed),
        };
        let (seq, source) = if seq.is_empty() {
            (dna_presets::sequence(DEFAULT_PRESET, seed).unwrap_or_default(), Source::Preset(DEFAULT_PRESET.into()))
        } else {
            (seq, source)
        };
        let mut s = DnaLabState {
            text: seq.as_str().into(),
            window: Window::all(seq.len()),
            seq: Rc::new(seq),
            source,
            file: None,
            g: settings.g,
            model: build(&settings.model),
            cfg: settings.model,
            // Frozen: the random presets keep their bases when the weights' seed changes.
            rseed: Some(seed),
            pipelines: SharedSlot::default(),
            running: SharedSlot::default(),
            slices: 0,
            run_ms: 0.0,
            update: Update::Full,
            shown: None,
            compute_ms: 0.0,
            error: join_errors(errors),
            notice: None,
            revision: 0,
        };
        s.reset_window();
        s.recompute();
        s
    }

    /// The settings the URL should hold.
    pub fn settings(&self) -> DnaSettings {
        let input = match &self.source {
            Source::Preset(p) => InputSetting::Preset(p.clone()),
            _ if dna_link::for_link(&self.seq).is_ok() => InputSetting::Bases(self.seq.as_ref().clone()),
            _ => InputSetting::Keep,
        };
        DnaSettings { input, g: self.g.clone(), model: self.cfg.clone(), rseed: self.rseed }
    }

    fn sequence_seed(&self) -> u64 {
        self.rseed.unwrap_or(self.cfg.seed)
    }

    fn reset_window(&mut self) {
        let l = self.seq.len();
        self.window = Window { start: 0, len: l.min(WHOLE_VIEW) }.clamp(l);
    }

    /// Rerun both pipelines on the current sequence.
    /// A long strand's run goes on in slices (`Action::Continue`); until it
    /// is done the lab shows its progress and no layers.
    fn recompute(&mut self) {
        let t0 = now_ms();
        // The old pipelines go first: a 100 kb strand's are tens of MB.
        self.pipelines.set(None);
        self.running.set(None);
        match FullRun::start(&self.seq, &self.g) {
            Ok(run) => {
                self.running.set(Some(run));
                self.run_ms = now_ms() - t0;
                let budget = if self.seq.len() >= SLICED_FROM { SLICE_MS } else { f64::INFINITY };
                self.run_slice(budget);
            }
            Err(e) => {
                self.error = Some(e);
                self.finish(Update::Full, now_ms() - t0);
            }
        }
    }

    /// Steps of the full run for about `budget_ms`; at its end the
    /// pipelines replace it and `compute_ms` is the time of all its slices.
    pub(super) fn run_slice(&mut self, budget_ms: f64) {
        let t0 = now_ms();
        let (model, g) = (&self.model, &self.g);
        let outcome = self.running.update(|run| loop {
            run.step(model, g)?;
            if run.is_done(model) {
                return Ok(true);
            }
            if now_ms() - t0 >= budget_ms {
                return Ok(false);
            }
        });
        self.run_ms += now_ms() - t0;
        match outcome {
            // A late Continue after the run ended or was replaced.
            None => {}
            Some(Ok(false)) => self.slices += 1,
            Some(Ok(true)) => {
                let p = self.running.take().map(FullRun::finish);
                self.pipelines.set(p);
                self.finish(Update::Full, self.run_ms);
            }
            Some(Err(e)) => {
                self.running.set(None);
                self.error = Some(e);
                self.revision += 1;
            }
        }
    }

    /// Steps done and in all of a full run in progress.
    pub fn run_progress(&self) -> Option<(usize, usize)> {
        self.running.read(|run| run.progress(&self.model))
    }

    /// Layers done and in all of a full run in progress.
    pub fn run_layers(&self) -> Option<(usize, usize)> {
        self.running.read(|run| run.layers_done(&self.model))
    }

    /// Note what was recomputed and how long it took, and bump the revision.
    fn finish(&mut self, update: Update, compute_ms: f64) {
        self.update = update;
        self.compute_ms = compute_ms;
        self.revision += 1;
    }

    /// Replace the sequence: an in-place edit updates windows, anything else recomputes.
    pub(super) fn set_sequence(&mut self, seq: String, source: Source) {
        let span = changed_span(self.seq.as_bytes(), seq.as_bytes());
        let same_len = span.is_some();
        self.seq = Rc::new(seq);
        self.source = source;
        if !same_len {
            self.reset_window();
        }
        match span {
            Some(r) if r.is_empty() && self.pipelines.is_some() => self.revision += 1,
            Some(r) if self.pipelines.is_some() => {
                let t0 = now_ms();
                let (model, seq, g) = (&self.model, self.seq.clone(), &self.g);
                match self.pipelines.update(|p| strand_edit::edit(model, p, &seq, r, g)) {
                    Some(Ok(update)) => self.finish(update, now_ms() - t0),
                    // Half updated, or not there: start again from the sequence.
                    _ => self.recompute(),
                }
            }
            _ => self.recompute(),
        }
    }

    /// Load a sequence that replaces the editor's text.
    pub(super) fn load(&mut self, seq: String, source: Source) {
        self.text = seq.as_str().into();
        self.error = None;
        self.set_sequence(seq, source);
    }

    pub(super) fn load_preset(&mut self, name: &str) -> bool {
        match dna_presets::sequence(name, self.sequence_seed()) {
            Some(seq) => {
                self.notice = None;
                self.load(seq, Source::Preset(name.into()));
                true
            }
            None => {
                self.error = Some(format!("There is no DNA preset called “{name}”."));
                false
            }
        }
    }

    pub(super) fn select_record(&mut self, i: usize) {
        let Some(file) = self.file.clone() else { return };
        let Some(rec) = file.fasta.records.get(i) else { return };
        let mut f = file.as_ref().clone();
        f.selected = i;
        self.file = Some(Rc::new(f));
        self.load(rec.sequence.clone(), Source::File { name: file.name.clone(), record: rec.name.clone() });
    }

    /// A transformation-bar edit: the new g (if it acts here), or why not.
    pub(super) fn edit_g(&mut self, edit: GEdit) {
        match transform_edit::apply(&self.g, edit, Domain::Dna) {
            Ok(g) => self.set_g(g),
            Err(message) => self.error = Some(message),
        }
    }

    /// Accept a new g only if it acts on the sequence; otherwise say why and keep the old one.
    pub(super) fn set_g(&mut self, g: Transform) {
        let t0 = now_ms();
        let model = &self.model;
        match self.pipelines.update(|p| pipelines::retransform(model, model, p, &g).map(|new| *p = new)) {
            None => {
                self.g = g;
                self.recompute();
            }
            Some(Ok(())) => {
                self.g = g;
                self.error = None;
                self.finish(Update::Transformed, now_ms() - t0);
            }
            Some(Err(e)) => self.error = Some(e),
        }
    }

    pub(super) fn set_model(&mut self, cfg: DnaModelConfig) {
        self.model = build(&cfg);
        self.cfg = cfg;
        self.shown = None;
        self.recompute();
    }

    pub(super) fn apply_settings(&mut self, st: DnaSettings, errors: Vec<String>) {
        if matches!(st.input, InputSetting::Preset(_)) {
            self.rseed = Some(st.sequence_seed());
        }
        self.g = st.g;
        if st.model != self.cfg {
            self.shown = None;
        }
        self.model = build(&st.model);
        self.cfg = st.model;
        self.error = join_errors(errors);
        let seed = self.sequence_seed();
        let new_seq = match st.input {
            InputSetting::Preset(p) => dna_presets::sequence(&p, seed).map(|s| (s, Source::Preset(p))),
            InputSetting::Bases(b) if b != *self.seq => Some((b, Source::Typed)),
            _ => None,
        };
        match new_seq {
            Some((seq, src)) if seq != *self.seq || src != self.source => {
                self.text = seq.as_str().into();
                self.seq = Rc::new(seq);
                self.source = src;
                self.reset_window();
            }
            _ => {}
        }
        self.recompute();
    }
}
