//! Timing of the sequence lab's recomputes, natively:
//! `cargo run --release --example sequence_timing`. One recompute is both
//! pipelines (x and g·x) plus the per-layer check; a frame is 16 ms.
//! Times are CPU time of this thread (Linux `schedstat`), so that other jobs
//! on a shared machine do not inflate them; wall time elsewhere.

use std::time::Instant;
use symmetry_lab::engine::analysis::sequence::{delay_sweep, warp_curves, warp_factors};
use symmetry_lab::engine::models::sequence::{check, SequenceArch, SequenceModelConfig};
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::sequence_presets::{render, Sampling};

/// Nanoseconds this thread has run on a CPU, where Linux tells.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Mean milliseconds of `f` over enough repetitions to take ~0.2 s.
fn time_ms(mut f: impl FnMut()) -> f64 {
    f();
    let (start, cpu0) = (Instant::now(), cpu_ns());
    let mut n = 0u32;
    while start.elapsed().as_secs_f64() < 0.2 {
        f();
        n += 1;
    }
    match (cpu0, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e6 / n as f64,
        _ => start.elapsed().as_secs_f64() * 1e3 / n as f64,
    }
}

fn main() {
    let x = render("melody", Sampling { duration: 62.5, rate: 16.0 }).expect("preset");
    println!("one recompute (x and g·x, T = {} steps):", x.shape()[0]);
    for hidden in [8, 32] {
        for arch in SequenceArch::ALL {
            let cfg = SequenceModelConfig { arch, hidden, ..Default::default() };
            let cells: Vec<String> = [Step::Delay { k: 10 }, Step::Warp { factor: 2.0 }, Step::Warp { factor: 8.0 }]
                .into_iter()
                .map(|s| {
                    let g = Transform::single(s.clone());
                    format!("{s} {:.3} ms", time_ms(|| drop(check(&cfg, &x, &g).expect("check"))))
                })
                .collect();
            let model = symmetry_lab::engine::models::sequence::build(&cfg);
            let fwd = time_ms(|| drop(model.forward(&x).expect("forward")));
            println!("  H = {hidden:2} {:9} forward(x) {fwd:.3} ms; check {}", arch.name(), cells.join(", "));
        }
    }
    let cfg = SequenceModelConfig::default();
    for steps in [64.0, 1000.0] {
        let x = render("melody", Sampling { duration: steps / 16.0, rate: 16.0 }).expect("preset");
        let f = warp_factors(21);
        let ms = time_ms(|| drop(warp_curves(&cfg, &x, &f).expect("sweep")));
        println!("S2 chart, 5 curves × 21 factors, T = {steps}: {ms:.2} ms");
    }
    let x = render("melody", Sampling { duration: 1.0, rate: 16.0 }).expect("preset");
    let rnn = SequenceModelConfig { arch: SequenceArch::Rnn, ..cfg };
    let pads: Vec<usize> = (0..=60).collect();
    let ms = time_ms(|| drop(delay_sweep(&rnn, &x, 4, &pads).expect("sweep")));
    println!("S1 chart, 61 paddings 0..60, T = 16: {ms:.2} ms");
}
