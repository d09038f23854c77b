//! The image lab's state, as one yew reducer (the actions are in
//! `actions.rs`). Each action recomputes only what it invalidated: a brush
//! stroke reruns both pipelines, a new transformation reruns only the g·x
//! pipeline, selecting a unit reruns nothing. The slow analyses (error versus
//! angle, the group sweep) follow `analysis_rev`, which moves only when a
//! stroke ends, never during one.

pub use crate::app::clock::{join_errors, now_ms};
use crate::engine::model::Model;
use crate::engine::models::image::{build, ImageModelConfig};
use crate::engine::pipelines::{self, Pipelines};
use crate::engine::space::Signal;
use crate::engine::sweep::masked_input;
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::image_presets;
use crate::io::image_settings::{ImageSettings, DEFAULT_PRESET};
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use ndarray::{Array2, Array3};
use std::rc::Rc;

/// Undo steps kept.
const UNDO_DEPTH: usize = 40;

/// Where the current input came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Preset(String),
    Drawing,
    File(String),
}

/// A unit picked by the learner, whose receptive field is drawn on the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub layer: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Clone, Debug)]
pub struct ImageLabState {
    pub input: Rc<Array2<f32>>,
    pub source: Source,
    pub(super) undo: Vec<(Rc<Array2<f32>>, Source)>,
    pub g: Transform,
    /// Fill mode for the shifts the transformation bar adds.
    pub fill: Fill,
    /// The model's configuration; `cfg.input_size` is the side of the input.
    pub cfg: ImageModelConfig,
    pub model: Model,
    /// Fade the input to its inscribed disc before the network sees it
    /// (`engine::sweep::masked_input`), so nothing leaves the frame when it turns.
    pub mask: bool,
    /// `Err` when the model or g cannot run (shown as the error).
    pub pipelines: Option<Rc<Pipelines>>,
    pub compute_ms: f64,
    pub error: Option<String>,
    pub notice: Option<String>,
    pub selection: Option<Selection>,
    /// The layer the compare strip shows, once the learner picked one (the
    /// first layer that is not exact until then).
    pub shown: Option<usize>,
    /// Bumped on every change the URL should reflect.
    pub revision: u64,
    /// Bumped when what the network sees changes for good (a stroke ended, a
    /// new input, model, mask or size): the background analyses restart.
    pub analysis_rev: u64,
}

