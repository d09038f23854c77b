//! The classification task: four letters (F, L, P, T) drawn from a 5×7 pixel
//! font at two pixels per dot, each sample jittered by a small cyclic shift,
//! with random ink strength and noise, all from a seed. None of the letters is
//! unchanged by a quarter turn, so a classifier must learn what turned letters
//! look like (or be built to ignore the turn).
//!
//! An augmentation group lists its elements as [`Transform`]s (the `g=`
//! grammar's steps), so the copies are made by the same action every lab
//! uses.

use crate::engine::grid_group::Mat2;
use crate::engine::rng::Rng;
use crate::engine::space::Signal;
use crate::engine::transform::{Fill, Step, Transform};
use ndarray::{Array2, Array3};

/// The class names, in label order.
pub const CLASS_NAMES: [&str; 4] = ["F", "L", "P", "T"];

/// 5×7 glyphs, one string per row, `#` is ink.
const GLYPHS: [[&str; 7]; 4] = [
    ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
    ["#....", "#....", "#....", "#....", "#....", "#....", "#####"],
    ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
    ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
];

/// The transformations a training sample is copied under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AugGroup {
    /// The four quarter turns (C4).
    Rot90,
    /// Identity, the two mirror flips and their product rot180 (Klein group).
    Flips,
    /// Cyclic shifts by multiples of a quarter of the image in x and y (16 elements).
    Shifts,
}

impl AugGroup {
    pub const ALL: [AugGroup; 3] = [AugGroup::Rot90, AugGroup::Flips, AugGroup::Shifts];

    pub fn name(self) -> &'static str {
        match self {
            AugGroup::Rot90 => "rot90",
            AugGroup::Flips => "flips",
            AugGroup::Shifts => "shifts",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        AugGroup::ALL.into_iter().find(|g| g.name() == s)
    }

    /// Words for the picker.
    pub fn title(self) -> &'static str {
        match self {
            AugGroup::Rot90 => "quarter turns (4 elements)",
            AugGroup::Flips => "mirror flips (4 elements)",
            AugGroup::Shifts => "shifts by a quarter image (16 elements)",
        }
    }

    /// Every element, the identity first, for images of side `size`.
    pub fn elements(self, size: usize) -> Vec<Transform> {
        let point = |m: Mat2| Transform::single(Step::Point(m));
        match self {
            AugGroup::Rot90 => {
                let mut els = vec![Transform::identity()];
                els.extend((1..4).map(|k| point(Mat2::rot90_pow(k))));
                els
            }
            AugGroup::Flips => {
                vec![Transform::identity(), point(Mat2::FLIP_X), point(Mat2::FLIP_Y), point(Mat2::rot90_pow(2))]
            }
            AugGroup::Shifts => {
                let q = (size / 4).max(1) as i32;
                (0..16)
                    .map(|i| {
                        let (dx, dy) = ((i % 4) * q, (i / 4) * q);
                        if i == 0 {
                            Transform::identity()
                        } else {
                            Transform::single(Step::Shift { dx, dy, fill: Fill::Cyclic })
                        }
                    })
                    .collect()
            }
        }
    }

    /// The group's order.
    pub fn order(self) -> usize {
        match self {
            AugGroup::Rot90 | AugGroup::Flips => 4,
            AugGroup::Shifts => 16,
        }
    }
}

/// Labelled images `(1, size, size)`.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub images: Vec<Signal>,
    pub labels: Vec<usize>,
}

/// `per_class` samples of every class at side `size` (at least 16), from `rng`.
pub fn generate(rng: &mut Rng, per_class: usize, size: usize) -> Dataset {
    let size = size.max(16);
    let mut images = Vec::with_capacity(per_class * GLYPHS.len());
    let mut labels = Vec::with_capacity(images.capacity());
    for _ in 0..per_class {
        for (label, glyph) in GLYPHS.iter().enumerate() {
            images.push(Signal::image(sample(rng, glyph, size)));
            labels.push(label);
        }
    }
    Dataset { images, labels }
}

/// One letter: the glyph centred, moved by up to two pixels each way
/// (cyclically), with ink in `[0.7, 1]` and uniform noise of ±0.1.
fn sample(rng: &mut Rng, glyph: &[&str; 7], size: usize) -> Array3<f32> {
    let ink = 0.7 + 0.3 * rng.unit();
    let (dx, dy) = (rng.below(5) as i64 - 2, rng.below(5) as i64 - 2);
    let (top, left) = ((size as i64 - 14) / 2 + dy, (size as i64 - 10) / 2 + dx);
    let mut img = Array2::from_shape_fn((size, size), |_| 0.1 * rng.unit());
    for (r, row) in glyph.iter().enumerate() {
        for (c, ch) in row.bytes().enumerate() {
            if ch != b'#' {
                continue;
            }
            for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                let y = (top + 2 * r as i64 + i).rem_euclid(size as i64) as usize;
                let x = (left + 2 * c as i64 + j).rem_euclid(size as i64) as usize;
                img[(y, x)] = ink;
            }
        }
    }
    img.insert_axis(ndarray::Axis(0))
}

/// `copies` distinct non-identity elements of `group` for each of `n`
/// samples, chosen at random (all of them when `copies ≥ |G| − 1`).
pub fn choose_copies(rng: &mut Rng, group: &[Transform], n: usize, copies: usize) -> Vec<Vec<usize>> {
    let others = group.len().saturating_sub(1);
    (0..n)
        .map(|_| {
            if copies >= others {
                (1..group.len()).collect()
            } else {
                let mut pick: Vec<usize> = rng.permutation(others).into_iter().take(copies).map(|i| i + 1).collect();
                pick.sort_unstable();
                pick
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_start_with_the_identity_and_are_closed() {
        for g in AugGroup::ALL {
            let els = g.elements(16);
            assert_eq!(els.len(), g.order());
            assert!(els[0].is_identity());
            let x = Signal::image(sample(&mut Rng::new(3), &GLYPHS[0], 16));
            let moved: Vec<_> = els.iter().map(|t| t.act(&x).unwrap().data).collect();
            for a in &els {
                for b in &els {
                    let ab = a.then(b).act(&x).unwrap().data;
                    assert!(moved.contains(&ab), "{} is not closed", g.name());
                }
            }
        }
    }

    #[test]
    fn samples_are_reproducible_and_labelled_in_turn() {
        let a = generate(&mut Rng::new(5), 2, 16);
        let b = generate(&mut Rng::new(5), 2, 16);
        assert_eq!(a.labels, vec![0, 1, 2, 3, 0, 1, 2, 3]);
        assert_eq!(a.images, b.images);
        assert_ne!(a.images[0], a.images[4]);
    }
}
