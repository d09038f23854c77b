//! Widgets shared by every lab: heatmaps and feature-map grids, matrices
//! with labels and highlights, the per-layer check readout, the error alert
//! and the compute-time readout.

pub mod alert;
pub mod bar_chart;
pub mod compute_time;
pub mod feature_grid;
pub mod heatmap;
pub mod layer_check;
pub mod matrix_view;
