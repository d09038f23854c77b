//! Group elements as words of transformation steps, shared by every lab.
//!
//! A [`Transform`] is a word `s1; s2; ...` applied left to right (the `g=`
//! URL grammar). Its action on a [`Signal`](crate::engine::space::Signal)
//! is defined step by step in [`crate::engine::action`]; composition is
//! concatenation and the inverse reverses and inverts the steps, so
//! `g⁻¹(g x) = x` and `g(h x) = (h; g) x` hold by construction for the steps
//! that are invertible (claim C1).

use crate::engine::grid_group::Mat2;
use std::fmt;

/// How a shift fills the pixels that enter the image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fill {
    /// Pixels leaving one side re-enter on the other (the torus): a group.
    Cyclic,
    /// Entering pixels are zero: information is lost, so there is no inverse.
    Zero,
}

/// One atomic transformation. Each lab uses the steps that act on its signals;
/// a step that does not act on a space makes the action undefined there.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Move an image by `dx` columns right and `dy` rows down.
    Shift { dx: i32, dy: i32, fill: Fill },
    /// Cyclic shift of a 1-D signal (a DNA strand) by `k` positions.
    Roll { k: i32 },
    /// A point symmetry of the square (rot90, flipx, ...), about the centre.
    Point(Mat2),
    /// Rotation by any angle in degrees (counterclockwise), bilinear
    /// interpolation about the centre. (A circular mask, when wanted, is
    /// applied to the input once, not by the action: see `sweep::rotation`.)
    Rotate { degrees: f32 },
    /// Permute nodes: node `i` of the input becomes node `perm[i]`.
    /// `features_only` is the deliberate mistake of claim G5 (A is not moved).
    Permute { perm: Vec<usize>, features_only: bool },
    /// A random permutation of however many nodes there are, from a seed.
    PermuteSeeded { seed: u64, inverse: bool, features_only: bool },
    /// Swap two nodes.
    Swap { i: usize, j: usize, features_only: bool },
    /// Reverse complement of a DNA strand.
    ReverseComplement,
    /// Delay a sequence by `k` steps: its rest value enters on the left
    /// (zeros for an input, `h0` for a state trajectory; see `action::time`).
    Delay { k: usize },
    /// Stretch time by `factor`: inputs are held and averaged, state
    /// trajectories interpolated (see `action::time`).
    Warp { factor: f32 },
}

/// Why a transformation has no exact inverse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotInvertible(pub String);

impl fmt::Display for NotInvertible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Step {
    pub fn inverse(&self) -> Result<Step, NotInvertible> {
        Ok(match self {
            Step::Shift { dx, dy, fill: Fill::Cyclic } => Step::Shift { dx: -dx, dy: -dy, fill: Fill::Cyclic },
            Step::Shift { fill: Fill::Zero, .. } => {
                return Err(NotInvertible(
                    "a zero-fill shift loses the pixels it pushes out, so nothing can undo it".into(),
                ))
            }
            Step::Roll { k } => Step::Roll { k: -k },
            Step::Point(m) => Step::Point(m.inverse()),
            Step::Rotate { degrees } => {
                if !is_quarter_turn(*degrees) {
                    return Err(NotInvertible(format!(
                        "rot({}) interpolates pixels, so rot({}) only undoes it approximately",
                        fmt_num(*degrees),
                        fmt_num(-degrees)
                    )));
                }
                Step::Rotate { degrees: -degrees }
            }
            Step::Permute { perm, features_only } => {
                let mut inv = vec![0; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    if p < inv.len() {
                        inv[p] = i;
                    }
                }
                Step::Permute { perm: inv, features_only: *features_only }
            }
            Step::PermuteSeeded { seed, inverse, features_only } => {
                Step::PermuteSeeded { seed: *seed, inverse: !inverse, features_only: *features_only }
            }
            Step::Swap { .. } | Step::ReverseComplement => self.clone(),
            Step::Delay { .. } => {
                return Err(NotInvertible(
                    "a delay adds time steps; time translations of a padded sequence form a monoid, not a group".into(),
                ))
            }
            Step::Warp { .. } => {
                return Err(NotInvertible(
                    "warp(A) resamples time: warp(1/A) undoes it only for a whole A, and nothing undoes warp(1/A) (averaging loses detail); rescalings form a monoid, not a group".into(),
                ))
            }
        })
    }

    /// True when the step is an exact group element (it has an exact inverse).
    pub fn is_invertible(&self) -> bool {
        self.inverse().is_ok()
    }
}

fn is_quarter_turn(deg: f32) -> bool {
    (deg / 90.0 - (deg / 90.0).round()).abs() < 1e-6
}

