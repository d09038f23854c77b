//! Helpers for arrays whose last two axes are a spatial plane `(.., H, W)`:
//! images `(C, H, W)` and group feature maps `(C, |G|, H, W)` alike.

use crate::engine::space::Tensor;
use ndarray::{Array2, ArrayView2};

/// Apply `f` to every trailing `(H, W)` plane; all results must share one shape.
pub fn map_planes(data: &Tensor, f: impl Fn(ArrayView2<f32>) -> Array2<f32>) -> Tensor {
    let shape = data.shape().to_vec();
    let nd = shape.len();
    assert!(nd >= 2, "map_planes needs at least two axes");
    let (h, w) = (shape[nd - 2], shape[nd - 1]);
    let lead: usize = shape[..nd - 2].iter().product();
    let std = data.as_standard_layout();
    let flat = std.view().into_shape_with_order((lead, h, w)).expect("standard layout reshapes");
    // The first plane gives the output size; every plane is then written
    // straight into the output (no second copy of all the planes).
    let mut planes = flat.outer_iter();
    let first = match planes.next() {
        Some(p) => f(p),
        None => f(Array2::zeros((h, w)).view()),
    };
    let (oh, ow) = first.dim();
    let mut out_shape = shape[..nd - 2].to_vec();
    out_shape.extend([oh, ow]);
    let mut out = Tensor::zeros(out_shape);
    if lead > 0 {
        let mut view = out.view_mut().into_shape_with_order((lead, oh, ow)).expect("fresh arrays are contiguous");
        let mut dst = view.outer_iter_mut();
        if let Some(mut d) = dst.next() {
            d.assign(&first);
        }
        for (mut d, src) in dst.zip(planes) {
            d.assign(&f(src));
        }
    }
    out
}

/// Number of spatial planes and their size `(planes, H, W)`.
pub fn plane_dims(data: &Tensor) -> (usize, usize, usize) {
    let s = data.shape();
    let nd = s.len();
    (s[..nd - 2].iter().product(), s[nd - 2], s[nd - 1])
}

/// The 2-D pictures of an array, for display: a vector is one `1 × n` row, a
/// matrix is itself, and higher arrays give one picture per trailing plane
/// (per channel of `(C, H, W)`, per channel and orientation of `(C, |G|, H, W)`).
pub fn split_planes(data: &Tensor) -> Vec<Array2<f32>> {
    let std = data.as_standard_layout();
    match data.ndim() {
        0 => vec![Array2::from_elem((1, 1), std.iter().next().copied().unwrap_or(0.0))],
        1 => vec![Array2::from_shape_vec((1, data.len()), std.iter().copied().collect()).expect("length matches")],
        2 => vec![std.view().into_dimensionality().expect("two axes").to_owned()],
        _ => {
            let (n, h, w) = plane_dims(data);
            let flat = std.view().into_shape_with_order((n, h, w)).expect("standard layout reshapes");
            flat.outer_iter().map(|p| p.to_owned()).collect()
        }
    }
}
