//! A short explanation beside each layer of why it is (or is not)
//! equivariant for the current transformation. Written from the layer's
//! kind, the transformation and the measured verdict, so the words always
//! agree with the number next to them.

use super::explain_group::{explain_group, fractional_note};
use crate::engine::check::{LayerCheck, Verdict};
use crate::engine::kernels::conv2d::Padding;
use crate::engine::models::filters::FilterSource;
use crate::engine::models::image::{ImageArch, ImageModelConfig};
use crate::engine::transform::{Fill, Step, Transform};

/// What kinds of steps g contains.
struct Shape {
    shifts: bool,
    zero_fill: bool,
    turns: bool,
    identity: bool,
}

fn shape(g: &Transform) -> Shape {
    let mut s = Shape {
        shifts: false,
        zero_fill: false,
        turns: false,
        identity: g.image_normal_form().map(|(m, t)| m.name() == "identity" && t == (0, 0)).unwrap_or(false),
    };
    for st in &g.steps {
        match st {
            Step::Shift { fill, .. } => {
                s.shifts = true;
                s.zero_fill |= *fill == Fill::Zero;
            }
            Step::Point(_) | Step::Rotate { .. } => s.turns = true,
            _ => {}
        }
    }
    s
}

/// The explanation for one layer; `previous` is the verdict of the layer before.
pub fn explain(check: &LayerCheck, previous: Option<Verdict>, g: &Transform, cfg: &ImageModelConfig) -> String {
    let sh = shape(g);
    if sh.identity {
        return "g is the identity here (its steps cancel out), so both pipelines see the same input: every layer is trivially invariant.".into();
    }
    if let Some(text) = explain_group(check, previous, g, cfg) {
        return text;
    }
    let mut text = explain_plain(check, previous, g, cfg, &sh);
    if let Some(note) = fractional_note(check, g).filter(|_| !text.is_empty()) {
        text.push(' ');
        text.push_str(&note);
    }
    text
}

/// Layers that are not specific to group CNNs.
fn explain_plain(
    check: &LayerCheck,
    previous: Option<Verdict>,
    g: &Transform,
    cfg: &ImageModelConfig,
    sh: &Shape,
) -> String {
    let v = check.verdict;
    let fractional = fractional_note(check, g).is_some();
    let broken_before = matches!(previous, Some(Verdict::Neither) | Some(Verdict::Approximate));
    match check.kind {
        "conv2d" => {
            let mut parts = vec!["A convolution applies the same small filter at every position (weight sharing)."];
            if sh.shifts {
                parts.push(if cfg.padding == Padding::Circular && !sh.zero_fill {
                    "Moving the input therefore moves the output, and circular padding wraps the border like the cyclic shift does: exact."
                } else if sh.zero_fill && cfg.padding == Padding::Zero {
                    "With zero padding and a zero-fill shift, the outputs agree away from the border; the error sits in a band along the border, where the padding sees different pixels."
                } else {
                    "Zero padding treats the border differently from the wrapped pixels of a cyclic shift, so the match breaks along the border only."
                });
            }
            if sh.turns && !fractional {
                parts.push(if cfg.filters == FilterSource::Symmetric {
                    "Every filter here is symmetric under the rotations and flips of the square, so rotating the input rotates the output."
                } else {
                    "But the filters are not rotation-symmetric: filtering a rotated image is not the same as rotating the filtered one. Try filters = symmetric, or group convolutions."
                });
            }
            if broken_before {
                parts.push("An earlier layer already broke the symmetry.");
            }
            parts.join(" ")
        }
        "relu" | "tanh" => {
            let mut s = "A pointwise nonlinearity looks at one number at a time, so it commutes with any rearrangement of the positions: it keeps whatever symmetry its input had.".to_string();
            if broken_before || v == Verdict::Neither {
                s.push_str(" It cannot repair what an earlier layer broke.");
            }
            s
        }
        "maxpool" | "avgpool" | "blurpool" => {
            let stride = 2;
            let mut s = format!("Pooling summarises each {stride}×{stride} cell: coarse-graining, so later layers see a wider area (scale separation).");
            if check.equivariance_error.is_none() && !sh.shifts {
                s.push_str(" g has no action on these maps (they have no orientation for it), so only the invariance error exists; an earlier layer already lost the symmetry.");
            } else if check.equivariance_error.is_none() {
                s.push_str(" The shift is not a whole number of cells, so content crosses the cell boundaries: there is no shifted copy of the output to compare with, and the output changes.");
                if check.kind == "blurpool" {
                    s.push_str(" Blurring before subsampling (anti-aliasing) keeps those changes small.");
                } else {
                    s.push_str(" Try pool = blur: anti-aliased pooling changes much less.");
                }
            } else if v == Verdict::Equivariant || v == Verdict::Invariant {
                s.push_str(" A shift by whole cells, or a rotation or flip of an even-sized grid, moves whole cells: exact.");
            } else if sh.turns && !fractional && cfg.input_size % 2 == 1 && !broken_before {
                s.push_str(" The side of its input is odd: a quarter turn sends the 2×2 cells onto windows that straddle two cells, so the pooled maps of the turned image are not the turned pooled maps (see “Input size and strided pooling”).");
            } else if broken_before {
                s.push_str(" An earlier layer already broke the symmetry.");
            }
            s
        }
        "gap" | "gmp" => {
            let mut s = "Global pooling takes the average (or maximum) over all positions, which no rearrangement of the positions can change: where a feature is no longer matters, only whether it is there.".to_string();
            if v != Verdict::Invariant {
                s.push_str(" It is exactly invariant only when the maps it pools are moved copies of each other; an earlier layer broke that, so here it is only");
                s.push_str(if v == Verdict::Approximate { " approximately invariant." } else { " partly invariant." });
            }
            s
        }
        "flatten" => "Flatten only lays the numbers out in one line: still a rearrangement of the moved maps (equivariant with a permutation), but from now on each position has its own index.".into(),
        "dense" => match v {
            Verdict::Invariant => "The head sees only the pooled, invariant features, so its scores do not change: the network's answer is invariant.".into(),
            _ if cfg.arch == ImageArch::CnnFlatten => "Every weight of a dense layer is tied to one position of its input; moving the input hands each feature to a different weight, so the scores change: not invariant.".into(),
            Verdict::Approximate => "The head sees the pooled features, which changed only a little: its scores change a little too.".into(),
            _ => "The head is a fixed linear map of the pooled features; they already changed under g, so the scores change too.".into(),
        },
        _ => String::new(),
    }
}
