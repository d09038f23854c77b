//! Decode a user's PNG or JPEG into the lab's working image: grayscale in
//! `[0, 1]`, letterboxed to a square and resized to the working size.
//!
//! Sizes are checked from the header before any pixel is allocated; anything
//! refused comes back as a message for the learner, never a panic.
//!
//! PNG goes through the `image` crate; JPEG through `jpeg-decoder` (the
//! `image` crate's own JPEG decoder, zune-jpeg 0.5.15, panics on some damaged
//! files: the image_decode fuzz target found one after 400,000 inputs, a
//! known upstream bug). jpeg-decoder also decodes at 1/2, 1/4 or 1/8 of the
//! size straight from the DCT, so a phone photo for a 64×64 lab costs a
//! sixty-fourth of its pixels.

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
    match image::guess_format(bytes) {
        Ok(ImageFormat::Png) => decode_png(bytes, size),
        Ok(ImageFormat::Jpeg) => decode_jpeg(bytes, size),
        _ => Err("this is not a PNG or JPEG image".into()),
    }
}

fn decode_png(bytes: &[u8], size: usize) -> Result<DecodedImage, String> {
    let reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
    let (w, h) = reader.into_dimensions().map_err(|e| format!("the image header is damaged: {e}"))?;
    check_dimensions(w, h)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("the image could not be decoded (is it truncated?): {e}"))?;
    let gray = luminance_on_black(&img);
    Ok(fit(gray, size, (w, h)))
}

fn decode_jpeg(bytes: &[u8], size: usize) -> Result<DecodedImage, String> {
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.set_max_decoding_buffer_size((MAX_PIXELS * 4) as usize);
    d.read_info().map_err(|e| format!("the image header is damaged: {e}"))?;
    let info = d.info().ok_or("the image header is damaged")?;
    let (w, h) = (info.width as u32, info.height as u32);
    check_dimensions(w, h)?;
    // The smallest DCT scale (1, 1/2, 1/4, 1/8) that still covers the working size.
    let want = size.clamp(1, MAX_SIDE as usize) as u16;
    let (sw, sh) = d.scale(want, want).map_err(|e| format!("the image could not be decoded: {e}"))?;
    let raw = d.decode().map_err(|e| format!("the image could not be decoded (is it truncated?): {e}"))?;
    let format = d.info().ok_or("the image header is damaged")?.pixel_format;
    let n = sw as usize * sh as usize;
    if raw.len() < n * format.pixel_bytes() {
        return Err("the image could not be decoded (is it truncated?)".into());
    }
    let luma = |r: u8, g: u8, b: u8| (0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32).round() as u8;
    let gray: Vec<u8> = match format {
        jpeg_decoder::PixelFormat::L8 => raw[..n].to_vec(),
        // Big-endian samples: the high byte.
        jpeg_decoder::PixelFormat::L16 => raw.chunks_exact(2).take(n).map(|p| p[0]).collect(),
        jpeg_decoder::PixelFormat::RGB24 => raw.chunks_exact(3).take(n).map(|p| luma(p[0], p[1], p[2])).collect(),
        // Adobe CMYK is stored inverted: r = c·k, g = m·k, b = y·k (on 0..255).
        jpeg_decoder::PixelFormat::CMYK32 => raw
            .chunks_exact(4)
            .take(n)
            .map(|p| {
                let k = p[3] as u32;
                let ch = |v: u8| ((v as u32 * k + 127) / 255) as u8;
                luma(ch(p[0]), ch(p[1]), ch(p[2]))
            })
            .collect(),
    };
    let gray = GrayImage::from_raw(sw as u32, sh as u32, gray).ok_or("the image could not be decoded")?;
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
    } else if side as usize > size {
        area_average(&gray, tw, th)
    } else {
        imageops::resize(&gray, tw, th, imageops::FilterType::Nearest)
    };
    let mut square = GrayImage::new(size as u32, size as u32);
    imageops::overlay(&mut square, &resized, ((size as u32 - tw) / 2) as i64, ((size as u32 - th) / 2) as i64);
    let pixels = Array2::from_shape_fn((size, size), |(i, j)| square.get_pixel(j as u32, i as u32).0[0] as f32 / 255.0);
    let mut notes = Vec::new();
    // The file's size (a JPEG may have been decoded at a fraction of it).
    let (ow, oh) = original;
    if side as usize > size || ow.max(oh) as usize > size {
        notes.push(format!("downscaled from {ow}×{oh} to {size}×{size}"));
    } else if (side as usize) < size {
        notes.push(format!("enlarged from {ow}×{oh} to {size}×{size}"));
    }
    if w != h {
        notes.push("padded to a square".to_string());
    }
    let notice = (!notes.is_empty()).then(|| format!("Your picture was {}.", notes.join(" and ")));
    DecodedImage { pixels, original, notice }
}