/// Format a number without a trailing `.0` (for `rot(45)`, `warp(2)`).
pub fn fmt_num(v: f32) -> String {
    if v == v.trunc() && v.abs() < 1e9 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Shift { dx, dy, fill: Fill::Cyclic } => write!(f, "shift({dx},{dy})"),
            Step::Shift { dx, dy, fill: Fill::Zero } => write!(f, "zshift({dx},{dy})"),
            Step::Roll { k } => write!(f, "shift({k})"),
            Step::Point(m) => match m.name() {
                "transpose" | "antitranspose" => {
                    write!(f, "{}", m.as_word().join(";"))
                }
                n => f.write_str(n),
            },
            Step::Rotate { degrees } => write!(f, "rot({})", fmt_num(*degrees)),
            Step::Permute { perm, features_only } => {
                let list: Vec<String> = perm.iter().map(|p| p.to_string()).collect();
                write!(f, "{}({})", if *features_only { "permx" } else { "perm" }, list.join(","))
            }
            Step::PermuteSeeded { seed, inverse, features_only } => {
                let name = if *features_only { "permx" } else { "perm" };
                write!(f, "{name}({seed}){}", if *inverse { "^-1" } else { "" })
            }
            Step::Swap { i, j, features_only } => {
                write!(f, "{}({i},{j})", if *features_only { "swapx" } else { "swap" })
            }
            Step::ReverseComplement => f.write_str("rc"),
            Step::Delay { k } => write!(f, "delay({k})"),
            Step::Warp { factor } => write!(f, "warp({})", fmt_num(*factor)),
        }
    }
}

/// A group (or monoid) element: steps applied left to right. The empty word
/// is the identity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transform {
    pub steps: Vec<Step>,
}

impl Transform {
    pub fn identity() -> Self {
        Transform { steps: vec![] }
    }

    pub fn single(step: Step) -> Self {
        Transform { steps: vec![step] }
    }

    pub fn is_identity(&self) -> bool {
        self.steps.is_empty()
    }

    /// `self` followed by `next`: acting with the result is acting with
    /// `self`, then with `next`.
    pub fn then(&self, next: &Transform) -> Transform {
        let mut steps = self.steps.clone();
        steps.extend(next.steps.iter().cloned());
        Transform { steps }
    }

    /// The inverse element: the steps reversed, each inverted.
    pub fn inverse(&self) -> Result<Transform, NotInvertible> {
        let steps = self.steps.iter().rev().map(Step::inverse).collect::<Result<Vec<_>, _>>()?;
        Ok(Transform { steps })
    }

    /// The normal form of an image element made of cyclic shifts and point
    /// symmetries: `p -> M p + t`, shown as "M then shift(t)". `None` when
    /// the word has other steps (zero-fill shifts, interpolated rotations).
    pub fn image_normal_form(&self) -> Option<(Mat2, (i64, i64))> {
        let mut m = Mat2::IDENTITY;
        let mut t = (0i64, 0i64);
        for s in &self.steps {
            match s {
                Step::Shift { dx, dy, fill: Fill::Cyclic } => {
                    t = (t.0 + *dx as i64, t.1 + *dy as i64);
                }
                Step::Point(p) => {
                    m = p.mul(m);
                    t = p.apply(t.0, t.1);
                }
                Step::Rotate { degrees } if is_quarter_turn(*degrees) => {
                    let p = Mat2::rot90_pow((*degrees / 90.0).round() as i32);
                    m = p.mul(m);
                    t = p.apply(t.0, t.1);
                }
                _ => return None,
            }
        }
        Some((m, t))
    }

    /// The shortest equal word for image elements (see [`Self::image_normal_form`]),
    /// or the word itself.
    pub fn simplified(&self) -> Transform {
        match self.image_normal_form() {
            Some((m, t)) => {
                let mut steps: Vec<Step> = if m == Mat2::IDENTITY { vec![] } else { vec![Step::Point(m)] };
                if t != (0, 0) {
                    steps.push(Step::Shift { dx: t.0 as i32, dy: t.1 as i32, fill: Fill::Cyclic });
                }
                Transform { steps }
            }
            None => self.clone(),
        }
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.is_empty() {
            return f.write_str("identity");
        }
        let parts: Vec<String> = self.steps.iter().map(|s| s.to_string()).collect();
        f.write_str(&parts.join(";"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_composes_point_maps_and_shifts() {
        let g = Transform { steps: vec![Step::Shift { dx: 1, dy: 0, fill: Fill::Cyclic }, Step::Point(Mat2::ROT90)] };
        // Shift right then rotate ccw: the translation turns upwards.
        assert_eq!(g.image_normal_form(), Some((Mat2::ROT90, (0, -1))));
        assert_eq!(g.simplified().to_string(), "rot90;shift(0,-1)");
        let id = g.then(&g.inverse().unwrap());
        assert_eq!(id.image_normal_form(), Some((Mat2::IDENTITY, (0, 0))));
    }

    #[test]
    fn zero_fill_is_not_invertible() {
        let g = Transform::single(Step::Shift { dx: 1, dy: 1, fill: Fill::Zero });
        assert!(g.inverse().is_err());
    }
}
