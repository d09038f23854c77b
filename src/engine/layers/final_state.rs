//! Final state: the last row of a state trajectory, `h_T`, the summary of
//! the whole sequence that a classifier head would read. Its output lives on
//! [`Space::Invariant`]: a delay prepends rows and leaves the last one in
//! place, and a warp ends at the same instant (row `A·T − 1` of the warped
//! trajectory is the instant `T`), so the only sensible action of `g` on the
//! final state is the identity. Whether it really does not move is what the
//! check measures: exactly so for S1 when the cell keeps its rest state
//! (`f(0, h0) = h0`), approximately when the padding only brings the state
//! near a fixed point, and for S2 when a slowed gate follows the warp.

use super::{Geometry, Layer, LayerError};
use crate::engine::space::{Signal, Space, Tensor};
use ndarray::Ix2;

/// The last state of a trajectory (the initial state if it has no steps).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FinalState;

impl Layer for FinalState {
    fn kind(&self) -> &'static str {
        "final_state"
    }

    fn label(&self) -> String {
        "final state h_T".into()
    }

    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let v = x
            .data
            .view()
            .into_dimensionality::<Ix2>()
            .map_err(|_| LayerError("the final state needs a (T, H) sequence of states".into()))?;
        let last: Vec<f32> = match (&x.space, v.nrows()) {
            (Space::Trajectory { initial }, 0) => initial.clone(),
            (Space::Trajectory { .. } | Space::Time, t) if t > 0 => v.row(t - 1).to_vec(),
            (Space::Time, _) => vec![0.0; v.ncols()],
            (other, _) => {
                return Err(LayerError(format!("the final state needs a sequence, got a {}", other.describe())))
            }
        };
        Ok(Signal::new(
            Tensor::from_shape_vec(vec![last.len()], last).map_err(|e| LayerError(e.to_string()))?,
            Space::Invariant,
        ))
    }

    fn geometry(&self) -> Geometry {
        Geometry::Global
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{arr2, Array2};

    #[test]
    fn last_row_or_initial_state() {
        let traj =
            Signal::new(arr2(&[[1.0, 2.0], [3.0, 4.0]]).into_dyn(), Space::Trajectory { initial: vec![9.0, 9.0] });
        assert_eq!(FinalState.forward(&traj).unwrap().data.as_slice().unwrap(), &[3.0, 4.0]);
        let empty = Signal::new(Array2::<f32>::zeros((0, 2)).into_dyn(), Space::Trajectory { initial: vec![9.0, 8.0] });
        assert_eq!(FinalState.forward(&empty).unwrap().data.as_slice().unwrap(), &[9.0, 8.0]);
        assert!(FinalState.forward(&Signal::image(ndarray::Array3::zeros((1, 2, 2)))).is_err());
    }
}
