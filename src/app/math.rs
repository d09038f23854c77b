//! Formulas as MathML, which browsers render natively (no JavaScript maths
//! library). Small builders keep the formulas readable in Rust, and a
//! catalogue names the formulas the labs and the glossary share.

use yew::prelude::*;

/// An identifier (italic for one letter).
pub fn mi(s: &str) -> Html {
    html! { <mi>{ s.to_string() }</mi> }
}

/// An operator or bracket.
pub fn mo(s: &str) -> Html {
    html! { <mo>{ s.to_string() }</mo> }
}

/// A number.
pub fn mn(s: &str) -> Html {
    html! { <mn>{ s.to_string() }</mn> }
}

pub fn msub(base: Html, sub: Html) -> Html {
    html! { <msub>{ base }{ sub }</msub> }
}

pub fn msup(base: Html, sup: Html) -> Html {
    html! { <msup>{ base }{ sup }</msup> }
}

pub fn frac(num: Html, den: Html) -> Html {
    html! { <mfrac>{ num }{ den }</mfrac> }
}

/// A row of parts.
pub fn row(parts: Vec<Html>) -> Html {
    html! { <mrow>{ for parts }</mrow> }
}

/// `‖inner‖`
pub fn norm(inner: Html) -> Html {
    row(vec![mo("‖"), inner, mo("‖")])
}

/// A display formula with an accessible text alternative.
pub fn formula(label: &str, body: Html) -> Html {
    html! {
        <math display="block" aria-label={label.to_string()}>{ body }</math>
    }
}

/// `g·x`
fn gx() -> Html {
    row(vec![mi("g"), mo("·"), mi("x")])
}

/// `Φ_k(arg)`
fn phi(arg: Html) -> Html {
    row(vec![msub(mi("Φ"), mi("k")), mo("("), arg, mo(")")])
}

/// `ρ_k(g)`
fn rho() -> Html {
    row(vec![msub(mi("ρ"), mi("k")), mo("("), mi("g"), mo(")")])
}

/// The equivariance error of the design.
pub fn equivariance_error() -> Html {
    formula(
        "equivariance error: the norm of Phi k of g x minus rho k of g times Phi k of x, divided by the norm of rho k of g times Phi k of x",
        row(vec![
            msub(mi("err"), mi("k")),
            mo("="),
            frac(
                norm(row(vec![phi(gx()), mo("−"), rho(), phi(mi("x"))])),
                norm(row(vec![rho(), phi(mi("x"))])),
            ),
        ]),
    )
}

/// The invariance error.
pub fn invariance_error() -> Html {
    formula(
        "invariance error: the norm of Phi k of g x minus Phi k of x, divided by the norm of Phi k of x",
        row(vec![
            msub(mi("inv"), mi("k")),
            mo("="),
            frac(norm(row(vec![phi(gx()), mo("−"), phi(mi("x"))])), norm(phi(mi("x")))),
        ]),
    )
}

/// `f(g·x) = ρ(g) f(x)`
pub fn equivariance() -> Html {
    formula(
        "f of g x equals rho of g applied to f of x",
        row(vec![
            mi("f"),
            mo("("),
            gx(),
            mo(")"),
            mo("="),
            mi("ρ"),
            mo("("),
            mi("g"),
            mo(")"),
            mi("f"),
            mo("("),
            mi("x"),
            mo(")"),
        ]),
    )
}

/// `f(g·x) = f(x)`
pub fn invariance() -> Html {
    formula(
        "f of g x equals f of x",
        row(vec![mi("f"), mo("("), gx(), mo(")"), mo("="), mi("f"), mo("("), mi("x"), mo(")")]),
    )
}

/// Cross-correlation, as deep-learning libraries compute "convolution".
pub fn convolution() -> Html {
    formula(
        "y at i equals b plus the sum over u of w at u times x at i plus u",
        row(vec![
            mi("y"),
            mo("["),
            mi("i"),
            mo("]"),
            mo("="),
            mi("b"),
            mo("+"),
            msub(mo("∑"), mi("u")),
            mi("w"),
            mo("["),
            mi("u"),
            mo("]"),
            mi("x"),
            mo("["),
            mi("i"),
            mo("+"),
            mi("u"),
            mo("]"),
        ]),
    )
}

/// `X ↦ P X, A ↦ P A Pᵀ`
pub fn permutation() -> Html {
    formula(
        "X maps to P X and A maps to P A P transposed",
        row(vec![
            mi("X"),
            mo("↦"),
            mi("P"),
            mi("X"),
            mo(","),
            mspace(),
            mi("A"),
            mo("↦"),
            mi("P"),
            mi("A"),
            msup(mi("P"), mi("⊤")),
        ]),
    )
}

fn mspace() -> Html {
    html! { <mspace width="1em" /> }
}

/// `|G·x| · |G_x| = |G|`
pub fn orbit_stabiliser() -> Html {
    let bars = |inner: Html| row(vec![mo("|"), inner, mo("|")]);
    formula(
        "the size of the orbit times the size of the stabiliser equals the order of the group",
        row(vec![
            bars(row(vec![mi("G"), mo("·"), mi("x")])),
            mo("·"),
            bars(msub(mi("G"), mi("x"))),
            mo("="),
            bars(mi("G")),
        ]),
    )
}

/// The gated (leaky) RNN update.
pub fn gated_rnn() -> Html {
    formula(
        "h t equals one minus alpha times h t minus one, plus alpha times tanh of W x t plus U h t minus one plus b",
        row(vec![
            msub(mi("h"), mi("t")),
            mo("="),
            mo("("),
            mn("1"),
            mo("−"),
            mi("α"),
            mo(")"),
            msub(mi("h"), row(vec![mi("t"), mo("−"), mn("1")])),
            mo("+"),
            mi("α"),
            mi("tanh"),
            mo("("),
            mi("W"),
            msub(mi("x"), mi("t")),
            mo("+"),
            mi("U"),
            msub(mi("h"), row(vec![mi("t"), mo("−"), mn("1")])),
            mo("+"),
            mi("b"),
            mo(")"),
        ]),
    )
}

/// The reverse complement of a one-hot strand.
pub fn reverse_complement() -> Html {
    formula(
        "RC of x at position l and channel c equals x at position L minus 1 minus l and channel 3 minus c",
        row(vec![
            mo("("),
            mi("RC"),
            mi("x"),
            mo(")"),
            mo("["),
            mi("l"),
            mo(","),
            mi("c"),
            mo("]"),
            mo("="),
            mi("x"),
            mo("["),
            mi("L"),
            mo("−"),
            mn("1"),
            mo("−"),
            mi("l"),
            mo(","),
            mn("3"),
            mo("−"),
            mi("c"),
            mo("]"),
        ]),
    )
}
