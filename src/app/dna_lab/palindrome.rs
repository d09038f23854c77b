//! Why a palindromic site such as EcoRI's GAATTC is its own reverse
//! complement, with a button that loads the example.

use super::state::{Action, DnaLabState};
use crate::engine::nucleotide::{complement_strand, reverse_complement};
use yew::prelude::*;

const SITE: &str = "GAATTC";

fn spaced(s: &str) -> String {
    s.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

#[derive(Properties, PartialEq)]
pub struct PalindromeProps {
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

#[component]
pub fn Palindrome(p: &PalindromeProps) -> Html {
    let d = p.dispatch.clone();
    let load = Callback::from(move |_: MouseEvent| d.dispatch(Action::EcoRiExample));
    let duplex = format!("5′ {} 3′\n3′ {} 5′", spaced(SITE), spaced(&complement_strand(SITE)));
    html! {
        <aside class="panel palindrome" aria-labelledby="palindrome-title">
            <h2 class="panel-title" id="palindrome-title">{ "Palindromic sites" }</h2>
            <p>{ "The enzyme EcoRI cuts DNA at " }<code>{ SITE }</code>{ ". Write the complementary strand under it:" }</p>
            <pre class="duplex" aria-label="GAATTC paired with its complementary strand CTTAAG">{ duplex }</pre>
            <p>{ "Read the bottom strand in its own 5′→3′ direction, right to left: " }<code>{ spaced(&reverse_complement(SITE)) }</code>
                { ". It is the same site: RC(GAATTC) = GAATTC. Such a site looks identical from both strands, so rc maps it onto itself and a detector for it fires on x and on g·x alike. Most restriction sites are palindromes like this, because the enzymes that cut them are made of two identical halves, one reading each strand." }</p>
            <button onclick={load}>{ "Load the EcoRI example" }</button>
            <span class="muted small">{ " pUC19's cloning site, a GAATTC detector, max pooling, g = rc" }</span>
        </aside>
    }
}
