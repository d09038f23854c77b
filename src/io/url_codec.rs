//! Compact, URL-safe encodings of a learner's own input, so that a copied
//! link carries a drawing (and other small inputs) with it: bytes are
//! deflated (miniz_oxide) and written in unpadded URL-safe base64.
//!
//! Decoding never trusts the text: its length, the inflated size and the
//! image dimensions are all bounded before anything is allocated.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ndarray::{Array2, ArrayView2};

/// Longest encoded value accepted, in characters.
pub const MAX_ENCODED: usize = 48 * 1024;
/// Largest inflated payload accepted, in bytes.
pub const MAX_INFLATED: usize = 1 << 20;
/// What fits comfortably in a shared link.
pub const LINK_BUDGET: usize = 8 * 1024;

/// Deflate and base64 some bytes.
pub fn pack(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 9))
}

/// The inverse of [`pack`], refusing anything over the limits.
pub fn unpack(text: &str) -> Result<Vec<u8>, String> {
    unpack_within(text, MAX_ENCODED, MAX_INFLATED)
}

/// [`unpack`] with other limits: at most `max_encoded` characters, inflating
/// to at most `max_inflated` bytes (a code in an exported file may be larger
/// than one in a link).
pub fn unpack_within(text: &str, max_encoded: usize, max_inflated: usize) -> Result<Vec<u8>, String> {
    if text.len() > max_encoded {
        return Err(format!("the encoded input is longer than {} kB", max_encoded / 1024));
    }
    let deflated =
        URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| "the encoded input is not valid base64".to_string())?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, max_inflated)
        .map_err(|_| format!("the encoded input is damaged or larger than {} kB", max_inflated / 1024))
}

/// An image with values in `[0, 1]`, quantised to 256 levels: a version byte,
/// the height and width (u16 little-endian), then one byte per pixel.
pub fn encode_image(a: ArrayView2<f32>) -> String {
    let (h, w) = a.dim();
    let mut bytes = Vec::with_capacity(5 + h * w);
    bytes.push(1u8);
    bytes.extend_from_slice(&(h.min(u16::MAX as usize) as u16).to_le_bytes());
    bytes.extend_from_slice(&(w.min(u16::MAX as usize) as u16).to_le_bytes());
    bytes.extend(a.iter().map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() as u8));
    pack(&bytes)
}

/// Decode an image made by [`encode_image`]; its side must be at most `max_side`.
pub fn decode_image(text: &str, max_side: usize) -> Result<Array2<f32>, String> {
    let bytes = unpack(text)?;
    let [version, h0, h1, w0, w1, pixels @ ..] = bytes.as_slice() else {
        return Err("the encoded image is too short".into());
    };
    if *version != 1 {
        return Err(format!("the encoded image has an unknown version {version}"));
    }
    let (h, w) = (u16::from_le_bytes([*h0, *h1]) as usize, u16::from_le_bytes([*w0, *w1]) as usize);
    if h == 0 || w == 0 || h > max_side || w > max_side {
        return Err(format!("the encoded image is {h}×{w}; images up to {max_side}×{max_side} are accepted"));
    }
    if pixels.len() != h * w {
        return Err("the encoded image has the wrong number of pixels".into());
    }
    Array2::from_shape_vec((h, w), pixels.iter().map(|&b| b as f32 / 255.0).collect()).map_err(|e| e.to_string())
}

/// Largest number of points a curve code may hold.
pub const MAX_CURVE_POINTS: usize = 20_000;

/// A drawn curve of `(time, value)` points, times in `[0, 64)` and values in
/// `[-1, 1]`: a version byte, the count (u16 little-endian), then per point
/// the time in 1/1024 steps (u16) and the value in 1/32767 steps (i16).
pub fn encode_curve(points: &[(f32, f32)]) -> String {
    let n = points.len().min(MAX_CURVE_POINTS);
    let mut bytes = Vec::with_capacity(3 + 4 * n);
    bytes.push(1u8);
    bytes.extend_from_slice(&(n as u16).to_le_bytes());
    for &(t, v) in &points[..n] {
        bytes.extend_from_slice(&((t.clamp(0.0, 63.999) * 1024.0).round() as u16).to_le_bytes());
        bytes.extend_from_slice(&((v.clamp(-1.0, 1.0) * 32767.0).round() as i16).to_le_bytes());
    }
    pack(&bytes)
}

/// Decode a curve made by [`encode_curve`].
pub fn decode_curve(text: &str) -> Result<Vec<(f32, f32)>, String> {
    let bytes = unpack(text)?;
    let [version, n0, n1, rest @ ..] = bytes.as_slice() else {
        return Err("the encoded curve is too short".into());
    };
    if *version != 1 {
        return Err(format!("the encoded curve has an unknown version {version}"));
    }
    let n = u16::from_le_bytes([*n0, *n1]) as usize;
    if n == 0 || n > MAX_CURVE_POINTS || rest.len() != 4 * n {
        return Err("the encoded curve has the wrong number of points".into());
    }
    Ok(rest
        .chunks_exact(4)
        .map(|c| {
            let t = u16::from_le_bytes([c[0], c[1]]) as f32 / 1024.0;
            let v = i16::from_le_bytes([c[2], c[3]]) as f32 / 32767.0;
            (t, v.clamp(-1.0, 1.0))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::image_presets;

    #[test]
    fn a_drawing_fits_a_link_and_round_trips_to_the_quantum() {
        let img = image_presets::render("digit3", 64).unwrap();
        let code = encode_image(img.view());
        assert!(code.len() < LINK_BUDGET / 4, "{} characters", code.len());
        let back = decode_image(&code, 64).unwrap();
        assert!(img.iter().zip(back.iter()).all(|(a, b)| (a - b).abs() <= 0.5 / 255.0 + 1e-6));
    }

    #[test]
    fn a_curve_round_trips_to_the_quantum_and_bad_codes_are_refused() {
        let curve: Vec<(f32, f32)> = (0..200).map(|k| (k as f32 * 0.05, (k as f32 * 0.3).sin())).collect();
        let code = encode_curve(&curve);
        assert!(code.len() < LINK_BUDGET, "{} characters", code.len());
        let back = decode_curve(&code).unwrap();
        assert_eq!(back.len(), curve.len());
        assert!(curve.iter().zip(&back).all(|(a, b)| (a.0 - b.0).abs() <= 1e-3 && (a.1 - b.1).abs() <= 1e-4));
        assert!(decode_curve(&pack(&[1, 2, 0, 1, 2, 3, 4])).is_err());
        assert!(decode_curve(&pack(&[1, 0, 0])).is_err());
        assert!(decode_curve("%%").is_err());
    }

    #[test]
    fn refuses_damaged_or_oversized_codes() {
        assert!(decode_image("not*base64", 64).is_err());
        assert!(decode_image(&pack(&[1, 0, 1]), 64).is_err());
        assert!(decode_image(&pack(&[2, 1, 0, 1, 0, 9]), 64).is_err());
        let big = Array2::<f32>::zeros((100, 100));
        assert!(decode_image(&encode_image(big.view()), 64).unwrap_err().contains("100×100"));
        // A deflate bomb: a megabyte and more of zeros.
        assert!(unpack(&pack(&vec![0u8; MAX_INFLATED + 10])).is_err());
        assert!(unpack(&"A".repeat(MAX_ENCODED + 1)).is_err());
    }
}
