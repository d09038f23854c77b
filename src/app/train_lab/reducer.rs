//! The augmentation lab's actions and how each changes the state: settings
//! from a control or a link, Train / Pause / Step / Reset, the ticks that
//! train while running, the test letter and the layer the strip shows.

use super::state::{Pace, TrainState};
use crate::io::train_settings::TrainSettings;
use std::rc::Rc;
use yew::prelude::*;

pub enum Action {
    /// New settings (from a control or a pasted link) and what was refused.
    Apply(TrainSettings, Vec<String>),
    /// A refused control value, in words.
    Refuse(String),
    Train,
    Pause,
    Reset,
    /// One more epoch.
    Step,
    Tick,
    Sample(usize),
    /// Show this layer in the compare strip.
    Show(usize),
    SetPace(Pace),
    DismissError,
}

impl Reducible for TrainState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = match Rc::try_unwrap(self) {
            Ok(s) => s,
            Err(rc) => rc.cloned(),
        };
        match action {
            Action::Apply(settings, errors) => {
                let same_run = settings.arch == s.settings.arch
                    && settings.group == s.settings.group
                    && settings.copies_used() == s.settings.copies_used()
                    && settings.g == s.settings.g
                    && settings.seed == s.settings.seed;
                if settings != s.settings {
                    s.revision += 1;
                }
                if settings.arch != s.settings.arch {
                    s.shown = None;
                }
                s.settings = settings;
                if same_run {
                    s.recheck();
                    s.error = None;
                } else {
                    s.restart();
                }
                if !errors.is_empty() {
                    s.error = Some(errors.join(" "));
                }
            }
            Action::Refuse(message) => s.error = Some(message),
            Action::Train => {
                s.stop_at = s.next_target();
                s.running = true;
                s.longest_ms = 0.0;
            }
            Action::Pause => s.running = false,
            Action::Reset => s.restart(),
            Action::Step => {
                s.stop_at = s.epochs() + 1;
                s.running = true;
            }
            Action::Tick => {
                if s.running {
                    s.run_tick();
                }
            }
            Action::Sample(i) => {
                s.sample = i;
                s.recheck();
            }
            Action::Show(k) => s.shown = Some(k),
            Action::SetPace(p) => s.pace = p,
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
