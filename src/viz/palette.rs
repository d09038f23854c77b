//! Categorical colours (1-WL colour classes, node types): the eight
//! Okabe–Ito colours first, which colour-blind readers tell apart, then
//! evenly spread hues for the rare case of more classes.

const OKABE_ITO: [[u8; 3]; 8] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
    [150, 150, 150],
];

/// The colours of the two pipelines in small SVG charts (Okabe–Ito): x and
/// its outputs in blue, g·x and its outputs in vermillion, a difference in
/// reddish purple.
pub const X_CSS: &str = "#0072b2";
pub const GX_CSS: &str = "#d55e00";
pub const DIFF_CSS: &str = "#cc79a7";

/// The colour of class `k`.
pub fn category(k: usize) -> [u8; 3] {
    if let Some(c) = OKABE_ITO.get(k) {
        return *c;
    }
    // Golden-angle hues at medium lightness: neighbours stay far apart.
    let h = ((k - OKABE_ITO.len()) as f32 * 137.508) % 360.0;
    hsl(h, 0.55, 0.55)
}

fn hsl(h: f32, s: f32, l: f32) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    [r, g, b].map(|v| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8)
}
