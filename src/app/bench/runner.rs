//! The measurements of the benchmark page, run one after another in an async
//! task that yields to the browser between runs (so the table fills in as it
//! goes and the page never freezes): the kernels alternating with the
//! TensorFlow.js peer, every lab's default view, and the wasm heap.

use super::peer::Peer;
use super::stats::Stats;
use crate::workloads::{conv_flops, lab_case, matmul_flops, ConvCase, MatmulCase, LAB_CASES, LOAD_CASES, MATMUL_N};
use std::time::Duration;
use yew::platform::time::sleep;
use yew::Callback;

/// Alternating rounds of each kernel (Rust, then the peer).
const KERNEL_ROUNDS: usize = 15;
/// Timed recomputes of each lab's view.
const LAB_RUNS: usize = 30;
/// Edits for the memory check.
const EDITS: usize = 1000;
/// Issue 6's targets, in ms and MB.
const MEDIAN_MS: f64 = 8.0;
const P95_MS: f64 = 12.0;
const HEAP_MB: f64 = 64.0;

/// One line of the results table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    /// Stable id (`data-name`), e.g. `conv2d`, `image-cnn-gap`, `heap-default`.
    pub id: String,
    pub target: String,
    pub stats: Option<Stats>,
    pub peer: Option<Stats>,
    /// Rust time over the peer's (medians).
    pub ratio: Option<f64>,
    pub gflops: Option<f64>,
    /// A single measured value (MB for memory rows).
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub note: String,
}

/// What the runner tells the page.
pub enum Msg {
    Status(String),
    Row(Row),
    Done,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The wasm heap (the module's linear memory) in MB.
pub fn heap_mb() -> f64 {
    let mem = wasm_bindgen::memory();
    js_sys::Reflect::get(&mem, &"buffer".into())
        .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
        / (1024.0 * 1024.0)
}

fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t0 = now();
    let out = f();
    (now() - t0, out)
}

async fn yield_now() {
    sleep(Duration::ZERO).await;
}

/// Run everything, reporting through `out`.
pub async fn run(out: Callback<Msg>) {
    let heap_at_load = heap_mb();
    out.emit(Msg::Status("loading the TensorFlow.js peer…".into()));
    let peer = Peer::load().await;
    let peer_note = match &peer {
        Ok(p) => p.info.clone(),
        Err(e) => format!("peer missing: {e} (scripts/bench.sh copies it into dist/bench-peer/)"),
    };
    let peer = peer.ok();

    out.emit(Msg::Status("conv2d…".into()));
    let conv = ConvCase::new();
    let row = kernel(
        "conv2d",
        "≤ 1.0× tfjs-wasm time",
        conv_flops(),
        || conv.run(),
        peer.as_ref().map(|p| move || p.conv2d()),
        &peer_note,
    )
    .await;
    out.emit(Msg::Row(Row { met: row.ratio.map(|r| r <= 1.0), ..row }));

    out.emit(Msg::Status("matmul…".into()));
    let mm = MatmulCase::new(MATMUL_N);
    let row = kernel(
        "matmul",
        "≥ 20 GFLOP/s",
        matmul_flops(MATMUL_N),
        || mm.run(),
        peer.as_ref().map(|p| move || p.matmul()),
        &peer_note,
    )
    .await;
    out.emit(Msg::Row(Row { met: row.gflops.map(|g| g >= 20.0), ..row }));

    let mut heap_default: f64 = heap_mb();
    for name in LAB_CASES {
        out.emit(Msg::Status(format!("{name}…")));
        yield_now().await;
        let (build_ms, case) = timed(|| lab_case(name));
        let mut case = match case {
            Ok(c) => c,
            Err(e) => {
                out.emit(Msg::Row(Row { id: name.into(), note: e, met: Some(false), ..Default::default() }));
                continue;
            }
        };
        let mut times = Vec::with_capacity(LAB_RUNS);
        let mut error = None;
        for i in 0..LAB_RUNS + 2 {
            let (ms, r) = timed(|| case.run());
            if let Err(e) = r {
                error = Some(e);
                break;
            }
            if i >= 2 {
                times.push(ms);
            }
            yield_now().await;
        }
        heap_default = heap_default.max(heap_mb());
        let s = Stats::of(&times);
        let load = LOAD_CASES.contains(&name);
        out.emit(Msg::Row(Row {
            id: name.into(),
            target: if load {
                "(a load, run in slices in the lab)".into()
            } else {
                format!("median ≤ {MEDIAN_MS} ms, p95 ≤ {P95_MS} ms")
            },
            stats: Some(s),
            met: if load { None } else { Some(error.is_none() && s.median <= MEDIAN_MS && s.p95 <= P95_MS) },
            note: error.unwrap_or_else(|| format!("setup {build_ms:.0} ms; longest run {:.1} ms", s.max)),
            ..Default::default()
        }));
    }

    out.emit(Msg::Row(Row {
        id: "heap-default".into(),
        target: format!("≤ {HEAP_MB} MB"),
        value: Some(heap_default),
        met: Some(heap_default <= HEAP_MB),
        note: format!(
            "wasm heap after every lab's default view ({heap_at_load:.1} MB at load; the heap never shrinks)"
        ),
        ..Default::default()
    }));

    out.emit(Msg::Status(format!("{EDITS} edits…")));
    let before = heap_mb();
    let mut edits = Vec::new();
    if let Ok(mut case) = lab_case("image-cnn-gap") {
        for i in 0..EDITS {
            let (ms, _) = timed(|| case.run());
            edits.push(ms);
            if i % 25 == 0 {
                yield_now().await;
            }
        }
    }
    let after = heap_mb();
    out.emit(Msg::Row(Row {
        id: "heap-growth".into(),
        target: "no growth over 1,000 edits".into(),
        stats: Some(Stats::of(&edits)),
        value: Some(after - before),
        met: Some(after <= before),
        note: format!("image lab (cnn-gap) recomputed {EDITS} times: {before:.1} → {after:.1} MB"),
        ..Default::default()
    }));
    out.emit(Msg::Done);
}

/// Alternate the Rust kernel and the peer's, `KERNEL_ROUNDS` times each after
/// a warm-up, and summarise both.
async fn kernel<T>(
    id: &str,
    target: &str,
    flops: f64,
    rust: impl Fn() -> T,
    peer: Option<impl Fn() -> Result<f64, String>>,
    peer_note: &str,
) -> Row {
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut note = peer_note.to_string();
    for round in 0..KERNEL_ROUNDS + 2 {
        let (ms, v) = timed(&rust);
        std::hint::black_box(v);
        if round >= 2 {
            ours.push(ms);
        }
        yield_now().await;
        if let Some(p) = &peer {
            match p() {
                Ok(ms) if round >= 2 => theirs.push(ms),
                Ok(_) => {}
                Err(e) => note = format!("the peer failed: {e}"),
            }
            yield_now().await;
        }
    }
    let s = Stats::of(&ours);
    let p = (!theirs.is_empty()).then(|| Stats::of(&theirs));
    Row {
        id: id.into(),
        target: target.into(),
        stats: Some(s),
        peer: p,
        ratio: p.map(|p| s.median / p.median),
        gflops: Some(flops / (s.median * 1e6)),
        note: match p {
            Some(p) => format!("{note}; tfjs {:.1} GFLOP/s", flops / (p.median * 1e6)),
            None => note,
        },
        ..Default::default()
    }
}
