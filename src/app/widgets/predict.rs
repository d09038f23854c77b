//! Predict, then reveal (peer instruction): with `predict=1` (or the lab's
//! "Predict first" switch) every verdict and error stays hidden until the
//! learner has guessed — for every layer, or for the network's output only —
//! invariant, equivariant or neither. Then the answers appear with each
//! guess marked right or wrong, and a short why for the wrong ones.
//!
//! One state per lab frame, shared through a context: the readouts of the
//! layer rows and the compare strip read it; a new question (another g,
//! model or input) clears the guesses.

use crate::engine::check::Verdict;
use crate::io::classroom_settings::PredictScope;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// What a learner can guess about a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guess {
    Invariant,
    Equivariant,
    Neither,
}

impl Guess {
    pub const ALL: [Guess; 3] = [Guess::Invariant, Guess::Equivariant, Guess::Neither];

    pub fn as_str(self) -> &'static str {
        match self {
            Guess::Invariant => "invariant",
            Guess::Equivariant => "equivariant",
            Guess::Neither => "neither",
        }
    }

    /// Whether this guess names the verdict: "neither" is right for a layer
    /// that is only approximately invariant or equivariant (it is not exact).
    pub fn matches(self, v: Verdict) -> bool {
        matches!(
            (self, v),
            (Guess::Invariant, Verdict::Invariant)
                | (Guess::Equivariant, Verdict::Equivariant)
                | (Guess::Neither, Verdict::Neither | Verdict::Approximate)
        )
    }
}

/// The predict mode of one lab.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PredictState {
    /// `None`: off, every answer shown.
    pub scope: Option<PredictScope>,
    /// Guesses by layer index.
    pub guesses: BTreeMap<usize, Guess>,
    pub revealed: bool,
    /// The question the guesses belong to (g, model, input).
    pub question: AttrValue,
}

impl PredictState {
    /// True while answers are hidden.
    pub fn hiding(&self) -> bool {
        self.scope.is_some() && !self.revealed
    }

    /// True when layer `k` of `n` asks for a guess.
    pub fn asks(&self, k: usize, n: usize) -> bool {
        match self.scope {
            Some(PredictScope::Layers) => true,
            Some(PredictScope::Head) => k + 1 == n,
            None => false,
        }
    }

    /// True when every layer that asks (of `n`) has a guess.
    pub fn complete(&self, n: usize) -> bool {
        n > 0 && (0..n).filter(|&k| self.asks(k, n)).all(|k| self.guesses.contains_key(&k))
    }
}

pub enum PredictAction {
    /// Turn predict mode on (with a scope) or off.
    SetScope(Option<PredictScope>),
    Guess(usize, Guess),
    Reveal,
    /// A new question: clear the guesses and hide the answers again.
    Ask(AttrValue),
}

impl Reducible for PredictState {
    type Action = PredictAction;

    fn reduce(self: Rc<Self>, action: PredictAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PredictAction::SetScope(scope) => {
                s.scope = scope;
                s.revealed = false;
                s.guesses.clear();
            }
            PredictAction::Guess(k, g) if !s.revealed => {
                s.guesses.insert(k, g);
            }
            PredictAction::Guess(..) => return self,
            PredictAction::Reveal => s.revealed = true,
            PredictAction::Ask(q) => {
                if q == s.question {
                    return self;
                }
                s.question = q;
                s.guesses.clear();
                s.revealed = false;
            }
        }
        Rc::new(s)
    }
}

/// The shared handle (absent outside a lab frame: everything shown).
pub type Predict = UseReducerHandle<PredictState>;

/// The lab's predict state, if the component sits in a lab frame.
#[hook]
pub fn use_predict() -> Option<Predict> {
    use_context::<Predict>()
}

#[derive(Properties, PartialEq)]
pub struct GuessButtonsProps {
    pub layer: usize,
    /// What is asked, for the group's accessible name.
    pub label: AttrValue,
}

/// Three choices for one layer, a radio group (arrow keys move between them).
#[component]
pub fn GuessButtons(p: &GuessButtonsProps) -> Html {
    let Some(predict) = use_predict() else { return html! {} };
    let chosen = predict.guesses.get(&p.layer).copied();
    let name = format!("guess-{}", p.layer);
    html! {
        <fieldset class="guess" data-testid="guess" data-layer={p.layer.to_string()}>
            <legend>{ p.label.clone() }</legend>
            { for Guess::ALL.iter().map(|&g| {
                let (predict, k) = (predict.clone(), p.layer);
                html! {
                    <label class={classes!("guess-option", (chosen == Some(g)).then_some("on"))}>
                        <input type="radio" name={name.clone()} value={g.as_str()} checked={chosen == Some(g)}
                            onchange={Callback::from(move |_: Event| predict.dispatch(PredictAction::Guess(k, g)))} />
                        { g.as_str() }
                    </label>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct GuessResultProps {
    pub layer: usize,
    pub verdict: Verdict,
    /// Why the answer is what it is (shown for a wrong guess).
    pub why: AttrValue,
}

/// After the reveal: the learner's guess, right or wrong, and why.
#[component]
pub fn GuessResult(p: &GuessResultProps) -> Html {
    let Some(predict) = use_predict() else { return html! {} };
    let Some(g) = predict.guesses.get(&p.layer).copied().filter(|_| predict.scope.is_some() && predict.revealed) else {
        return html! {};
    };
    let right = g.matches(p.verdict);
    html! {
        <p class={classes!("guess-result", if right { "right" } else { "wrong" })} data-testid="guess-result"
            data-guess={g.as_str()} data-right={right.to_string()}>
            <strong>{ if right { "✓ Your guess was right: " } else { "✗ Your guess was " } }</strong>
            { g.as_str() }
            if !right {
                { format!(". The answer is {}: {}", p.verdict.as_str(), p.why) }
            }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct UntilGuessedProps {
    /// What is hidden, in a few words ("the error-versus-angle chart").
    pub what: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// Its children, except while the learner predicts: then a note in their
/// place, and nothing of them is computed or put in the page (they would
/// give the answer away).
#[component]
pub fn UntilGuessed(p: &UntilGuessedProps) -> Html {
    if use_predict().is_some_and(|pr| pr.hiding()) {
        return html! { <p class="panel until-guessed muted">{ format!("{} appears once you have guessed.", p.what) }</p> };
    }
    p.children.clone()
}
