//! Widgets shared by every lab: heatmaps and feature-map grids, matrices
//! with labels and highlights, the per-layer check readout, the error alert,
//! the compute-time readout, bar and line charts, activation tracks along a
//! sequence, the matrix heatmap of a sweep, the share bar, the "Save
//! PNG/SVG" control, and the frame every lab shares: the lab frame, the
//! compare strip, the transformation panel and a classifier's prediction.

pub mod alert;
pub mod bar_chart;
pub mod compare_strip;
pub mod compute_time;
pub mod draw_later;
pub mod explain;
pub mod feature_grid;
pub mod g_expression;
pub mod heatmap;
pub mod lab_frame;
pub mod layer_check;
pub mod line_chart;
pub mod matrix_heatmap;
pub mod matrix_view;
pub mod predict;
pub mod prediction;
pub mod save_image;
pub mod share_bar;
pub mod track_plot;
pub mod transform_panel;
pub mod visibility;
