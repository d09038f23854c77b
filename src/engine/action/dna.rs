//! The reverse complement and cyclic shifts acting on strands: `RC` reverses
//! positions and sends channel `c` to `pairing[c]` (A<->T, C<->G on one-hot
//! input, the partner filter on an RC-equivariant layer's output).
//!
//! Both are permutations of the entries, done row by row on contiguous
//! slices: the check applies them to every layer of a 100 kb strand.

use super::{not_here, NoAction};
use crate::engine::space::{Signal, Space};
use crate::engine::transform::Step;
use ndarray::{Array2, Ix2};

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let Space::Strand { pairing } = &x.space else { unreachable!("dna::act is only called on strands") };
    let v = x.data.view().into_dimensionality::<Ix2>().map_err(|_| NoAction("a strand has shape (C, L)".into()))?;
    let (c, l) = v.dim();
    if pairing.len() != c || pairing.iter().any(|&p| p >= c) {
        return Err(NoAction(format!("the strand's channel pairing {pairing:?} does not fit its {c} channels")));
    }
    let src = v.as_standard_layout();
    let rows = src.as_slice().expect("standard layout is contiguous");
    let mut out = Array2::<f32>::zeros((c, l));
    let dst = out.as_slice_mut().expect("fresh arrays are contiguous");
    match step {
        Step::ReverseComplement => {
            for (ci, d) in dst.chunks_exact_mut(l.max(1)).enumerate().take(c) {
                let s = &rows[pairing[ci] * l..(pairing[ci] + 1) * l];
                d.iter_mut().zip(s.iter().rev()).for_each(|(d, &v)| *d = v);
            }
        }
        Step::Roll { k } => {
            // out[i] = x[i - k mod L]: a rotation of every row to the right by k.
            let k = if l == 0 { 0 } else { (*k as i64).rem_euclid(l as i64) as usize };
            for (d, s) in dst.chunks_exact_mut(l.max(1)).zip(rows.chunks_exact(l.max(1))) {
                d[k..].copy_from_slice(&s[..l - k]);
                d[..k].copy_from_slice(&s[l - k..]);
            }
        }
        _ => return Err(not_here(step, "DNA strands")),
    }
    Ok(Signal::new(out.into_dyn(), x.space.clone()))
}
