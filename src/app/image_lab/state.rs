//! The image lab's state and every way it can change (`Action`), as one yew
//! reducer. Each action recomputes only what it invalidated: a brush stroke
//! reruns both pipelines, a new transformation reruns only the g·x pipeline,
//! selecting a unit reruns nothing.

use crate::engine::check::{compare, LayerCheck};
use crate::engine::model::Model;
use crate::engine::models::image::{build, ImageModelConfig};
use crate::engine::space::Signal;
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::image_presets;
use crate::io::image_settings::{ImageSettings, DEFAULT_PRESET};
use crate::io::transform_expr::{self, Domain};
use ndarray::{Array2, Array3};
use std::rc::Rc;
use yew::Reducible;

/// Side of the working image.
pub const SIZE: usize = 64;
/// Undo steps kept.
const UNDO_DEPTH: usize = 40;

/// Where the current input came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Preset(String),
    Drawing,
    File(String),
}

/// Everything both pipelines produced, recomputed together.
#[derive(Clone, Debug)]
pub struct Pipelines {
    pub gx: Signal,
    pub trace_x: Rc<Vec<Signal>>,
    pub trace_gx: Rc<Vec<Signal>>,
    pub checks: Vec<LayerCheck>,
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
    undo: Vec<(Rc<Array2<f32>>, Source)>,
    pub g: Transform,
    /// Fill mode for the shifts the transformation bar adds.
    pub fill: Fill,
    pub cfg: ImageModelConfig,
    pub model: Model,
    /// `Err` when the model or g cannot run (shown as the error).
    pub pipelines: Option<Rc<Pipelines>>,
    pub compute_ms: f64,
    pub error: Option<String>,
    pub notice: Option<String>,
    pub selection: Option<Selection>,
    /// Bumped on every change the URL should reflect.
    pub revision: u64,
}

/// Everything a learner can do in the image lab.
pub enum Action {
    /// Apply URL settings (on load, or when the learner pastes a link).
    ApplySettings(ImageSettings, Vec<String>),
    /// A stroke starts: remember the image for undo.
    BeginStroke,
    /// Paint (or erase) discs of `radius` pixels at these pixel positions.
    Paint {
        points: Vec<(f32, f32)>,
        radius: f32,
        erase: bool,
    },
    Clear,
    Undo,
    LoadPreset(String),
    LoadFile {
        name: String,
        pixels: Array2<f32>,
        notice: Option<String>,
    },
    Refuse(String),
    PushStep(Step),
    RemoveStep(usize),
    ClearTransform,
    ApplyInverse,
    SetTransformText(String),
    SetFill(Fill),
    SetModel(ImageModelConfig),
    Select(Option<Selection>),
    DismissError,
}

impl ImageLabState {
    pub fn new(settings: ImageSettings, errors: Vec<String>) -> Self {
        let cfg = ImageModelConfig { input_size: SIZE, ..settings.model };
        let preset = settings.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.into());
        let input = image_presets::render(&preset, SIZE).unwrap_or_else(|| Array2::zeros((SIZE, SIZE)));
        let mut s = ImageLabState {
            input: Rc::new(input),
            source: Source::Preset(preset),
            undo: Vec::new(),
            g: settings.g,
            fill: Fill::Cyclic,
            model: build(&cfg),
            cfg,
            pipelines: None,
            compute_ms: 0.0,
            error: None,
            notice: None,
            selection: None,
            revision: 0,
        };
        s.fill = s.fill_of_g();
        s.error = join_errors(errors);
        s.recompute(true);
        s
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
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    fn fill_of_g(&self) -> Fill {
        self.g
            .steps
            .iter()
            .find_map(|s| match s {
                Step::Shift { fill, .. } => Some(*fill),
                _ => None,
            })
            .unwrap_or(self.fill)
    }

    fn input_signal(&self) -> Signal {
        let (h, w) = self.input.dim();
        let data =
            self.input.as_ref().clone().into_shape_with_order((1, h, w)).unwrap_or_else(|_| Array3::zeros((1, h, w)));
        Signal::image(data)
    }

