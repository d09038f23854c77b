//! Why the layers of a group CNN (lifting convolution, group convolution,
//! orientation pooling) are or are not equivariant for the current g, in
//! words that agree with the measured verdict: each sentence that claims
//! exactness is said only when the verdict is exact, and a broken earlier
//! layer is named when it is the reason.

use super::orbit::{motion_of, Motion};
use crate::engine::check::{LayerCheck, Verdict};
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::Padding;
use crate::engine::models::image::ImageModelConfig;
use crate::engine::transform::{Fill, Step, Transform};

fn exact(v: Verdict) -> bool {
    matches!(v, Verdict::Equivariant | Verdict::Invariant)
}

fn zero_fill(g: &Transform) -> bool {
    g.steps.iter().any(|s| matches!(s, Step::Shift { fill: Fill::Zero, .. }))
}

/// The sentence about g for a layer on `group`, or why g breaks it.
fn about_g(check: &LayerCheck, g: &Transform, group: GridGroup, cfg: &ImageModelConfig, broken_before: bool) -> String {
    let v = check.verdict;
    let p4m = group == GridGroup::D4;
    let turn_words = if p4m { "turns or mirrors" } else { "turns" };
    if broken_before && !exact(v) {
        return "An earlier layer already broke the symmetry, and no later layer can repair it: the error carries on."
            .into();
    }
    match motion_of(g, group) {
        Motion::Turn { exact: true, motion, .. } if exact(v) => format!(
            "g {turn_words} the input, so every output plane {} AND moves to the orientation g·h{}: exactly the action ρ(g) of the group on these maps — equivariant, with no error.",
            if motion.flip { "is mirrored" } else { "turns" },
            if motion.flip { " (the two rings swap)" } else { " (one place along the cycle per quarter turn)" },
        ),
        Motion::Turn { exact: true, .. } => {
            if cfg.input_size % 2 == 1 {
                "The layer would be exact for this element, but the input side is odd: after the stride-2 pooling a quarter turn no longer maps pooling cells onto cells (see “Input size and strided pooling”).".into()
            } else {
                "This element is in the group, but the measured error is not zero here: an earlier step does not commute with it.".into()
            }
        }
        Motion::Turn { exact: false, motion, .. } => format!(
            "rot({}) is not a multiple of 90°: no orientation plane corresponds to it, and the bilinear interpolation blurs the pixels. The output only {} follows (see the error-versus-angle chart; with the circular mask no corner leaves the frame).",
            motion.degrees,
            if v == Verdict::Approximate { "approximately" } else { "loosely" },
        ),
        Motion::NotInGroup(name) => format!(
            "{name} is not one of the {} symmetries of {}: these maps have no slot for a mirrored orientation, and the mirrored image needs mirrored filters, which this bank does not have. Try p4mcnn.",
            group.order(),
            group.wallpaper_name()
        ),
        Motion::ShiftOnly if exact(v) => {
            "Like every convolution it also commutes with cyclic shifts: the planes shift, the orientations keep their slots.".into()
        }
        Motion::ShiftOnly if cfg.padding == Padding::Zero || zero_fill(g) => {
            "A shift with zero padding or zero fill changes what the filters see along the border, so the match breaks there.".into()
        }
        Motion::ShiftOnly => {
            "The shift is not a whole number of pooling cells, so there is no shifted copy of these coarser maps to compare with.".into()
        }
        Motion::Identity => String::new(),
        Motion::Other => "g combines several kinds of steps; the numbers say how well the layer follows.".into(),
    }
}

