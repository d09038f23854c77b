//! How g moves the orientation planes of a group layer (p4, p4m): the
//! group algebra behind the orbit picture and its words. A point symmetry
//! is split into "mirror first (or not), then turn by k·90°"; an element of
//! the layer's group lands every plane on another plane's slot, anything
//! else (a flip on p4 maps, an interpolated rotation) does not.

use crate::engine::grid_group::{GridGroup, Mat2};
use crate::engine::transform::{Step, Transform};

/// A rigid motion of the picture: first a left-right mirror (when `flip`),
/// then a turn about the centre by `degrees` counterclockwise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingMotion {
    pub flip: bool,
    pub degrees: f64,
}

/// The everyday name of orientation `i` of `group`: `e`, `r`, `r²`, `r³`,
/// then `f`, `rf`, `r²f`, `r³f` (r = quarter turn, f = mirror left-right;
/// `r²f` means "mirror, then turn twice").
pub fn element_label(group: GridGroup, i: usize) -> &'static str {
    const NAMES: [&str; 8] = ["e", "r", "r²", "r³", "f", "rf", "r²f", "r³f"];
    NAMES.get(i).copied().filter(|_| i < group.order()).unwrap_or("?")
}

/// What g does to the orientation planes of a group layer.
#[derive(Clone, Debug, PartialEq)]
pub enum Motion {
    Identity,
    /// Only a shift: every plane moves, the orientations keep their slots.
    ShiftOnly,
    /// A rigid motion of the picture. `exact` for elements of the group
    /// (then every tile lands on a slot); `with_shift` when g also shifts.
    Turn {
        motion: RingMotion,
        exact: bool,
        with_shift: bool,
    },
    /// A point symmetry that is not in the group (a flip on p4 maps).
    NotInGroup(&'static str),
    /// Anything else (several interpolated rotations, zero-fill shifts).
    Other,
}

/// Split a point symmetry into "mirror first (or not), then turn by k·90°".
fn decompose(m: Mat2) -> Option<RingMotion> {
    (0..4).find_map(|k| {
        let r = Mat2::rot90_pow(k);
        if r == m {
            Some(RingMotion { flip: false, degrees: 90.0 * k as f64 })
        } else if r.mul(Mat2::FLIP_X) == m {
            Some(RingMotion { flip: true, degrees: 90.0 * k as f64 })
        } else {
            None
        }
    })
}

/// How g moves the planes of a layer on `group`.
pub fn motion_of(g: &Transform, group: GridGroup) -> Motion {
    match g.image_normal_form() {
        Some((m, t)) if m == Mat2::IDENTITY => {
            if t == (0, 0) {
                Motion::Identity
            } else {
                Motion::ShiftOnly
            }
        }
        Some((m, t)) => match (group.index_of(m), decompose(m)) {
            (Some(_), Some(motion)) => Motion::Turn { motion, exact: true, with_shift: t != (0, 0) },
            _ => Motion::NotInGroup(m.name()),
        },
        None => match g.steps.as_slice() {
            [Step::Rotate { degrees }] => Motion::Turn {
                motion: RingMotion { flip: false, degrees: *degrees as f64 },
                exact: false,
                with_shift: false,
            },
            _ => Motion::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(m: Mat2) -> Transform {
        Transform::single(Step::Point(m))
    }

    #[test]
    fn every_point_symmetry_is_a_mirror_then_a_turn() {
        for k in 0..4 {
            let r = Mat2::rot90_pow(k);
            assert_eq!(decompose(r), Some(RingMotion { flip: false, degrees: 90.0 * k as f64 }));
            assert_eq!(decompose(r.mul(Mat2::FLIP_X)), Some(RingMotion { flip: true, degrees: 90.0 * k as f64 }));
        }
    }

    #[test]
    fn motions_on_p4_and_p4m() {
        assert_eq!(motion_of(&Transform::identity(), GridGroup::C4), Motion::Identity);
        let turn = motion_of(&point(Mat2::ROT90), GridGroup::C4);
        assert!(
            matches!(turn, Motion::Turn { exact: true, with_shift: false, motion } if !motion.flip && motion.degrees == 90.0)
        );
        // A flip is not in C4 but is in D4.
        assert!(matches!(motion_of(&point(Mat2::FLIP_X), GridGroup::C4), Motion::NotInGroup(_)));
        assert!(matches!(motion_of(&point(Mat2::FLIP_X), GridGroup::D4), Motion::Turn { exact: true, .. }));
        // An interpolated rotation moves the planes, but onto no slot.
        let rot = Transform::single(Step::Rotate { degrees: 45.0 });
        assert!(matches!(motion_of(&rot, GridGroup::C4), Motion::Turn { exact: false, .. }));
        assert_eq!(element_label(GridGroup::D4, 5), "rf");
        assert_eq!(element_label(GridGroup::C4, 5), "?");
    }
}
