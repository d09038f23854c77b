//! The filter bank of a group convolution, laid out for display: every base
//! filter with its `|G|` transformed copies, so the weight sharing is visible
//! (one learned filter, `|G|` moved copies of it).
//!
//! Read straight from the expanded bank that the layer convolves with, so
//! what the learner sees is exactly what is computed.

use crate::engine::grid_group::{GridGroup, Mat2};
use ndarray::{Array3, ArrayView4, Axis};

/// One base filter and its copies.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseFilter {
    pub out_channel: usize,
    pub in_channel: usize,
    /// `copies[r]`: the filter moved by group element `r` (`copies[0]` is the
    /// base filter itself), shape `(planes, K, K)`: one plane for a lifting
    /// convolution, one per input orientation `h` for a group convolution
    /// (plane `h` of copy `r` is `T_r ψ[r⁻¹h]`: the planes turn AND change places).
    pub copies: Vec<Array3<f32>>,
}

/// All base filters of a layer.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterBank {
    pub group: GridGroup,
    /// The group elements in the order of `copies` (`Mat2::name` gives "rot90", ...).
    pub elements: Vec<Mat2>,
    /// Input orientations per filter: 1 (lifting) or `|G|` (group convolution).
    pub planes: usize,
    pub filters: Vec<BaseFilter>,
}

impl FilterBank {
    /// Split an expanded bank `(Cout·|G|, Cin·planes, K, K)` into base filters
    /// and copies.
    pub fn from_expanded(bank: ArrayView4<f32>, group: GridGroup, planes: usize) -> FilterBank {
        let g = group.order();
        let (rows, cols, k, _) = bank.dim();
        let (co, ci) = (rows / g, cols / planes.max(1));
        let mut filters = Vec::with_capacity(co * ci);
        for o in 0..co {
            for i in 0..ci {
                let copies = (0..g)
                    .map(|r| {
                        let row = bank.index_axis(Axis(0), o * g + r);
                        Array3::from_shape_fn((planes, k, k), |(h, u, v)| row[(i * planes + h, u, v)])
                    })
                    .collect();
                filters.push(BaseFilter { out_channel: o, in_channel: i, copies });
            }
        }
        FilterBank { group, elements: group.elements(), planes, filters }
    }
}
