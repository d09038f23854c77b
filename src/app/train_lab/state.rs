//! The augmentation lab's state: the settings, the run in progress (shared,
//! mutated in place by the training ticks), whether Train is running and to
//! which epoch, and the per-layer check of the chosen head on one test sample.
//! Each animation frame runs one tick: as many units of work (one image's
//! features or one epoch) as fit in about 12 ms, so the page stays responsive.

pub use crate::app::clock::now_ms;
use crate::engine::pipelines::Pipelines as Report;
use crate::engine::train::trainer::{AUGMENTED, PLAIN};
use crate::engine::train::{TrainConfig, Trainer};
use crate::io::train_settings::{TrainSettings, MAX_EPOCHS};
use std::cell::RefCell;
use std::rc::Rc;

/// Time budget of one tick, in ms (a frame is ~16 ms).
const TICK_MS: f64 = 12.0;

/// How fast training plays: slowly enough to watch the curves move, or as
/// fast as the machine allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Slow,
    Watch,
    Instant,
}

impl Pace {
    pub const ALL: [Pace; 3] = [Pace::Slow, Pace::Watch, Pace::Instant];

    /// The time between two epochs, in ms (0: as fast as possible).
    pub fn epoch_ms(self) -> u32 {
        match self {
            Pace::Slow => 300,
            Pace::Watch => 80,
            Pace::Instant => 0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Pace::Slow => "slow",
            Pace::Watch => "watch",
            Pace::Instant => "instant",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pace::Slow => "slow (about 3 epochs a second)",
            Pace::Watch => "watch (about 12 epochs a second)",
            Pace::Instant => "instant",
        }
    }

    pub fn parse(s: &str) -> Option<Pace> {
        Pace::ALL.into_iter().find(|p| p.name() == s)
    }
}

pub struct TrainState {
    pub settings: TrainSettings,
    pub trainer: Option<Rc<RefCell<Trainer>>>,
    /// Ticks keep coming while this is set.
    pub running: bool,
    /// Train stops at this epoch.
    pub stop_at: usize,
    pub error: Option<String>,
    /// Bumped when the settings change (the URL is rewritten).
    pub revision: u64,
    /// Bumped after every tick (charts and readouts redraw).
    pub tick: u64,
    /// The longest tick of the current run, and the last one, in ms.
    pub compute_ms: f64,
    pub longest_ms: f64,
    /// The test sample of the per-layer check.
    pub sample: usize,
    pub report: Option<Rc<Report>>,
    /// The layer the compare strip shows, once the learner picked one (the
    /// first layer that is not exact until then); forgotten when the body
    /// changes (its layers do).
    pub shown: Option<usize>,
    /// How fast training plays.
    pub pace: Pace,
}

impl TrainState {
    pub fn new(settings: TrainSettings, errors: Vec<String>) -> Self {
        let mut s = TrainState {
            settings,
            trainer: None,
            running: false,
            stop_at: 0,
            error: None,
            revision: 0,
            tick: 0,
            compute_ms: 0.0,
            longest_ms: 0.0,
            sample: 0,
            report: None,
            shown: None,
            pace: Pace::Watch,
        };
        s.restart();
        s.error = (!errors.is_empty()).then(|| errors.join(" ")).or(s.error);
        s
    }

    /// A fresh run of the current settings; features are computed by ticks.
    pub(super) fn restart(&mut self) {
        let cfg = TrainConfig {
            arch: self.settings.arch,
            group: self.settings.group,
            copies: self.settings.copies_used(),
            g: self.settings.g.clone(),
            seed: self.settings.seed,
            ..TrainConfig::default()
        };
        match Trainer::new(cfg) {
            Ok(t) => {
                self.trainer = Some(Rc::new(RefCell::new(t)));
                self.error = None;
            }
            Err(e) => {
                self.trainer = None;
                self.error = Some(e);
            }
        }
        (self.running, self.stop_at, self.report, self.longest_ms) = (true, 0, None, 0.0);
        self.tick += 1;
    }

    pub fn head(&self) -> usize {
        if self.settings.aug {
            AUGMENTED
        } else {
            PLAIN
        }
    }

    pub fn epochs(&self) -> usize {
        self.trainer.as_ref().map_or(0, |t| t.borrow().epochs())
    }

    pub fn ready(&self) -> bool {
        self.trainer.as_ref().is_some_and(|t| t.borrow().ready())
    }

    /// Where Train would go from here: the chosen epochs, or that many more.
    pub fn next_target(&self) -> usize {
        let e = self.epochs();
        let n = self.settings.epochs;
        if e < n {
            n
        } else {
            (e + n).min(MAX_EPOCHS * 4)
        }
    }

    pub(super) fn run_tick(&mut self) {
        let Some(t) = self.trainer.clone() else {
            self.running = false;
            return;
        };
        let start = now_ms();
        // Watched training does one epoch per tick; the ticks are spaced by the pace.
        let target = match self.pace {
            Pace::Instant => self.stop_at,
            _ => (t.borrow().epochs() + 1).min(self.stop_at),
        };
        let result = t.borrow_mut().step(target, &mut || now_ms() - start < TICK_MS);
        if let Err(e) = result {
            self.error = Some(e);
            self.running = false;
        }
        let t = t.borrow();
        if t.ready() {
            self.report = t.check(self.head(), self.sample).ok().map(Rc::new);
            if t.epochs() >= self.stop_at {
                self.running = false;
            }
        }
        self.compute_ms = now_ms() - start;
        self.longest_ms = self.longest_ms.max(self.compute_ms);
        self.tick += 1;
    }

    pub(super) fn recheck(&mut self) {
        if let Some(t) = &self.trainer {
            let t = t.borrow();
            if t.ready() {
                self.report = t.check(self.head(), self.sample).ok().map(Rc::new);
            }
        }
        self.tick += 1;
    }
}

impl TrainState {
    /// A copy sharing the run (the reducer mutates the run in place anyway).
    pub(super) fn cloned(&self) -> TrainState {
        TrainState {
            settings: self.settings.clone(),
            trainer: self.trainer.clone(),
            running: self.running,
            stop_at: self.stop_at,
            error: self.error.clone(),
            revision: self.revision,
            tick: self.tick,
            compute_ms: self.compute_ms,
            longest_ms: self.longest_ms,
            sample: self.sample,
            report: self.report.clone(),
            shown: self.shown,
            pace: self.pace,
        }
    }
}

impl PartialEq for TrainState {
    fn eq(&self, other: &Self) -> bool {
        self.tick == other.tick
            && self.revision == other.revision
            && self.shown == other.shown
            && self.running == other.running
            && self.error == other.error
            && self.pace == other.pace
    }
}