    /// Rerun the pipelines: both when `input_or_model` changed, else only g·x.
    fn recompute(&mut self, input_or_model: bool) {
        let t0 = now_ms();
        let x = self.input_signal();
        let trace_x = match (&self.pipelines, input_or_model) {
            (Some(p), false) => Ok(p.trace_x.clone()),
            _ => self.model.trace(&x).map(Rc::new).map_err(|e| e.0),
        };
        let result = trace_x.and_then(|trace_x| {
            let gx = self.g.act(&x).map_err(|e| format!("The transformation cannot act on this image: {e}"))?;
            let trace_gx = Rc::new(self.model.trace(&gx).map_err(|e| e.0)?);
            let checks = compare(&self.model, &trace_x, &trace_gx, &self.g);
            Ok(Pipelines { gx, trace_x, trace_gx, checks })
        });
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

    fn set_input(&mut self, input: Array2<f32>, source: Source) {
        self.push_undo();
        self.input = Rc::new(input);
        self.source = source;
        self.recompute(true);
    }

    fn push_undo(&mut self) {
        self.undo.push((self.input.clone(), self.source.clone()));
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Accept a new g only if it acts on the current input; otherwise say why
    /// and keep the old one.
    fn set_g(&mut self, g: Transform) {
        if let Err(e) = g.act(&self.input_signal()) {
            self.error = Some(format!("{g} cannot act on this image: {e}."));
            return;
        }
        self.g = g;
        self.error = None;
        self.recompute(false);
    }

    fn paint(&mut self, points: &[(f32, f32)], radius: f32, erase: bool) {
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

fn join_errors(errors: Vec<String>) -> Option<String> {
    (!errors.is_empty()).then(|| errors.join(" "))
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

impl Reducible for ImageLabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ApplySettings(settings, errors) => {
                let keep_error = join_errors(errors);
                if let Some(p) = settings.preset.as_ref().filter(|p| s.source != Source::Preset((*p).clone())) {
                    if let Some(img) = image_presets::render(p, SIZE) {
                        s.push_undo();
                        s.input = Rc::new(img);
                        s.source = Source::Preset(p.clone());
                    }
                }
                s.g = settings.g;
                s.fill = s.fill_of_g();
                s.cfg = ImageModelConfig { input_size: SIZE, ..settings.model };
                s.model = build(&s.cfg);
                s.error = keep_error;
                s.recompute(true);
            }
            Action::BeginStroke => s.push_undo(),
            Action::Paint { points, radius, erase } => s.paint(&points, radius, erase),
            Action::Clear => s.set_input(Array2::zeros((SIZE, SIZE)), Source::Drawing),
            Action::Undo => {
                if let Some((img, src)) = s.undo.pop() {
                    s.input = img;
                    s.source = src;
                    s.recompute(true);
                }
            }
            Action::LoadPreset(name) => match image_presets::render(&name, SIZE) {
                Some(img) => {
                    s.notice = None;
                    s.set_input(img, Source::Preset(name));
                }
                None => s.error = Some(format!("There is no image preset called “{name}”.")),
            },
            Action::LoadFile { name, pixels, notice } => {
                if pixels.dim() == (SIZE, SIZE) {
                    s.notice = notice;
                    s.error = None;
                    s.set_input(pixels, Source::File(name));
                } else {
                    s.error = Some("The decoded picture has the wrong size; your drawing was kept.".into());
                }
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::PushStep(step) => {
                let g = s.g.then(&Transform::single(step));
                s.set_g(g);
            }
            Action::RemoveStep(i) => {
                let mut g = s.g.clone();
                if i < g.steps.len() {
                    g.steps.remove(i);
                }
                s.set_g(g);
            }
            Action::ClearTransform => s.set_g(Transform::identity()),
            Action::ApplyInverse => match s.g.inverse() {
                Ok(inv) => {
                    let g = s.g.then(&inv);
                    s.set_g(g);
                }
                Err(e) => s.error = Some(format!("g has no inverse: {e}.")),
            },
            Action::SetTransformText(text) => match transform_expr::parse(&text, Domain::Image) {
                Ok(g) => s.set_g(g),
                Err(e) => s.error = Some(format!("The transformation “{text}” was not understood: {e}.")),
            },
            Action::SetFill(fill) => {
                s.fill = fill;
                let steps =
                    s.g.steps
                        .iter()
                        .map(|st| match st {
                            Step::Shift { dx, dy, .. } => Step::Shift { dx: *dx, dy: *dy, fill },
                            other => other.clone(),
                        })
                        .collect();
                s.set_g(Transform { steps });
            }
            Action::SetModel(cfg) => {
                s.cfg = ImageModelConfig { input_size: SIZE, ..cfg };
                s.model = build(&s.cfg);
                s.selection = None;
                s.error = None;
                s.recompute(true);
            }
            Action::Select(sel) => s.selection = sel,
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
