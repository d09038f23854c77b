//! Everything a learner can do in the image lab (`Action`), and how each one
//! changes the state (the reducer).

use super::state::{fit, join_errors, ImageLabState, Selection, Source};
use crate::engine::grid_group::Mat2;
use crate::engine::models::image::ImageModelConfig;
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::image_presets;
use crate::io::image_settings::ImageSettings;
use crate::io::transform_edit::GEdit;

use ndarray::Array2;
use std::rc::Rc;
use yew::Reducible;

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
    /// The pen was lifted: the slow analyses may catch up now.
    EndStroke,
    Clear,
    Undo,
    LoadPreset(String),
    LoadFile {
        name: String,
        pixels: Array2<f32>,
        notice: Option<String>,
    },
    Refuse(String),
    /// An edit of g from the transformation panel.
    EditG(GEdit),
    SetFill(Fill),
    /// g becomes a rotation by this many degrees (counterclockwise); quarter
    /// turns become the exact `rot90`, `rot180`, `rot270`.
    SetRotation(f32),
    SetMask(bool),
    SetModel(ImageModelConfig),
    Select(Option<Selection>),
    /// Show this layer in the compare strip.
    Show(usize),
    DismissError,
}

/// `rot(θ)` as a transformation, exact for quarter turns.
pub fn rotation(degrees: f32) -> Transform {
    let quarters = degrees / 90.0;
    if (quarters - quarters.round()).abs() < 1e-6 {
        let k = quarters.round() as i32;
        if k.rem_euclid(4) == 0 {
            Transform::identity()
        } else {
            Transform::single(Step::Point(Mat2::rot90_pow(k)))
        }
    } else {
        Transform::single(Step::Rotate { degrees })
    }
}

impl Reducible for ImageLabState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::ApplySettings(settings, errors) => {
                let keep_error = join_errors(errors);
                let n = settings.model.input_size;
                let resized = n != s.size();
                match settings.preset.as_ref().filter(|p| resized || s.source != Source::Preset((*p).clone())) {
                    Some(p) => {
                        if let Some(img) = image_presets::render(p, n) {
                            s.push_undo();
                            s.input = Rc::new(img);
                            s.source = Source::Preset(p.clone());
                        }
                    }
                    None => match &settings.drawing {
                        // A link (or an imported state) carrying a drawing.
                        Some(d) if d.as_ref() != s.input.as_ref() => {
                            s.push_undo();
                            s.input = Rc::new(fit(d, n));
                            s.source = Source::Drawing;
                        }
                        _ if resized => s.input = Rc::new(fit(&s.input, n)),
                        _ => {}
                    },
                }
                s.g = settings.g;
                s.fill = s.fill_of_g();
                s.mask = settings.mask;
                // set_cfg refits only when the size changes; the input already fits.
                s.cfg.input_size = n;
                s.set_cfg(settings.model);
                s.error = keep_error;
            }
            Action::BeginStroke => s.push_undo(),
            Action::Paint { points, radius, erase } => s.paint(&points, radius, erase),
            Action::EndStroke => s.analysis_rev += 1,
            Action::Clear => {
                let n = s.size();
                s.set_input(Array2::zeros((n, n)), Source::Drawing)
            }
            Action::Undo => {
                if let Some((img, src)) = s.undo.pop() {
                    s.input = Rc::new(fit(&img, s.size()));
                    s.source = src;
                    s.analysis_rev += 1;
                    s.recompute(true);
                }
            }
            Action::LoadPreset(name) => match image_presets::render(&name, s.size()) {
                Some(img) => {
                    s.notice = None;
                    s.set_input(img, Source::Preset(name));
                }
                None => s.error = Some(format!("There is no image preset called “{name}”.")),
            },
            Action::LoadFile { name, pixels, notice } => {
                if pixels.dim() == (s.size(), s.size()) {
                    s.notice = notice;
                    s.error = None;
                    s.set_input(pixels, Source::File(name));
                } else {
                    s.error = Some("The decoded picture has the wrong size; your drawing was kept.".into());
                }
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::EditG(edit) => s.edit_g(edit),
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
            Action::SetRotation(degrees) => {
                if degrees.is_finite() {
                    s.set_g(rotation(degrees.clamp(-360.0, 360.0)));
                }
            }
            Action::SetMask(on) => {
                s.mask = on;
                s.analysis_rev += 1;
                s.recompute(true);
            }
            Action::SetModel(cfg) => {
                s.error = None;
                s.set_cfg(cfg);
            }
            Action::Select(sel) => s.selection = sel,
            Action::Show(k) => s.shown = Some(k),
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
