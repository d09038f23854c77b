//! Strand pooling: `y[j, i] = max(x[c, i], x[π(c), i])` for every orbit
//! `{c, π(c)}` of the channel pairing (one output per pair, ordered by the
//! smaller channel; an unpaired channel passes through).
//!
//! Under RC the two members of a pair swap and the positions reverse; the
//! max does not care which member is which, so the output only reverses:
//! it lives on `Strand` with the identity pairing. A global pooling after
//! it then forgets the positions too, so the score is exactly RC-invariant
//! (claim D5): a motif is found on either strand. Taking the max over a
//! pair is the "either strand" of the biology; a mean would work as well.

use super::{expect_strand, identity_pairing, Layer, LayerError};
use crate::engine::space::{Signal, Space};
use ndarray::Array2;

/// Max over each channel pair (`strand_pool`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StrandPool;

/// The orbits of a pairing as `(c, π(c))` with `c <= π(c)`, in channel order.
pub fn orbits(pairing: &[usize]) -> Vec<(usize, usize)> {
    pairing.iter().enumerate().filter(|&(c, &q)| c <= q).map(|(c, &q)| (c, q)).collect()
}

impl Layer for StrandPool {
    fn kind(&self) -> &'static str {
        "strand_pool"
    }

    fn label(&self) -> String {
        "strand pooling: max over each pair (w, RC(w))".into()
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let (pairing, v) = expect_strand(x, "strand_pool")?;
        if pairing.iter().any(|&q| q >= pairing.len()) {
            return Err(LayerError("strand_pool: the channel pairing points past the channels".into()));
        }
        let pairs = orbits(pairing);
        let l = v.dim().1;
        let mut y = Array2::<f32>::zeros((pairs.len(), l));
        for (mut row, &(a, b)) in y.outer_iter_mut().zip(pairs.iter()) {
            ndarray::Zip::from(&mut row)
                .and(v.row(a))
                .and(v.row(b))
                .for_each(|d, &p, &q| *d = crate::engine::kernels::max(p, q));
        }
        Ok(Signal::new(y.into_dyn(), Space::Strand { pairing: identity_pairing(pairs.len()) }))
    }
}
