//! The numbers the README gives about the committed digit classifiers:
//! held-out accuracy of every preset in the lab's settings (padding, local
//! pooling, orientation pooling, input side), its most frequent confusions,
//! and what it reads on each digit preset.
//!
//! `cargo run --release --example digits_report -- [held-out digits, default 2000]`

use ndarray::Axis;
use symmetry_lab::engine::kernels::conv2d::Padding;
use symmetry_lab::engine::layers::orient_pool::OrientReduce;
use symmetry_lab::engine::layers::pool::PoolMode;
use symmetry_lab::engine::models::filters::FilterSource;
use symmetry_lab::engine::models::image::trained::{committed_net, predict};
use symmetry_lab::engine::models::image::{build, ImageArch, ImageModelConfig};
use symmetry_lab::engine::space::Signal;
use symmetry_lab::engine::train::digits::{self, Split};
use symmetry_lab::engine::train::fit::evaluate;
use symmetry_lab::io::image_presets::{render, DIGITS};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let test64 = digits::dataset(Split::Test, 0, n, 64);
    let test63 = digits::dataset(Split::Test, 0, n, 63);
    for arch in ImageArch::ALL {
        let Some(net) = committed_net(arch) else { continue };
        println!(
            "{}: {:?} kernels {:?}; trainer: f32 {:.4}, int8 {:.4} on {}",
            arch.name(),
            net.spec.channels,
            net.spec.kernels,
            net.float_accuracy,
            net.int8_accuracy,
            net.held_out
        );
        let base = ImageModelConfig { filters: FilterSource::Trained, ..ImageModelConfig::for_arch(arch) };
        let mut settings = vec![
            ("as trained (circular, max pool)", base),
            ("zero padding", ImageModelConfig { padding: Padding::Zero, ..base }),
            ("average pooling", ImageModelConfig { pool: PoolMode::Mean, ..base }),
            ("blurred pooling", ImageModelConfig { pool: PoolMode::Blur, ..base }),
            ("size 63", ImageModelConfig { input_size: 63, ..base }),
        ];
        if arch.group().order() > 1 {
            settings.push(("orientation mean", ImageModelConfig { orient: OrientReduce::Mean, ..base }));
        }
        for (name, cfg) in settings {
            let set = if cfg.input_size == 63 { &test63 } else { &test64 };
            let (acc, confusion) = evaluate(&build(&cfg), set, 2);
            let mut pairs: Vec<(u32, usize, usize)> = (0..10)
                .flat_map(|t| (0..10).filter(move |&p| p != t).map(move |p| (t, p)))
                .map(|(t, p)| (confusion[t][p], t, p))
                .collect();
            pairs.sort_by(|a, b| b.cmp(a));
            let top: Vec<String> = pairs.iter().take(4).map(|(c, t, p)| format!("{t}→{p} {c}")).collect();
            println!("  {name:32} {acc:.4}   most confused: {}", top.join(", "));
        }
        let reads: Vec<String> = DIGITS
            .iter()
            .map(|name| {
                let x = Signal::image(render(name, 64).expect("a preset").insert_axis(Axis(0)));
                let z: Vec<f32> = build(&base).forward(&x).expect("runs").data.iter().copied().collect();
                let (k, p) = predict(&z).expect("finite scores");
                format!("{}→{k} ({:.0}%)", &name[5..], 100.0 * p)
            })
            .collect();
        println!("  presets: {}", reads.join(", "));
    }
}
