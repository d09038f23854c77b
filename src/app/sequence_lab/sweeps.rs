//! The two sweep charts, computed in slices so the page never freezes: S1
//! (the final state's invariance error against the left padding, for each
//! bias) and S2 (the trajectory's error against the warp factor, for each
//! model with and without the rescaled gate: 5 curves × 21 factors, 16 ms at
//! 64 steps and a quarter second at 1,000).
//!
//! A sweep is a list of small tasks (one padding or one factor of one curve).
//! [`run_sliced`] runs them on the page's thread in slices of about
//! [`SLICE_MS`], yielding to the browser (a zero timeout) between slices, and
//! hands each slice's points to the reducer tagged with the sweep's key; a
//! newer edit cancels the run, and stale slices are ignored.

use crate::app::clock::now_ms;
use crate::engine::analysis::sequence::{delay_sweep, warp_factors, warp_sweep};
use crate::engine::models::sequence::{BiasMode, SequenceArch, SequenceModelConfig};
use crate::engine::space::Signal;
use crate::io::sequence_settings::h0_for;
use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;
use yew::platform::{spawn_local, time::sleep};
use yew::Callback;

/// Longest stretch of work between two yields to the browser.
pub const SLICE_MS: f64 = 12.0;
/// Wait this long after an edit before starting, so a drag restarts cheaply.
const DEBOUNCE_MS: u64 = 60;

/// The bias modes of the S1 chart, one curve each.
pub const S1_MODES: [BiasMode; 3] = [BiasMode::Off, BiasMode::Random, BiasMode::Rest];
/// The curves of the S2 chart: the plain RNN once (it has no gate), the
/// gated models with and without the rescaled gate.
pub const S2_CURVES: [(SequenceArch, bool); 5] = [
    (SequenceArch::Rnn, false),
    (SequenceArch::GatedRnn, true),
    (SequenceArch::GatedRnn, false),
    (SequenceArch::Lstm, true),
    (SequenceArch::Lstm, false),
];
/// Warp factors of the S2 chart (powers of two included).
pub const S2_FACTORS: usize = 21;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    S1,
    S2,
}

/// One finished task: the curve it belongs to and its point.
pub type Point = Result<(usize, f64, f64), String>;

/// A unit of sweep work.
pub type Task = Box<dyn FnOnce() -> Point>;

/// The points of one slice.
pub struct SweepPiece {
    pub chart: Chart,
    pub key: u64,
    pub points: Vec<Point>,
    pub busy_ms: f64,
    pub done: bool,
}

/// A sweep's curves as they arrive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sweep {
    pub key: u64,
    /// Points of each curve, in the order of [`S1_MODES`] / [`S2_CURVES`].
    pub curves: Rc<Vec<Vec<(f64, f64)>>>,
    /// True once the curves belong to `key` (until then the old ones show).
    fresh: bool,
    pub done: bool,
    /// Time spent computing, and in how many slices.
    pub busy_ms: f64,
    pub slices: usize,
    /// The longest slice: how long the page waited at most.
    pub longest_ms: f64,
    pub error: Option<String>,
    /// Bumped on every change, for memoised chart data.
    pub rev: u64,
}

impl Sweep {
    /// A new run with `key` begins; the old curves stay until it delivers.
    pub fn start(&mut self, key: u64) {
        self.key = key;
        self.fresh = false;
        self.done = false;
        self.busy_ms = 0.0;
        self.slices = 0;
        self.longest_ms = 0.0;
        self.error = None;
        self.rev += 1;
    }

    /// Take one slice's points (ignored when they belong to an older run).
    pub fn absorb(&mut self, piece: SweepPiece) {
        if piece.key != self.key {
            return;
        }
        if !self.fresh {
            self.curves = Rc::new(Vec::new());
            self.fresh = true;
        }
        let curves = Rc::make_mut(&mut self.curves);
        for p in piece.points {
            match p {
                Ok((i, x, y)) => {
                    if curves.len() <= i {
                        curves.resize(i + 1, Vec::new());
                    }
                    curves[i].push((x, y));
                }
                Err(e) => self.error = Some(e),
            }
        }
        self.busy_ms += piece.busy_ms;
        self.longest_ms = self.longest_ms.max(piece.busy_ms);
        self.slices += 1;
        self.done = piece.done;
        self.rev += 1;
    }
}

/// About 33 paddings from 0 to `max`.
pub fn paddings(max: usize) -> Vec<usize> {
    let step = max.div_ceil(32).max(1);
    (0..=max / step).map(|i| i * step).chain((!max.is_multiple_of(step)).then_some(max)).collect()
}

/// S1: for each bias mode and padding `p`, the final state's invariance
/// error of `delay(k)` on `x` left-padded by `p`.
pub fn s1_tasks(cfg: SequenceModelConfig, x: Rc<Signal>, k: usize, pads: &[usize]) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    for (i, mode) in S1_MODES.into_iter().enumerate() {
        let c = SequenceModelConfig { bias: mode, h0: h0_for(mode), ..cfg };
        for &p in pads {
            let x = x.clone();
            tasks.push(Box::new(move || {
                let pt = delay_sweep(&c, &x, k, &[p])?;
                Ok((i, p as f64, pt.first().map(|q| q.final_error).unwrap_or(f64::NAN)))
            }));
        }
    }
    tasks
}

/// S2: for each curve and warp factor up to `max_factor`, the trajectory's error.
pub fn s2_tasks(cfg: SequenceModelConfig, x: Rc<Signal>, max_factor: f32) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    for (i, (arch, rescaled)) in S2_CURVES.into_iter().enumerate() {
        let c = SequenceModelConfig { arch, gate_rescale: rescaled, ..cfg };
        for f in warp_factors(S2_FACTORS).into_iter().filter(|f| *f <= max_factor) {
            let x = x.clone();
            tasks.push(Box::new(move || {
                let pt = warp_sweep(&c, &x, &[f])?;
                Ok((i, f as f64, pt.first().map(|q| q.trajectory_error).unwrap_or(f64::NAN)))
            }));
        }
    }
    tasks
}

/// Run `tasks` in slices, sending each slice to `deliver`. Setting the
/// returned flag stops the run before its next slice.
pub fn run_sliced(chart: Chart, key: u64, tasks: Vec<Task>, deliver: Callback<SweepPiece>) -> Rc<Cell<bool>> {
    let cancelled = Rc::new(Cell::new(false));
    let stop = cancelled.clone();
    spawn_local(async move {
        sleep(Duration::from_millis(DEBOUNCE_MS)).await;
        let mut tasks = VecDeque::from(tasks);
        while !stop.get() {
            let t0 = now_ms();
            let mut points = Vec::new();
            while let Some(task) = tasks.pop_front() {
                points.push(task());
                if now_ms() - t0 > SLICE_MS {
                    break;
                }
            }
            let done = tasks.is_empty();
            deliver.emit(SweepPiece { chart, key, points, busy_ms: now_ms() - t0, done });
            if done {
                break;
            }
            sleep(Duration::ZERO).await;
        }
    });
    cancelled
}
