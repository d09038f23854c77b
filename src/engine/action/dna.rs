//! The reverse complement and cyclic shifts acting on strands: `RC` reverses
//! positions and sends channel `c` to `pairing[c]` (A<->T, C<->G on one-hot
//! input, the partner filter on an RC-equivariant layer's output).

use super::{not_here, NoAction};
use crate::engine::space::{Signal, Space, Tensor};
use crate::engine::transform::Step;

pub(super) fn act(step: &Step, x: &Signal) -> Result<Signal, NoAction> {
    let Space::Strand { pairing } = &x.space else { unreachable!("dna::act is only called on strands") };
    let (c, l) = (x.data.shape()[0], x.data.shape()[1]);
    let data = match step {
        Step::ReverseComplement => {
            Tensor::from_shape_fn(vec![c, l], |ix| x.data[[pairing[ix[0]], l - 1 - ix[1]]])
        }
        Step::Roll { k } => {
            let k = *k as i64;
            Tensor::from_shape_fn(vec![c, l], |ix| x.data[[ix[0], (ix[1] as i64 - k).rem_euclid(l.max(1) as i64) as usize]])
        }
        _ => return Err(not_here(step, "DNA strands")),
    };
    Ok(Signal::new(data, x.space.clone()))
}
