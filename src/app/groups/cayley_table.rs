//! The Cayley table of a group: row g, column h holds g·h ("first h, then
//! g"). The identity entries, the selected pair, the inverse of g and a chosen
//! subgroup are highlighted; clicking a cell selects that pair (nothing is
//! hover-only).

use crate::engine::groups::FiniteGroup;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CayleyTableProps {
    pub group: Rc<FiniteGroup>,
    pub g: usize,
    pub h: usize,
    /// Elements of the highlighted subgroup (empty for none).
    pub subgroup: Vec<usize>,
    pub on_pick: Callback<(usize, usize)>,
}

#[component]
pub fn CayleyTable(p: &CayleyTableProps) -> Html {
    let grp = &p.group;
    let n = grp.order();
    let names: Vec<&str> = grp.elements.iter().map(|e| e.short.as_str()).collect();
    let long: Vec<&str> = grp.elements.iter().map(|e| e.name.as_str()).collect();
    let inv_g = grp.inverse(p.g);
    let in_sub = |i: usize| p.subgroup.contains(&i);
    let small = if n > 8 { "cayley small" } else { "cayley" };
    html! {
        <div class="cayley-wrap">
            <table class={small} aria-label="Cayley table: row g, column h, entry g·h (first h, then g)">
                <thead>
                    <tr>
                        <th scope="col" class="corner">{ "g·h" }</th>
                        { for names.iter().enumerate().map(|(j, name)| html! {
                            <th scope="col" title={long[j].to_string()} class={classes!((j == p.h).then_some("sel"), in_sub(j).then_some("sub"))}>{ *name }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for (0..n).map(|i| html! {
                        <tr>
                            <th scope="row" title={long[i].to_string()} class={classes!((i == p.g).then_some("sel"), in_sub(i).then_some("sub"))}>{ names[i] }</th>
                            { for (0..n).map(|j| {
                                let e = grp.cayley()[i][j];
                                let class = classes!(
                                    "cell",
                                    (e == 0).then_some("identity"),
                                    (i == p.g && j == p.h).then_some("picked"),
                                    (i == p.g && j == inv_g).then_some("inverse"),
                                    (in_sub(i) && in_sub(j)).then_some("sub"),
                                );
                                let pick = p.on_pick.reform(move |_: MouseEvent| (i, j));
                                html! {
                                    <td {class}>
                                        <button onclick={pick} aria-label={entry_label(names[e], long[i], long[j], long[e])}>{ names[e] }</button>
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The spoken name of a table entry; it starts with the visible short name
/// when that differs (so speech control finds the button by what it shows).
fn entry_label(short: &str, g: &str, h: &str, gh: &str) -> String {
    if short == gh {
        format!("{g} · {h} = {gh}")
    } else {
        format!("{short}: {g} · {h} = {gh}")
    }
}
