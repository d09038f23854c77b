//! Write the sample exports of every lab (`symmetry_lab::export_samples`) as
//! JSON files, for `docs/check_export.py`:
//!
//! `cargo run --example export_samples -- DIR` writes `DIR/<lab>.json`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/exports".into());
    std::fs::create_dir_all(&dir)?;
    for e in symmetry_lab::export_samples::samples() {
        let path = format!("{dir}/{}.json", e.lab);
        std::fs::write(&path, &e.json)?;
        println!("wrote {path} ({} bytes)", e.json.len());
    }
    Ok(())
}
