//! The lab's words: what augmentation buys and costs, and a verdict sentence
//! that agrees with the numbers measured in this run.

use crate::engine::check::{Verdict, EXACT};
use crate::engine::models::image::ImageArch;
use crate::engine::train::trainer::{AUGMENTED, PLAIN};
use crate::engine::train::EpochStats;
use yew::prelude::*;

/// One or two sentences on the current numbers.
pub fn verdict_text(s: &EpochStats, arch: ImageArch, copies: usize) -> String {
    let (p, a) = (s.invariance[PLAIN], s.invariance[AUGMENTED]);
    if p < EXACT && a < EXACT {
        return format!(
            "Both heads are exactly invariant (error below 1e-4) at every epoch, even before training: the {} body already forgets g, so the head never sees a difference. Built in, not learned.",
            arch.name()
        );
    }
    let mut t = format!(
        "After {} epochs the plain head's invariance error is {:.3} and the augmented head's {:.3} ({}).",
        s.epoch,
        p,
        a,
        Verdict::from_errors(a, None, f64::INFINITY)
    );
    if copies == 0 {
        t.push_str(" With 0 copies both heads see the same data: there is nothing to learn the symmetry from.");
    } else if a < p {
        t.push_str(" The copies taught the head to ignore g, approximately: the error falls but does not reach 0.");
    } else {
        t.push_str(" The copies did not help here: is g in the augmentation group?");
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
