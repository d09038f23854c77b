//! Step-through: play, pause and step controls that walk a cursor along the
//! time steps of g·x; every time view draws the cursor at the same instant
//! (mapped back onto x's own clock where it has one). All of it works from
//! the keyboard: buttons, and a slider that takes the arrow keys.

use gloo::timers::callback::Interval;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Where the cursor is and whether it moves by itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Player {
    pub step: usize,
    pub playing: bool,
}

pub enum PlayerAction {
    /// Jump to a step (stops playing).
    Set(usize),
    /// One step forward while playing; stops at the last of `len` steps.
    Tick(usize),
    /// Play or pause; playing from the end starts again at step 0.
    Toggle(usize),
}

impl Reducible for Player {
    type Action = PlayerAction;

    fn reduce(self: Rc<Self>, action: PlayerAction) -> Rc<Self> {
        let p = match action {
            PlayerAction::Set(step) => Player { step, playing: false },
            PlayerAction::Tick(len) => {
                let last = len.saturating_sub(1);
                let step = (self.step + 1).min(last);
                Player { step, playing: self.playing && step < last }
            }
            PlayerAction::Toggle(len) => {
                let at_end = self.step + 1 >= len;
                Player { step: if !self.playing && at_end { 0 } else { self.step }, playing: !self.playing }
            }
        };
        Rc::new(p)
    }
}

/// Milliseconds per step while playing: about five seconds for the whole
/// sequence, between 20 and 150 ms a step.
pub fn tick_ms(len: usize) -> u32 {
    (5000 / len.max(1) as u32).clamp(20, 150)
}

/// Keep a playing player moving (an interval that lives while it plays).
#[hook]
pub fn use_playback(player: &UseReducerHandle<Player>, len: usize) {
    let dispatch = player.dispatcher();
    use_effect_with((player.playing, len), move |(playing, len)| {
        let len = *len;
        let interval = playing.then(|| Interval::new(tick_ms(len), move || dispatch.dispatch(PlayerAction::Tick(len))));
        move || drop(interval)
    });
}

#[derive(Properties, PartialEq)]
pub struct PlayerBarProps {
    pub player: Player,
    /// Steps of g·x.
    pub len: usize,
    /// Where the cursor is, in words (both clocks).
    pub where_text: AttrValue,
    pub dispatch: UseReducerDispatcher<Player>,
}

#[component]
pub fn PlayerBar(p: &PlayerBarProps) -> Html {
    let last = p.len.saturating_sub(1);
    let step = p.player.step.min(last);
    let set = |n: usize| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(PlayerAction::Set(n)))
    };
    let toggle = {
        let (d, len) = (p.dispatch.clone(), p.len);
        Callback::from(move |_: MouseEvent| d.dispatch(PlayerAction::Toggle(len)))
    };
    let on_slider = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<usize>() {
                d.dispatch(PlayerAction::Set(n));
            }
        })
    };
    html! {
        <div class="player panel" role="group" aria-label="Step through time">
            <div class="player-buttons">
                <button onclick={set(0)} disabled={step == 0} aria-label="first step" title="first step">{ "|◀" }</button>
                <button onclick={set(step.saturating_sub(1))} disabled={step == 0} aria-label="one step back" title="one step back" data-testid="step-back">{ "◀" }</button>
                <button class={classes!("play", p.player.playing.then_some("on"))} onclick={toggle} data-testid="play"
                    aria-label={if p.player.playing { "pause" } else { "play" }}>
                    { if p.player.playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button onclick={set((step + 1).min(last))} disabled={step >= last} aria-label="one step forward" title="one step forward" data-testid="step-forward">{ "▶" }</button>
                <button onclick={set(last)} disabled={step >= last} aria-label="last step" title="last step">{ "▶|" }</button>
            </div>
            <input class="player-slider" type="range" min="0" max={last.to_string()} step="1" value={step.to_string()}
                oninput={on_slider} aria-label="time step of g·x" data-testid="step-slider"
                aria-valuetext={format!("step {} of {}", step + 1, p.len)} />
            <output class="player-where" data-testid="step" data-step={step.to_string()}>
                <strong>{ format!("step {} of {}", step + 1, p.len) }</strong>{ " " }<span class="muted">{ p.where_text.clone() }</span>
            </output>
        </div>
    }
}
