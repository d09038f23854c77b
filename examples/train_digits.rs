//! Train the digit classifiers behind the image lab's `filters=trained` and
//! write them, int8-quantised, to `src/engine/models/image/trained_digits.bin`.
//!
//! ```sh
//! cargo run --release --example train_digits              # all four presets
//! cargo run --release --example train_digits -- --arch p4cnn --steps 2000
//! ```
//!
//! Options: `--arch NAME` (repeat; default all four), `--steps N`, `--batch N`,
//! `--lr X`, `--spec C1,C2,K1,K2` (other sizes, to explore), `--threads N`
//! (default 2), `--test N` (held-out digits for the final measurement,
//! default 5000), `--out PATH`. Networks not trained in a run
//! keep their record in the output file. Each preset's sizes (channels and
//! kernels) and schedule are the recipe below; the README says why.

use std::time::Instant;
use symmetry_lab::engine::models::image::trained::{self, Spec, TrainedNet};
use symmetry_lab::engine::models::image::ImageArch;
use symmetry_lab::engine::train::digits::{self, Split};
use symmetry_lab::engine::train::fit::{evaluate, fit, network, FitConfig};

/// The recipe: sizes and schedule of each preset's trained variant.
fn recipe(arch: ImageArch) -> FitConfig {
    let (channels, kernels, steps, lr) = match arch {
        ImageArch::CnnGap => ([16, 32], [5, 5], 8000, 3e-3),
        ImageArch::CnnFlatten => ([8, 6], [5, 5], 6000, 2e-3),
        ImageArch::P4Cnn => ([6, 8], [5, 5], 12000, 3e-3),
        ImageArch::P4mCnn => ([2, 8], [5, 5], 12000, 3e-3),
    };
    FitConfig {
        spec: Spec { arch, channels, kernels },
        size: 64,
        steps,
        batch: 32,
        lr,
        final_lr: 0.02,
        weight_decay: 1e-4,
        validation: 1000,
        eval_every: 500,
        threads: 2,
        seed: 16,
    }
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mut archs: Vec<ImageArch> =
        args.windows(2).filter(|w| w[0] == "--arch").filter_map(|w| ImageArch::parse(&w[1])).collect();
    if archs.is_empty() {
        archs = ImageArch::ALL.to_vec();
    }
    let out: String = arg(&args, "--out").unwrap_or_else(|| "src/engine/models/image/trained_digits.bin".into());
    let test_count: usize = arg(&args, "--test").unwrap_or(5000);
    let mut nets: Vec<TrainedNet> = std::fs::read(&out).ok().and_then(|b| trained::decode(&b).ok()).unwrap_or_default();
    let test = digits::dataset(Split::Test, 0, test_count, 64);
    for arch in archs {
        let mut cfg = recipe(arch);
        cfg.steps = arg(&args, "--steps").unwrap_or(cfg.steps);
        cfg.batch = arg(&args, "--batch").unwrap_or(cfg.batch);
        cfg.threads = arg(&args, "--threads").unwrap_or(cfg.threads);
        cfg.lr = arg(&args, "--lr").unwrap_or(cfg.lr);
        if let Some(s) = arg::<String>(&args, "--spec") {
            let v: Vec<usize> = s.split(',').filter_map(|t| t.parse().ok()).collect();
            if let [c1, c2, k1, k2] = v[..] {
                cfg.spec = Spec { arch, channels: [c1, c2], kernels: [k1, k2] };
            }
        }
        println!("{}: {:?}, {} steps of {}", arch.name(), cfg.spec, cfg.steps, cfg.batch);
        let t = Instant::now();
        let (params, val) = fit(&cfg, None, |p| {
            println!(
                "  step {:5}  lr {:.5}  train loss {:.4}  train acc {:.3}  validation acc {:.3}  ({:.0} s)",
                p.step,
                p.lr,
                p.train_loss,
                p.train_accuracy,
                p.validation_accuracy,
                t.elapsed().as_secs_f64()
            )
        });
        let minutes = t.elapsed().as_secs_f64() / 60.0;
        let model = network(&cfg.spec, &params, cfg.size).model(arch.name());
        let (float_acc, _) = evaluate(&model, &test, cfg.threads);
        let mut net = TrainedNet {
            spec: cfg.spec,
            input_size: cfg.size,
            params,
            float_accuracy: float_acc,
            int8_accuracy: 0.0,
            held_out: test_count,
        };
        // Measure the weights as they will be committed: through the file.
        let quantised = trained::decode(&trained::encode(std::slice::from_ref(&net)))?.remove(0);
        let qmodel = network(&cfg.spec, &quantised.params, cfg.size).model(arch.name());
        let (int8_acc, confusion) = evaluate(&qmodel, &test, cfg.threads);
        net.int8_accuracy = int8_acc;
        println!(
            "{}: validation {:.4}, held-out f32 {:.4}, int8 {:.4} on {test_count}; {minutes:.1} min",
            arch.name(),
            val,
            float_acc,
            int8_acc
        );
        println!("  confusion (row: true digit, column: predicted):");
        for (d, row) in confusion.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| format!("{c:4}")).collect();
            println!("  {d}: {}", cells.join(""));
        }
        nets.retain(|n| n.spec.arch != arch);
        nets.push(net);
        nets.sort_by_key(|n| ImageArch::ALL.iter().position(|&a| a == n.spec.arch));
        let bytes = trained::encode(&nets);
        std::fs::write(&out, &bytes)?;
        println!("wrote {out} ({} bytes, {} networks)", bytes.len(), nets.len());
    }
    Ok(())
}