impl ImageLabState {
    pub fn new(settings: ImageSettings, errors: Vec<String>) -> Self {
        let cfg = settings.model;
        let n = cfg.input_size;
        let preset = settings.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.into());
        let (input, source) = match &settings.drawing {
            Some(d) => (fit(d, n), Source::Drawing),
            None => {
                (image_presets::render(&preset, n).unwrap_or_else(|| Array2::zeros((n, n))), Source::Preset(preset))
            }
        };
        let mut s = ImageLabState {
            input: Rc::new(input),
            source,
            undo: Vec::new(),
            g: settings.g,
            fill: Fill::Cyclic,
            model: build(&cfg),
            cfg,
            mask: settings.mask,
            pipelines: None,
            compute_ms: 0.0,
            error: None,
            notice: None,
            selection: None,
            shown: None,
            revision: 0,
            analysis_rev: 0,
        };
        s.fill = s.fill_of_g();
        s.error = join_errors(errors);
        s.recompute(true);
        s
    }

    /// Side of the (square) input.
    pub fn size(&self) -> usize {
        self.cfg.input_size
    }

    /// The settings the URL should hold.
    pub fn settings(&self) -> ImageSettings {
        ImageSettings {
            preset: match &self.source {
                Source::Preset(p) => Some(p.clone()),
                _ => None,
            },
            g: self.g.clone(),
            model: self.cfg,
            mask: self.mask,
            drawing: (!matches!(self.source, Source::Preset(_))).then(|| self.input.clone()),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub(super) fn fill_of_g(&self) -> Fill {
        self.g
            .steps
            .iter()
            .find_map(|s| match s {
                Step::Shift { fill, .. } => Some(*fill),
                _ => None,
            })
            .unwrap_or(self.fill)
    }

    /// The drawing as a one-channel image signal (before the mask).
    pub fn input_signal(&self) -> Signal {
        let (h, w) = self.input.dim();
        let data =
            self.input.as_ref().clone().into_shape_with_order((1, h, w)).unwrap_or_else(|_| Array3::zeros((1, h, w)));
        Signal::image(data)
    }

    /// What the network sees: the input, faded to its disc when the mask is on.
    pub fn network_input(&self) -> Signal {
        let x = self.input_signal();
        if self.mask {
            masked_input(&x)
        } else {
            x
        }
    }

    /// Rerun the pipelines: both when `input_or_model` changed, else only g·x.
    pub(super) fn recompute(&mut self, input_or_model: bool) {
        let t0 = now_ms();
        let result = match (&self.pipelines, input_or_model) {
            (Some(p), false) => pipelines::retransform(&self.model, &self.model, p, &self.g),
            _ => pipelines::run(&self.model, &self.network_input(), &self.g),
        };
        match result {
            Ok(p) => self.pipelines = Some(Rc::new(p)),
            Err(e) => {
                self.error = Some(e);
                self.pipelines = None;
            }
        }
        self.compute_ms = now_ms() - t0;
        self.revision += 1;
    }

    /// Rebuild the model from `cfg` (the channels follow the architecture),
    /// fit the input to its side, and rerun everything.
    pub(super) fn set_cfg(&mut self, cfg: ImageModelConfig) {
        let resized = cfg.input_size != self.cfg.input_size;
        self.cfg = ImageModelConfig { channels: cfg.arch.default_channels(), ..cfg };
        self.model = build(&self.cfg);
        self.selection = None;
        self.shown = None;
        if resized {
            let n = self.size();
            self.input = Rc::new(match &self.source {
                Source::Preset(p) => image_presets::render(p, n).unwrap_or_else(|| fit(&self.input, n)),
                _ => fit(&self.input, n),
            });
        }
        self.analysis_rev += 1;
        self.recompute(true);
    }

    pub(super) fn set_input(&mut self, input: Array2<f32>, source: Source) {
        self.push_undo();
        self.input = Rc::new(input);
        self.source = source;
        self.analysis_rev += 1;
        self.recompute(true);
    }

    pub(super) fn push_undo(&mut self) {
        self.undo.push((self.input.clone(), self.source.clone()));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// A transformation-bar edit: the new g (if it acts here), or why not.
    pub(super) fn edit_g(&mut self, edit: GEdit) {
        match transform_edit::apply(&self.g, edit, Domain::Image) {
            Ok(g) => self.set_g(g),
            Err(message) => self.error = Some(message),
        }
    }

    /// Accept a new g only if it acts on the current input; otherwise say why
    /// and keep the old one.
    pub(super) fn set_g(&mut self, g: Transform) {
        if let Err(e) = g.act(&self.input_signal()) {
            self.error = Some(format!("{g} cannot act on this image: {e}."));
            return;
        }
        self.g = g;
        self.error = None;
        self.recompute(false);
    }

    pub(super) fn paint(&mut self, points: &[(f32, f32)], radius: f32, erase: bool) {
        let img = Rc::make_mut(&mut self.input);
        let (h, w) = img.dim();
        let r = radius.max(0.5);
        for &(px, py) in points {
            let (i0, i1) = (((py - r - 1.0).floor().max(0.0)) as usize, ((py + r + 1.0).ceil().min(h as f32)) as usize);
            let (j0, j1) = (((px - r - 1.0).floor().max(0.0)) as usize, ((px + r + 1.0).ceil().min(w as f32)) as usize);
            for i in i0..i1 {
                for j in j0..j1 {
                    let d = ((i as f32 + 0.5 - py).powi(2) + (j as f32 + 0.5 - px).powi(2)).sqrt();
                    // Soft edge of one pixel: strokes look drawn, not stamped.
                    let ink = (r + 0.5 - d).clamp(0.0, 1.0);
                    let v = &mut img[(i, j)];
                    *v = if erase { v.min(1.0 - ink) } else { v.max(ink) };
                }
            }
        }
        self.source = Source::Drawing;
        self.recompute(true);
    }
}

/// `img` cropped or padded with zeros (at the bottom and right) to `n × n`:
/// switching between 64 and 63 keeps a drawing in place.
pub fn fit(img: &Array2<f32>, n: usize) -> Array2<f32> {
    if img.dim() == (n, n) {
        return img.clone();
    }
    let (h, w) = img.dim();
    Array2::from_shape_fn((n, n), |(i, j)| if i < h && j < w { img[(i, j)] } else { 0.0 })
}
