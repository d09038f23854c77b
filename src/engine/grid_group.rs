//! Finite groups of symmetries of the square grid (the point groups C4, D4 and
//! their subgroups), and how they move the pixels of an array.
//!
//! An element is a 2x2 integer matrix `M` acting on centred pixel coordinates
//! `(x, y)` (x to the right, y downwards, origin at the centre of the array):
//! `(T_M f)(p) = f(M⁻¹ p)`. Because `T_A T_B = T_{AB}`, a group is nothing more
//! than a list of matrices closed under multiplication: the Cayley table, the
//! inverses and the array transforms all follow. A new finite group on the
//! grid is a new list, not new layer code.

use ndarray::{Array2, ArrayView2};
use std::fmt;

/// A 2x2 integer matrix `[[a, b], [c, d]]` acting on `(x, y)` column vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mat2 {
    pub a: i32,
    pub b: i32,
    pub c: i32,
    pub d: i32,
}

impl Mat2 {
    pub const IDENTITY: Mat2 = Mat2 { a: 1, b: 0, c: 0, d: 1 };
    /// A quarter turn counterclockwise as seen on screen (y points down), the
    /// same as `numpy.rot90`.
    pub const ROT90: Mat2 = Mat2 { a: 0, b: 1, c: -1, d: 0 };
    /// Mirror left-right (`numpy.fliplr`).
    pub const FLIP_X: Mat2 = Mat2 { a: -1, b: 0, c: 0, d: 1 };
    /// Mirror top-bottom (`numpy.flipud`).
    pub const FLIP_Y: Mat2 = Mat2 { a: 1, b: 0, c: 0, d: -1 };

    /// Matrix product `self * other` (apply `other` first). A plain method, not
    /// `std::ops::Mul`, so call sites read as group composition.
    #[allow(clippy::should_implement_trait)]
    pub fn mul(self, o: Mat2) -> Mat2 {
        Mat2 {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
        }
    }

    /// The inverse; for the orthogonal matrices used here it is the transpose.
    pub fn inverse(self) -> Mat2 {
        Mat2 { a: self.a, b: self.c, c: self.b, d: self.d }
    }

    pub fn apply(self, x: i64, y: i64) -> (i64, i64) {
        (self.a as i64 * x + self.b as i64 * y, self.c as i64 * x + self.d as i64 * y)
    }

    /// `numpy.rot90(.., k)`: `k` quarter turns counterclockwise.
    pub fn rot90_pow(k: i32) -> Mat2 {
        let mut m = Mat2::IDENTITY;
        for _ in 0..k.rem_euclid(4) {
            m = Mat2::ROT90.mul(m);
        }
        m
    }

    /// True when the map swaps the two axes (a quarter turn or a diagonal flip).
    pub fn swaps_axes(self) -> bool {
        self.a == 0
    }

    /// The everyday name of this element of D4.
    pub fn name(self) -> &'static str {
        match (self.a, self.b, self.c, self.d) {
            (1, 0, 0, 1) => "identity",
            (0, 1, -1, 0) => "rot90",
            (-1, 0, 0, -1) => "rot180",
            (0, -1, 1, 0) => "rot270",
            (-1, 0, 0, 1) => "flipx",
            (1, 0, 0, -1) => "flipy",
            (0, 1, 1, 0) => "transpose",
            (0, -1, -1, 0) => "antitranspose",
            _ => "matrix",
        }
    }

    /// A word of `rot90`/`flipx` generators equal to this element (applied
    /// left to right), used to display composed elements.
    pub fn as_word(self) -> Vec<&'static str> {
        match self.name() {
            "identity" => vec![],
            "transpose" => vec!["flipx", "rot90"],
            "antitranspose" => vec!["flipx", "rot270"],
            other => vec![other],
        }
    }
}

impl fmt::Display for Mat2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which finite group of grid symmetries a layer is built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GridGroup {
    /// Only the identity: an ordinary CNN.
    Trivial,
    /// The four rotations by multiples of 90 degrees (the "p4" group with translations).
    C4,
    /// Rotations and reflections, 8 elements (the "p4m" group with translations).
    D4,
}

impl GridGroup {
    /// The elements, identity first. For C4 element `k` is `rot90^k`; for D4
    /// elements `0..4` are the rotations and `4 + k` is `rot90^k · flipx`.
    pub fn elements(self) -> Vec<Mat2> {
        let rots: Vec<Mat2> = (0..4).map(Mat2::rot90_pow).collect();
        match self {
            GridGroup::Trivial => vec![Mat2::IDENTITY],
            GridGroup::C4 => rots,
            GridGroup::D4 => {
                let mut all = rots.clone();
                all.extend(rots.iter().map(|r| r.mul(Mat2::FLIP_X)));
                all
            }
        }
    }

    pub fn order(self) -> usize {
        match self {
            GridGroup::Trivial => 1,
            GridGroup::C4 => 4,
            GridGroup::D4 => 8,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            GridGroup::Trivial => "trivial",
            GridGroup::C4 => "C4",
            GridGroup::D4 => "D4",
        }
    }

