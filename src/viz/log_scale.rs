//! Colours of a matrix heatmap whose cells are errors spanning many orders of
//! magnitude (a layers × group elements sweep): the logarithm of the value is
//! mapped onto viridis between a floor (exact: dark) and a top (broken:
//! yellow), and the text on each cell picks black or white to stay readable.

use super::colormap::{ColorMap, Scale};

/// A logarithmic colour scale from `floor` to `top`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogScale {
    pub floor: f64,
    pub top: f64,
}

impl LogScale {
    /// Where `v` sits between the floor (0) and the top (1); zero and
    /// anything below the floor give 0, infinity gives 1.
    pub fn position(&self, v: f64) -> f32 {
        if v.is_nan() || v <= self.floor {
            return 0.0;
        }
        let (lo, hi) = (self.floor.log10(), self.top.log10());
        (((v.log10() - lo) / (hi - lo).max(1e-12)).clamp(0.0, 1.0)) as f32
    }

    /// Background and text colours (CSS) of a cell holding `v`.
    pub fn cell_colors(&self, v: f64) -> (String, &'static str) {
        let t = self.position(v);
        let [r, g, b] = Scale { map: ColorMap::Viridis, lo: 0.0, hi: 1.0 }.color(t);
        // Relative luminance (sRGB weights): light cells get dark text.
        let lum = 0.2126 * r as f32 + 0.7152 * g as f32 + 0.0722 * b as f32;
        (format!("rgb({r},{g},{b})"), if lum > 140.0 { "#10131a" } else { "#ffffff" })
    }

    /// A CSS gradient of the scale, for the colour bar.
    pub fn css_gradient(&self) -> String {
        let stops: Vec<String> = (0..=8)
            .map(|i| {
                let [r, g, b] = Scale { map: ColorMap::Viridis, lo: 0.0, hi: 1.0 }.color(i as f32 / 8.0);
                format!("rgb({r},{g},{b})")
            })
            .collect();
        format!("linear-gradient(to right, {})", stops.join(", "))
    }
}
