//! Drawing engine values onto canvases: colour maps, heatmaps of arrays,
//! charts. Pure drawing functions, called from components' effects.

pub mod bars;
pub mod colormap;
pub mod heatmap;
pub mod line_chart;
pub mod receptive_overlay;
