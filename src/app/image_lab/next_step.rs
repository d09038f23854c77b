//! "What to try next", under the compare strip: the clean case leads to the
//! subtle one, and a broken symmetry to the architecture that keeps it. One
//! suggestion at a time, read from the current g, model and verdicts, with a
//! button that makes the change.

use super::reducer::Action;
use crate::engine::models::image::{ImageArch, ImageModelConfig};
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::transform_edit::GEdit;

/// A suggestion: what to notice, and the change to make.
pub struct NextStep {
    pub text: &'static str,
    pub button: &'static str,
    pub action: fn(&ImageModelConfig) -> Action,
}

fn set_g(text: &'static str) -> Action {
    Action::EditG(GEdit::Text(text.into()))
}

/// The suggestion for this view, if there is one.
pub fn next_step(g: &Transform, cfg: &ImageModelConfig) -> Option<NextStep> {
    let shift = match g.steps.as_slice() {
        [Step::Shift { dx, dy, fill: Fill::Cyclic }] => Some((*dx, *dy)),
        _ => None,
    };
    let plain = matches!(cfg.arch, ImageArch::CnnGap | ImageArch::CnnFlatten);
    match (shift, g.image_normal_form()) {
        (Some((dx, dy)), _) if dx % 2 == 0 && dy % 2 == 0 => Some(NextStep {
            text: "Every layer kept this shift, because it moves the picture by whole cells of the stride-2 pooling. Now try an odd shift.",
            button: "Try shift(3,5)",
            action: |_| set_g("shift(3,5)"),
        }),
        (Some(_), _) => Some(NextStep {
            text: "An odd shift moves the picture by half a cell of the stride-2 pooling (layer 3): g has no action on its output, and the layers after it lose exactness. Compare with a shift by even amounts.",
            button: "Back to shift(4,6)",
            action: |_| set_g("shift(4,6)"),
        }),
        (None, Some((m, (0, 0)))) if m.name() != "identity" && plain => Some(NextStep {
            text: "A plain convolution's filters are not symmetric under this turn or flip, so the first layer already breaks it. A group CNN turns the filters for you.",
            button: "Switch to p4mcnn",
            action: |cfg| Action::SetModel(ImageModelConfig { arch: ImageArch::P4mCnn, ..*cfg }),
        }),
        (None, Some((m, (0, 0)))) if m.name() != "identity" => Some(NextStep {
            text: "Exact at every layer for the symmetries of the square. Now turn by an angle the square grid does not have.",
            button: "Try rot(45)",
            action: |_| set_g("rot(45)"),
        }),
        _ => None,
    }
}
