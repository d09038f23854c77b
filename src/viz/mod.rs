//! Drawing engine values onto canvases: colour maps, heatmaps of arrays,
//! charts. Pure drawing functions, called from components' effects.

pub mod bars;
pub mod colormap;
pub mod graph_points;
pub mod heatmap;
pub mod matrix;
pub mod palette;
pub mod receptive_overlay;
pub mod theme;
