//! Timing of the DNA lab on the 100 kb preset (ignored by default; run with
//! `cargo test --release --test dna_timing -- --ignored --nocapture`).
//! Prints the fastest of a few runs of: encoding, one full trace, the full
//! check (both pipelines, x and RC(x), and the per-layer comparison), and
//! the windowed update after a one-base edit.

use std::time::Instant;
use symmetry_lab::engine::models::dna::{build, DnaArch, DnaModelConfig};
use symmetry_lab::engine::nucleotide::encode;
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::strand_window::update_trace;
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::dna_presets::{sequence, BIG_LEN};

/// The fastest of 7 runs: on a shared machine the minimum is the best
/// estimate of the uncontended time.
fn min_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[0]
}

#[test]
#[ignore]
fn timing_100kb() {
    let seq = sequence("random-100k", 1).unwrap();
    assert_eq!(seq.len(), BIG_LEN);
    println!("encode 100 kb: {:.2} ms", min_ms(|| drop(encode(&seq).unwrap())));
    let x = encode(&seq).unwrap();
    let mut edited = seq.clone().into_bytes();
    edited[BIG_LEN / 2] = if edited[BIG_LEN / 2] == b'A' { b'C' } else { b'A' };
    let x_edit = encode(std::str::from_utf8(&edited).unwrap()).unwrap();
    let g = Transform::single(Step::ReverseComplement);
    for arch in DnaArch::ALL {
        for (filters, kernel) in [(4, 9), (8, 15)] {
            let model = build(&DnaModelConfig { arch, filters, kernel, ..Default::default() });
            let trace = model.trace(&x).unwrap();
            let full = min_ms(|| drop(model.trace(&x).unwrap()));
            let check = min_ms(|| drop(run(&model, &x, &g).unwrap()));
            let window = min_ms(|| {
                let mut t = trace.clone();
                update_trace(&model, &x_edit, &mut t, BIG_LEN / 2..BIG_LEN / 2 + 1).unwrap();
            });
            let clone = min_ms(|| drop(trace.clone()));
            println!(
                "{:8} filters {filters} width {kernel}: trace {full:.2} ms, check (x and RC x) {check:.2} ms, \
                 one-base edit {window:.3} ms (of which cloning the trace {clone:.3} ms)",
                arch.name()
            );
        }
    }
}

/// Where the time of one check goes, layer by layer (default rc-conv model).
#[test]
#[ignore]
fn timing_breakdown() {
    let x = encode(&sequence("random-100k", 1).unwrap()).unwrap();
    let g = Transform::single(Step::ReverseComplement);
    let model = build(&DnaModelConfig::default());
    let mut input = x.clone();
    for layer in &model.layers {
        let fwd = min_ms(|| drop(layer.forward(&input).unwrap()));
        let y = layer.forward(&input).unwrap();
        let act = min_ms(|| drop(g.act(&y)));
        let err = min_ms(|| {
            std::hint::black_box(symmetry_lab::engine::check::relative_error(&y.data, &y.data));
        });
        println!("{:12} forward {fwd:.2} ms, act {act:.2} ms, relative error {err:.2} ms", layer.kind());
        input = y;
    }
}
