//! Write a contact sheet of generated training digits to a PNG, to look at
//! what the classifier learns from: 10 rows (one per digit) of `cols`
//! samples, and below them the lab's digit presets `digit0` … `digit9`.
//!
//! `cargo run --release --example digit_sheet -- [out.png] [cols] [first]`

use symmetry_lab::engine::train::digits::{sample, Split};
use symmetry_lab::io::image_presets::{render, DIGITS};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).cloned().unwrap_or_else(|| "digits.png".into());
    let cols: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(12);
    let first: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (n, gap) = (64u32, 2u32);
    let (w, h) = (cols.max(10) as u32 * (n + gap), 11 * (n + gap));
    let mut img = image::GrayImage::from_pixel(w, h, image::Luma([128]));
    for d in 0..10u64 {
        for c in 0..cols {
            let (a, label) = sample(Split::Train, first * 10 + c * 10 + d, n as usize);
            assert_eq!(label as u64, d);
            for ((i, j), &v) in a.indexed_iter() {
                let (x, y) = (c as u32 * (n + gap) + j as u32, d as u32 * (n + gap) + i as u32);
                img.put_pixel(x, y, image::Luma([255 - (v * 255.0).round() as u8]));
            }
        }
    }
    for (c, name) in DIGITS.iter().enumerate() {
        let a = render(name, n as usize).ok_or("a digit preset")?;
        for ((i, j), &v) in a.indexed_iter() {
            let (x, y) = (c as u32 * (n + gap) + j as u32, 10 * (n + gap) + i as u32);
            img.put_pixel(x, y, image::Luma([255 - (v * 255.0).round() as u8]));
        }
    }
    img.save(&out)?;
    println!("wrote {out}");
    Ok(())
}
