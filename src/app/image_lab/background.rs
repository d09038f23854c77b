//! Sweeps computed in the background without freezing the page: the work is
//! cut into steps (trace x once, then one group element per step, through
//! `engine::sweep::column`), run in slices of a few milliseconds between
//! which the browser draws and handles input. A newer request cancels the
//! older one (a generation counter), and the first slice waits a moment so a
//! burst of changes starts only one run.

use super::state::now_ms;
use crate::engine::model::Model;
use crate::engine::space::Signal;
use crate::engine::sweep::{column, Base, SweepCell};
use crate::engine::transform::Transform;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Time a slice may take before yielding to the browser.
const BUDGET_MS: f64 = 9.0;
/// Redraw the partial results at most this often.
const REDRAW_MS: f64 = 200.0;

/// One model checked under a list of elements, column by column.
pub struct SweepJob {
    pub name: String,
    model: Model,
    x: Signal,
    /// The traces of x and of its scramble, computed by the first step.
    base: Option<Base>,
    pub elements: Vec<Transform>,
    /// `columns[element][layer]`, as far as computed.
    pub columns: Vec<Vec<SweepCell>>,
    pub error: Option<String>,
}

impl SweepJob {
    pub fn new(name: impl Into<String>, model: Model, x: Signal, elements: Vec<Transform>) -> Self {
        SweepJob { name: name.into(), model, x, base: None, elements, columns: Vec::new(), error: None }
    }

    pub fn done(&self) -> bool {
        self.error.is_some() || self.columns.len() >= self.elements.len()
    }

    /// Steps in all, and steps done.
    pub fn work(&self) -> (usize, usize) {
        let total = self.elements.len() + 1;
        if self.error.is_some() {
            return (total, total);
        }
        (total, self.base.is_some() as usize + self.columns.len())
    }

    /// The layer kinds, for row labels.
    pub fn kinds(&self) -> Vec<&'static str> {
        self.model.layers.iter().map(|l| l.kind()).collect()
    }

    /// One step: the traces of x and its scramble first, then the next element's column.
    fn step(&mut self) {
        let Some(base) = &self.base else {
            match Base::of(&self.model, &self.x) {
                Ok(b) => self.base = Some(b),
                Err(e) => self.error = Some(e),
            }
            return;
        };
        let Some(g) = self.elements.get(self.columns.len()) else { return };
        match column(&self.model, &self.x, base, g) {
            Ok(c) => self.columns.push(c),
            Err(e) => self.error = Some(e),
        }
    }
}

/// The jobs of a run and how far they got.
#[derive(Clone)]
pub struct Background {
    pub jobs: Rc<RefCell<Vec<SweepJob>>>,
    /// Steps done and in all, over every job.
    pub progress: (usize, usize),
}

impl Background {
    pub fn done(&self) -> bool {
        self.progress.0 >= self.progress.1
    }
}

fn set_timeout(delay_ms: i32, f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay_ms);
    }
}

fn progress(jobs: &[SweepJob]) -> (usize, usize) {
    jobs.iter().map(SweepJob::work).fold((0, 0), |(d, t), (jt, jd)| (d + jd, t + jt))
}

/// Run the slices of generation `generation` until done or outdated.
fn run_slice(
    jobs: Rc<RefCell<Vec<SweepJob>>>,
    current: Rc<RefCell<u64>>,
    generation: u64,
    redraw: Callback<()>,
    last: f64,
) {
    if *current.borrow() != generation {
        return;
    }
    let start = now_ms();
    let all_done = loop {
        let mut js = jobs.borrow_mut();
        let Some(job) = js.iter_mut().find(|j| !j.done()) else { break true };
        job.step();
        drop(js);
        if now_ms() - start > BUDGET_MS {
            break jobs.borrow().iter().all(SweepJob::done);
        }
    };
    let now = now_ms();
    let last = if all_done || now - last > REDRAW_MS {
        redraw.emit(());
        now
    } else {
        last
    };
    if !all_done {
        set_timeout(0, move || run_slice(jobs, current, generation, redraw, last));
    }
}

/// Start `make(deps)` whenever `deps` change (after `delay_ms`), cancelling
/// the previous run; the component re-renders as results arrive.
#[hook]
pub fn use_background<D, F>(deps: D, delay_ms: i32, make: F) -> Background
where
    D: PartialEq + Clone + 'static,
    F: FnOnce(&D) -> Vec<SweepJob> + 'static,
{
    let jobs = use_mut_ref(Vec::<SweepJob>::new);
    let generation = use_mut_ref(|| 0u64);
    let update = use_force_update();
    {
        let (jobs, generation) = (jobs.clone(), generation.clone());
        use_effect_with(deps, move |d| {
            let g = *generation.borrow() + 1;
            *generation.borrow_mut() = g;
            *jobs.borrow_mut() = make(d);
            update.force_update();
            let redraw = Callback::from(move |_| update.force_update());
            let (j, c) = (jobs.clone(), generation.clone());
            set_timeout(delay_ms, move || run_slice(j, c, g, redraw, now_ms()));
            // A newer run, or leaving the page, stops this one.
            move || *generation.borrow_mut() += 1
        });
    }
    let p = progress(&jobs.borrow());
    Background { jobs, progress: p }
}
