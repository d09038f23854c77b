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

/// Resize so the longer side is `size`, letterbox to a `size × size` square
/// (zeros around), scale to `[0, 1]`. Resizing before padding keeps memory
/// to that of the picture and of the result: padding first would allocate a
/// `side × side` square, 64 megapixels for an 8192×1 strip from a tiny file.
fn fit(gray: GrayImage, size: usize, original: (u32, u32)) -> DecodedImage {
    let size = size.clamp(1, MAX_SIDE as usize);
    let (w, h) = (gray.width(), gray.height());
    let side = w.max(h);
    let scaled = |v: u32| ((v as f64 * size as f64 / side as f64).round() as u32).clamp(1, size as u32);
    let (tw, th) = (scaled(w), scaled(h));
    let resized = if (tw, th) == (w, h) {
        gray
    } else {
        let filter =
            if (side as usize) > size { imageops::FilterType::Triangle } else { imageops::FilterType::Nearest };
        imageops::resize(&gray, tw, th, filter)
    };
    let mut square = GrayImage::new(size as u32, size as u32);
    imageops::overlay(&mut square, &resized, ((size as u32 - tw) / 2) as i64, ((size as u32 - th) / 2) as i64);
    let pixels = Array2::from_shape_fn((size, size), |(i, j)| square.get_pixel(j as u32, i as u32).0[0] as f32 / 255.0);
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
    fn strips_are_letterboxed_without_a_side_by_side_square() {
        // An 8192×1 strip: padding to a square first would allocate 64 megapixels.
        let d = decode(&png(MAX_SIDE, 1), 32).unwrap();
        assert_eq!(d.pixels.dim(), (32, 32));
        // One row high after scaling, at row (32 - 1) / 2 = 15; zeros elsewhere.
        for (i, row) in d.pixels.rows().into_iter().enumerate() {
            assert_eq!(row.iter().any(|&p| p > 0.0), i == 15, "row {i}");
        }
        let tall = decode(&png(3, 20), 64).unwrap();
        assert_eq!(tall.pixels.dim(), (64, 64));
        assert!(tall.notice.unwrap().contains("enlarged from 3×20 to 64×64 and padded to a square"));
    }

    #[test]
    fn every_limit_is_checked_and_stated() {
        let big = vec![0u8; MAX_FILE_BYTES + 1];
        assert_eq!(decode(&big, 64).unwrap_err(), "the file is larger than 20 MB");
        let e = check_dimensions(MAX_SIDE + 1, 1).unwrap_err();
        assert!(e.contains("up to 8192×8192 pixels and 24 megapixels"), "{e}");
        assert!(check_dimensions(6000, 6000).unwrap_err().contains("24 megapixels"));
        assert!(check_dimensions(MAX_SIDE, 2929).is_ok());
        // The header is read before any pixel: a PNG claiming 100000×1 is refused at once.
        let mut p = png(1, 1);
        p[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&p[12..29]);
        p[29..33].copy_from_slice(&crc.to_be_bytes());
        let e = decode(&p, 64).unwrap_err();
        assert!(e.contains("100000×1") && e.contains("8192×8192"), "{e}");
    }

    /// The PNG chunk checksum (CRC-32, polynomial 0xEDB88320).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
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
