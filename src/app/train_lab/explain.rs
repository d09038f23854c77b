//! The lab's words: what augmentation buys and costs, and a sentence on the
//! run's numbers. The sentence reports the measured mean invariance errors
//! of both heads and compares them; it does not hand out verdicts (those
//! belong to the per-layer checks of one test letter, in the strip).

use crate::app::widgets::layer_check::human_number;
use crate::engine::check::EXACT;
use crate::engine::models::image::ImageArch;
use crate::engine::train::trainer::{AUGMENTED, PLAIN};
use crate::engine::train::{AugGroup, EpochStats};
use crate::engine::transform::Transform;
use yew::prelude::*;

/// What the sentence needs besides the numbers.
pub struct RunFacts<'a> {
    pub arch: ImageArch,
    pub copies: usize,
    pub group: AugGroup,
    pub g: &'a Transform,
    /// Whether g is one of the group's elements (the copies can show it).
    pub g_in_group: bool,
    /// Whether g leaves every image as it is.
    pub g_is_identity: bool,
}

/// One or two sentences on the current numbers.
pub fn verdict_text(s: &EpochStats, f: &RunFacts) -> String {
    let (p, a) = (s.invariance[PLAIN], s.invariance[AUGMENTED]);
    if f.g_is_identity {
        return format!("g = {} leaves the test letters as they are: both heads give the same scores for x and g·x, trivially. Pick a g that moves the letters.", f.g);
    }
    if p < EXACT && a < EXACT {
        return format!(
            "Both heads' mean invariance error is below 1e-4 (plain {}, augmented {}) at epoch {}: the {} body already forgets g, so the head never sees a difference. Built in, not learned. The price of invariance: the body gives a moved letter exactly the features of the upright one, so nothing g maps onto each other can be told apart (a 6 and a 9 are a half turn apart), and its accuracy can be lower than a plain body's.",
            human_number(p),
            human_number(a),
            s.epoch,
            f.arch.name()
        );
    }
    if s.epoch == 0 {
        return format!(
            "Epoch 0: both heads start from the same random weights, so their mean invariance errors under g are the same ({}). Train to see what the copies change.",
            human_number(p)
        );
    }
    let mut t = format!(
        "After {} epochs the mean invariance error under g over the test letters is {} for the plain head and {} for the augmented head.",
        s.epoch,
        human_number(p),
        human_number(a)
    );
    if f.copies == 0 {
        t.push_str(" With 0 copies both heads see the same data: there is nothing to learn the symmetry from.");
    } else if a < p {
        t.push_str(&format!(
            " The copies lowered it by {:.0} %: the augmented head learned to give moved letters closer scores, but the error is not 0 — learned from data, not built in.",
            100.0 * (1.0 - a / p.max(1e-300))
        ));
    } else if !f.g_in_group {
        t.push_str(&format!(
            " The copies did not lower it: g = {} is not one of the {}, so no copy ever showed it.",
            f.g,
            f.group.title()
        ));
    } else {
        t.push_str(" The copies did not lower it yet, although g is one of the copies' transformations: train longer, or use more copies.");
    }
    t
}

#[component]
pub fn Why() -> Html {
    html! {
        <div class="why train-why">
            <p><strong>{ "What augmentation buys. " }</strong>{ "A network that has only seen upright letters does not recognise a turned one. Show it every training letter turned too, and the head learns to give a turned letter the same scores: accuracy on g·x rises and the invariance error falls." }</p>
            <p><strong>{ "What it costs. " }</strong>{ "Each copy is one more image through the network at every epoch: with all 3 quarter turns the augmented head trains on 4× the data, with 15 shifts on 16×. And the symmetry is only learned approximately, on the kind of data it saw; the error never reaches exactly zero." }</p>
            <p><strong>{ "The alternative. " }</strong>{ "An equivariant design is invariant by construction: p4cnn's body turns its feature maps with the input and pools over orientations, so under a quarter turn every head, even an untrained one, has error 0 (the p4cnn lab). cnn-gap forgets shifts by a multiple of its pooling stride in the same way, but not quarter turns." }</p>
        </div>
    }
}
