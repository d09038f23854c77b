//! Sweeps behind the labs' charts: the same check as the per-layer readout,
//! repeated over a parameter (padding length, warp factor) so a chart can show
//! how an error grows or decays.

pub mod sequence;
pub mod time_axis;
