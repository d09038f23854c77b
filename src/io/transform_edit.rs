//! The edits a transformation bar makes to g, the same in every lab: set g
//! to one step (what a button does), push a step (compose), remove one, clear, apply the inverse (g becomes g·g⁻¹ = identity, so
//! the learner sees the input come back), or type an expression. Each edit
//! gives the new g or says in words why it cannot be made.

use super::transform_expr::{self, Domain};
use crate::engine::transform::{Step, Transform};

/// One edit of g.
#[derive(Clone, Debug, PartialEq)]
pub enum GEdit {
    /// g becomes this one step (a button of the bar, by default).
    Set(Step),
    /// Append a step (applied after the others: the bar's "compose" mode).
    Push(Step),
    /// Remove the step at this position (nothing if there is none).
    Remove(usize),
    /// Back to the identity.
    Clear,
    /// Append g⁻¹.
    Invert,
    /// Replace g by a typed expression of the lab's grammar.
    Text(String),
}

/// g after `edit`, or why the edit is refused (g is then unchanged).
pub fn apply(g: &Transform, edit: GEdit, domain: Domain) -> Result<Transform, String> {
    match edit {
        GEdit::Set(step) => Ok(Transform::single(step)),
        GEdit::Push(step) => Ok(g.then(&Transform::single(step))),
        GEdit::Remove(i) => {
            let mut g = g.clone();
            if i < g.steps.len() {
                g.steps.remove(i);
            }
            Ok(g)
        }
        GEdit::Clear => Ok(Transform::identity()),
        GEdit::Invert => g.inverse().map(|inv| g.then(&inv)).map_err(|e| format!("g has no inverse: {e}.")),
        GEdit::Text(text) => transform_expr::parse(&text, domain)
            .map_err(|e| format!("The transformation “{text}” was not understood: {e}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Transform {
        transform_expr::parse(s, Domain::Image).expect("valid")
    }

    #[test]
    fn each_edit_gives_the_expected_g() {
        let g = parse("rot90;flipx");
        // A button sets g; composing appends.
        assert_eq!(
            apply(&parse("shift(3,5)"), GEdit::Set(Step::Rotate { degrees: 90.0 }), Domain::Image).unwrap().steps.len(),
            1
        );
        assert_eq!(apply(&g, GEdit::Push(Step::Rotate { degrees: 90.0 }), Domain::Image).unwrap().steps.len(), 3);
        assert_eq!(apply(&g, GEdit::Remove(0), Domain::Image).unwrap(), parse("flipx"));
        assert_eq!(apply(&g, GEdit::Remove(7), Domain::Image).unwrap(), g);
        assert_eq!(apply(&g, GEdit::Clear, Domain::Image).unwrap(), Transform::identity());
        assert_eq!(apply(&g, GEdit::Text("shift(1,2)".into()), Domain::Image).unwrap(), parse("shift(1,2)"));
        let inverted = apply(&g, GEdit::Invert, Domain::Image).unwrap();
        assert_eq!(inverted.steps.len(), 4);
    }

    #[test]
    fn refusals_say_why_in_words() {
        let bad = apply(&Transform::identity(), GEdit::Text("rot(".into()), Domain::Image).unwrap_err();
        assert!(bad.contains("“rot(”") && bad.contains("not understood"), "{bad}");
        // A delay cannot be undone: the sequence lab's transformations form a monoid.
        let delay = transform_expr::parse("delay(3)", Domain::Sequence).expect("valid");
        assert!(apply(&delay, GEdit::Invert, Domain::Sequence).unwrap_err().starts_with("g has no inverse"));
    }
}
