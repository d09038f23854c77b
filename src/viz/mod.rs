//! Drawing engine values onto canvases: colour maps, heatmaps of arrays,
//! charts, activation tracks and one-hot strands. Pure drawing functions,
//! called from components' effects.

pub mod bars;
pub mod colormap;
pub mod graph_points;
pub mod heatmap;
pub mod line_chart;
pub mod log_scale;
pub mod matrix;
pub mod one_hot;
pub mod orbit;
pub mod palette;
pub mod receptive_overlay;
pub mod theme;
pub mod tracks;