/// Shrink `src` to `tw × th` (each at most the source's) by averaging every
/// source pixel into the output cell it falls in: one pass, O(w·h). The
/// `image` crate's filtered resize costs O(w·h·w/tw) and took seconds on a
/// 2049×2048 JPEG of 357 bytes (found by the image_decode fuzz target).
fn area_average(src: &GrayImage, tw: u32, th: u32) -> GrayImage {
    let (w, h) = (src.width() as u64, src.height() as u64);
    let (tw64, th64) = (tw as u64, th as u64);
    let column: Vec<usize> = (0..w).map(|x| (x * tw64 / w) as usize).collect();
    let mut sum = vec![0u64; (tw64 * th64) as usize];
    let mut count = vec![0u64; sum.len()];
    for (y, row) in src.as_raw().chunks_exact(w.max(1) as usize).enumerate() {
        let base = (y as u64 * th64 / h.max(1)) as usize * tw as usize;
        for (&p, &cx) in row.iter().zip(&column) {
            if let (Some(s), Some(c)) = (sum.get_mut(base + cx), count.get_mut(base + cx)) {
                *s += p as u64;
                *c += 1;
            }
        }
    }
    let pixels = sum.iter().zip(&count).map(|(&s, &c)| ((s + c / 2) / c.max(1)) as u8).collect();
    GrayImage::from_raw(tw, th, pixels).unwrap_or_else(|| GrayImage::new(tw, th))
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
    fn area_average_is_the_mean_of_each_block() {
        // numpy: a = np.arange(24).reshape(4, 6); a.reshape(2, 2, 3, 2).mean(axis=(1, 3))
        //        == [[3.5, 5.5, 7.5], [15.5, 17.5, 19.5]] (rounded half up: 4, 6, 8, 16, 18, 20)
        let a = GrayImage::from_fn(6, 4, |x, y| image::Luma([(y * 6 + x) as u8]));
        assert_eq!(area_average(&a, 3, 2).into_raw(), vec![4, 6, 8, 16, 18, 20]);
        // Uneven blocks: 2049 columns into 32 cells; a constant picture stays constant.
        let big = GrayImage::from_pixel(2049, 2048, image::Luma([200]));
        let d = fit(big, 32, (2049, 2048));
        assert_eq!(d.pixels.dim(), (32, 32));
        assert!(d.pixels.iter().all(|&p| p == 200.0 / 255.0));
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
    fn decodes_jpeg_and_survives_the_file_that_crashed_zune_jpeg() {
        let jpg = include_bytes!("../../fuzz/corpus/image_decode/rgb16x9.jpg");
        let d = decode(jpg, 64).unwrap();
        assert_eq!(d.original, (16, 9));
        assert!(d.notice.unwrap().contains("16×9"));
        let gray = decode(include_bytes!("../../fuzz/corpus/image_decode/gray8x8.jpg"), 8).unwrap();
        assert!(gray.pixels.iter().any(|&p| p > 0.0));
        // Found by the image_decode fuzz target: zune-jpeg 0.5.15 panicked
        // (idct/avx2.rs:247, an unwrap on None); it must be a message.
        let crash = include_bytes!("../../fuzz/regressions/image_decode/zune-jpeg-idct-panic.jpg");
        let _ = decode(crash, 64);
    }

    #[test]
    fn a_jpeg_far_larger_than_the_working_size_is_decoded_at_a_fraction_of_it() {
        // 16×9 for a 4×4 lab: jpeg-decoder decodes at 1/2 or 1/4 from the DCT.
        // The notice keeps the file's size, and the picture keeps the full
        // decode's brightness (the DCT scale is itself an average).
        let jpg = include_bytes!("../../fuzz/corpus/image_decode/rgb16x9.jpg");
        let small = decode(jpg, 4).unwrap();
        assert_eq!(small.original, (16, 9));
        assert!(small.notice.as_deref().unwrap().contains("downscaled from 16×9 to 4×4"), "{:?}", small.notice);
        // The picture's rows (the letterbox rows are zeros) keep the full
        // decode's brightness on the picture's rows 3..12 of 16.
        let rows: Vec<_> = small.pixels.rows().into_iter().filter(|r| r.iter().any(|&p| p > 0.0)).collect();
        assert!(!rows.is_empty() && rows.len() < 4, "{}", small.pixels);
        let got = rows.iter().map(|r| r.sum()).sum::<f32>() / (4 * rows.len()) as f32;
        let full = decode(jpg, 16).unwrap();
        let want = full.pixels.slice_axis(ndarray::Axis(0), ndarray::Slice::from(3..12)).mean().unwrap_or(0.0);
        // Within 0.1: on 16×9 pixels the scaled IDCT, the colour conversion
        // and the resampling each round differently (measured 0.52 vs 0.46).
        assert!((got - want).abs() < 0.1, "mean brightness {got} vs {want}");
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