    /// The wallpaper group it makes with the grid translations (`p1`, `p4`,
    /// `p4m`), the suffix of the group layers' `data-kind`.
    pub fn wallpaper_name(self) -> &'static str {
        match self {
            GridGroup::Trivial => "p1",
            GridGroup::C4 => "p4",
            GridGroup::D4 => "p4m",
        }
    }

    /// The `data-kind` of the lifting convolution onto this group.
    pub fn lift_kind(self) -> &'static str {
        match self {
            GridGroup::Trivial => "lift_p1",
            GridGroup::C4 => "lift_p4",
            GridGroup::D4 => "lift_p4m",
        }
    }

    /// The `data-kind` of the group convolution on this group.
    pub fn gconv_kind(self) -> &'static str {
        match self {
            GridGroup::Trivial => "gconv_p1",
            GridGroup::C4 => "gconv_p4",
            GridGroup::D4 => "gconv_p4m",
        }
    }

    /// Index of `m` in [`Self::elements`], if `m` belongs to the group.
    pub fn index_of(self, m: Mat2) -> Option<usize> {
        self.elements().iter().position(|&e| e == m)
    }

    /// The Cayley table: `table[i][j]` is the index of `e_i · e_j`.
    pub fn cayley_table(self) -> Vec<Vec<usize>> {
        let els = self.elements();
        els.iter()
            .map(|&a| els.iter().map(|&b| self.index_of(a.mul(b)).expect("the element lists are closed")).collect())
            .collect()
    }

    /// Index of the inverse of element `i`.
    pub fn inverse_index(self, i: usize) -> usize {
        let els = self.elements();
        self.index_of(els[i].inverse()).expect("the element lists are closed under inverse")
    }
}

/// Apply the point transformation `m` (about the centre) to a 2-D array:
/// `out[p] = a[m⁻¹ p]` in centred coordinates. A quarter turn swaps the shape.
pub fn transform_plane(a: ArrayView2<f32>, m: Mat2) -> Array2<f32> {
    let (h, w) = a.dim();
    if m == Mat2::IDENTITY {
        return a.to_owned();
    }
    let (oh, ow) = if m.swaps_axes() { (w, h) } else { (h, w) };
    let inv = m.inverse();
    // Doubled centred coordinates keep the half-integer centre of even sizes exact.
    Array2::from_shape_fn((oh, ow), |(i, j)| {
        let u = 2 * j as i64 - (ow as i64 - 1);
        let v = 2 * i as i64 - (oh as i64 - 1);
        let (su, sv) = inv.apply(u, v);
        let sj = ((su + (w as i64 - 1)) / 2) as usize;
        let si = ((sv + (h as i64 - 1)) / 2) as usize;
        a[(si, sj)]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rot90_matches_numpy() {
        // numpy: np.rot90(np.array([[1, 2], [3, 4]])) == [[2, 4], [1, 3]]
        let a = array![[1.0f32, 2.0], [3.0, 4.0]];
        assert_eq!(transform_plane(a.view(), Mat2::ROT90), array![[2.0, 4.0], [1.0, 3.0]]);
        // np.rot90(np.arange(6).reshape(2, 3)) == [[2, 5], [1, 4], [0, 3]]
        let b = Array2::from_shape_fn((2, 3), |(i, j)| (3 * i + j) as f32);
        assert_eq!(transform_plane(b.view(), Mat2::ROT90), array![[2.0, 5.0], [1.0, 4.0], [0.0, 3.0]]);
    }

    #[test]
    fn flips_match_numpy() {
        let b = Array2::from_shape_fn((2, 3), |(i, j)| (3 * i + j) as f32);
        assert_eq!(transform_plane(b.view(), Mat2::FLIP_X), array![[2.0, 1.0, 0.0], [5.0, 4.0, 3.0]]);
        assert_eq!(transform_plane(b.view(), Mat2::FLIP_Y), array![[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]]);
    }

    #[test]
    fn groups_are_closed_and_d4_is_not_commutative() {
        for g in [GridGroup::Trivial, GridGroup::C4, GridGroup::D4] {
            let t = g.cayley_table();
            assert_eq!(t.len(), g.order());
            for i in 0..g.order() {
                assert_eq!(t[i][g.inverse_index(i)], 0);
            }
        }
        assert_ne!(Mat2::ROT90.mul(Mat2::FLIP_X), Mat2::FLIP_X.mul(Mat2::ROT90));
    }

    #[test]
    fn names_cover_d4() {
        for m in GridGroup::D4.elements() {
            assert_ne!(m.name(), "matrix");
            let mut w = Mat2::IDENTITY;
            for s in m.as_word() {
                let g = match s {
                    "rot90" => Mat2::ROT90,
                    "rot180" => Mat2::rot90_pow(2),
                    "rot270" => Mat2::rot90_pow(3),
                    "flipx" => Mat2::FLIP_X,
                    "flipy" => Mat2::FLIP_Y,
                    _ => unreachable!(),
                };
                w = g.mul(w);
            }
            assert_eq!(w, m, "{}", m.name());
        }
    }
}