/// The sentence about g after orientation pooling, whose output is an
/// ordinary feature map (no orientation axis left).
fn about_g_pooled(check: &LayerCheck, g: &Transform, group: GridGroup, broken_before: bool) -> String {
    let v = check.verdict;
    if broken_before && !exact(v) {
        return "An earlier layer already broke the symmetry, and pooling over the orientations cannot repair it: the error carries on.".into();
    }
    match (motion_of(g, group), exact(v)) {
        (Motion::Turn { exact: true, .. }, true) => "Here g only turns (or mirrors) this map like an ordinary image: equivariant, with no error.".into(),
        (Motion::ShiftOnly, true) => "A shift moves the planes it pools, so it moves the pooled map too: equivariant.".into(),
        (Motion::Identity, _) => String::new(),
        (_, true) => "The measured error is below 10⁻⁴ here.".into(),
        (Motion::Turn { exact: false, .. }, false) => {
            "Under an interpolated rotation the planes it pools are only approximately moved copies, so the pooled map only approximately turns with the input.".into()
        }
        _ => "The maps it pools did not follow g, so neither does the pooled map.".into(),
    }
}

/// The explanation of a lifting conv, group conv or orientation pooling, or
/// `None` for other kinds.
pub fn explain_group(
    check: &LayerCheck,
    previous: Option<Verdict>,
    g: &Transform,
    cfg: &ImageModelConfig,
) -> Option<String> {
    let group = cfg.arch.group();
    let n = group.order();
    let broken_before = matches!(previous, Some(Verdict::Neither) | Some(Verdict::Approximate));
    let intro = match check.kind {
        "lift_p4" | "lift_p4m" => format!(
            "A lifting convolution correlates the image with every base filter in its {n} orientations{} (see the filter bank): one output plane per orientation, so the output lives on the group.",
            if group == GridGroup::D4 { ", turned and mirrored" } else { ", turned by 0°, 90°, 180° and 270°" }
        ),
        "gconv_p4" | "gconv_p4m" => format!(
            "A group convolution reads all {n} orientation planes of every input channel, with filters that are moved copies of one learned base filter: the copy for output orientation r is the base filter turned by r AND with its input orientations moved by r."
        ),
        "orient_pool" => format!(
            "Orientation pooling keeps, for every channel and position, the {} of its {n} orientation planes. Moving the planes around the cycle does not change a {0}, so what is left is an ordinary feature map that simply turns with the input; the global pooling after it will be invariant.",
            cfg.orient.name()
        ),
        _ => return None,
    };
    let why = if check.kind == "orient_pool" {
        about_g_pooled(check, g, group, broken_before)
    } else {
        about_g(check, g, group, cfg, broken_before)
    };
    Some(if why.is_empty() { intro } else { format!("{intro} {why}") })
}

/// A sentence for the layers after the group layers (pooling, global
/// pooling, the head) under a rotation that is not a multiple of 90°, where
/// the usual words ("exact") would not hold; `None` otherwise.
pub fn fractional_note(check: &LayerCheck, g: &Transform) -> Option<String> {
    let [Step::Rotate { degrees }] = g.steps.as_slice() else { return None };
    if (degrees / 90.0 - (degrees / 90.0).round()).abs() < 1e-6 {
        return None;
    }
    // Global pooling and the head already say "approximately" in their own words.
    if check.verdict == Verdict::Approximate && matches!(check.kind, "gap" | "gmp" | "dense") {
        return None;
    }
    Some(match check.verdict {
        Verdict::Invariant | Verdict::Equivariant => {
            format!("Even for rot({degrees}) the error here is below 10⁻⁴.")
        }
        Verdict::Approximate => format!(
            "Under rot({degrees}) the layers before only approximately follow the rotation, so this one is approximately {} too: the error is below 5·10⁻² and small against a scramble, but not zero.",
            if check.kind == "gap" || check.kind == "gmp" || check.kind == "dense" { "invariant" } else { "equivariant" }
        ),
        Verdict::Neither if check.insensitive() => format!(
            "Under rot({degrees}) the error here is small, but so is this layer's reaction to a scramble of the picture: the small number shows no rotation symmetry."
        ),
        Verdict::Neither if check.above_scramble() => format!(
            "Under rot({degrees}) the error here is small, but larger than this layer's reaction to a scramble of the picture: the rotation changes it more than rearranging the picture does."
        ),
        Verdict::Neither => format!(
            "Under rot({degrees}) the interpolated rotation is not a symmetry of the network: the error is above 5·10⁻² here."
        ),
    })
}
