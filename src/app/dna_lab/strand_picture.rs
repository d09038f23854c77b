//! A window of a one-hot strand as the picture both strand drawings use
//! (the compare strip's one-line strand and the input panel's tracks).

use crate::engine::downsample::Window;
use crate::engine::nucleotide::decode_iupac;
use crate::engine::space::Signal;
use crate::viz::one_hot::StrandPicture;
use std::rc::Rc;

/// A picture shared by identity, so an unchanged one is not redrawn.
#[derive(Clone, Debug)]
pub struct Picture(pub Rc<StrandPicture>);

impl PartialEq for Picture {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The picture of the window `w` of a one-hot strand signal.
pub fn picture(x: &Signal, w: Window) -> Picture {
    let total = x.data.shape().get(1).copied().unwrap_or(0);
    let w = w.clamp(total);
    let m = x.data.view().into_dimensionality::<ndarray::Ix2>().ok();
    let rows: [Vec<f32>; 4] = std::array::from_fn(|b| {
        m.as_ref().map(|m| m.row(b).iter().skip(w.start).take(w.len).copied().collect()).unwrap_or_default()
    });
    let letters = m
        .as_ref()
        .map(|m| decode_iupac(m.slice_axis(ndarray::Axis(1), ndarray::Slice::from(w.range()))))
        .unwrap_or_default();
    Picture(Rc::new(StrandPicture { rows, letters, start: w.start, total }))
}
