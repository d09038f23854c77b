//! Decode a user's PNG or JPEG into the lab's working image: grayscale in
//! `[0, 1]`, letterboxed to a square and resized to the working size.
//!
//! Sizes are checked from the header before any pixel is allocated; anything
//! refused comes back as a message for the learner, never a panic.

use image::{imageops, GrayImage, ImageFormat, ImageReader, Limits};
use ndarray::Array2;
use std::io::Cursor;

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Largest side of a picture, in pixels.
pub const MAX_SIDE: u32 = 8192;
/// Most pixels in a picture.
pub const MAX_PIXELS: u64 = 24_000_000;

/// A decoded picture, ready for the lab.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedImage {
    pub pixels: Array2<f32>,
    /// Size of the file's picture before resizing.
    pub original: (u32, u32),
    /// What happened to it (downscaled, letterboxed), to show the learner.
    pub notice: Option<String>,
}

/// Decode `bytes` and fit the picture into `size × size`.
pub fn decode(bytes: &[u8], size: usize) -> Result<DecodedImage, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("the file is larger than {} MB", MAX_FILE_BYTES / (1024 * 1024)));
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "this file could not be read as an image".to_string())?;
    match reader.format() {
        Some(ImageFormat::Png) | Some(ImageFormat::Jpeg) => {}
        _ => return Err("this is not a PNG or JPEG image".into()),
    }
    let (w, h) = reader.into_dimensions().map_err(|e| format!("the image header is damaged: {e}"))?;
    check_dimensions(w, h)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "this file could not be read as an image".to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("the image could not be decoded (is it truncated?): {e}"))?;
    let gray = luminance_on_black(&img);
    Ok(fit(gray, size, (w, h)))
}

/// Refuse empty and oversized pictures before decoding them.
pub fn check_dimensions(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 {
        return Err(format!("the picture is {w}×{h}: it has no pixels"));
    }
    if w > MAX_SIDE || h > MAX_SIDE || (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!(
            "the picture is {w}×{h}; pictures up to {MAX_SIDE}×{MAX_SIDE} pixels and {} megapixels are accepted",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Grayscale luminance, with transparent pixels counted as 0 (no ink).
fn luminance_on_black(img: &image::DynamicImage) -> GrayImage {
    let rgba = img.to_rgba8();
    GrayImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let l = 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32;
        image::Luma([(l * p[3] as f32 / 255.0).round() as u8])
    })
}

/// Letterbox to a square (zeros around), resize to `size`, scale to `[0, 1]`.
fn fit(gray: GrayImage, size: usize, original: (u32, u32)) -> DecodedImage {
    let (w, h) = (gray.width(), gray.height());
    let side = w.max(h);
    let mut square = GrayImage::new(side, side);
    imageops::overlay(&mut square, &gray, ((side - w) / 2) as i64, ((side - h) / 2) as i64);
    let resized = if side as usize == size {
        square
    } else {
        let filter =
            if (side as usize) > size { imageops::FilterType::Triangle } else { imageops::FilterType::Nearest };
        imageops::resize(&square, size as u32, size as u32, filter)
    };
    let pixels =
        Array2::from_shape_fn((size, size), |(i, j)| resized.get_pixel(j as u32, i as u32).0[0] as f32 / 255.0);
    let mut notes = Vec::new();
    if side as usize > size {
        notes.push(format!("downscaled from {w}×{h} to {size}×{size}"));
    } else if (side as usize) < size {
        notes.push(format!("enlarged from {w}×{h} to {size}×{size}"));
    }
    if w != h {
        notes.push("padded to a square".to_string());
    }
    let notice = (!notes.is_empty()).then(|| format!("Your picture was {}.", notes.join(" and ")));
    DecodedImage { pixels, original, notice }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = GrayImage::from_fn(w, h, |x, _| image::Luma([(x * 40 % 256) as u8]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn decodes_and_downscales_with_a_notice() {
        let d = decode(&png(128, 100), 64).unwrap();
        assert_eq!(d.pixels.dim(), (64, 64));
        assert_eq!(d.original, (128, 100));
        assert!(d.notice.unwrap().contains("downscaled from 128×100"));
    }

    #[test]
    fn refuses_bad_files() {
        assert!(decode(b"hello, not an image", 64).unwrap_err().contains("not a PNG or JPEG"));
        let p = png(32, 32);
        assert!(decode(&p[..p.len() / 2], 64).is_err());
        assert!(decode(&[], 64).is_err());
        assert!(check_dimensions(0, 0).is_err());
        assert!(check_dimensions(20000, 20000).unwrap_err().contains("20000×20000"));
    }
}
