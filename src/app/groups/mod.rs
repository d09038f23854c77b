//! The groups explorer (`#/groups`): pick a group, watch it act on a sample,
//! compose two elements in both orders (g(h x) = (g h) x; D4 does not
//! commute), undo an element with its inverse, read the Cayley table, and
//! see the orbit of the sample (claim C1).

mod cayley_table;
mod sample_view;

use crate::app::url;
use crate::engine::graph::Graph;
use crate::engine::groups::{FiniteGroup, GroupKind};
use crate::engine::nucleotide;
use crate::engine::space::{Signal, Space};
use crate::io::image_presets;
use cayley_table::CayleyTable;
use ndarray::Array2;
use sample_view::SampleView;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The sample each kind of group acts on in the explorer.
fn sample(kind: GroupKind, choice: &str) -> Signal {
    match kind {
        GroupKind::C4 | GroupKind::D4 => {
            let name = if image_presets::render(choice, 8).is_some() { choice } else { "letter" };
            let img = image_presets::render(name, 32).unwrap_or_else(|| Array2::zeros((32, 32)));
            Signal::image(img.insert_axis(ndarray::Axis(0)))
        }
        GroupKind::Cyclic(n) => {
            let text: String = "GATTACAGCCTAGGCT".chars().cycle().take(n).collect();
            nucleotide::encode(&text)
                .unwrap_or_else(|_| Signal::new(Array2::zeros((4, n)).into_dyn(), Space::Invariant))
        }
        GroupKind::ReverseComplement => {
            let text = if choice == "palindrome" { "GAATTC" } else { "GATTACA" };
            nucleotide::encode(text).unwrap_or_else(|_| Signal::new(Array2::zeros((4, 6)).into_dyn(), Space::Invariant))
        }
        GroupKind::Symmetric(n) => {
            let edges: Vec<(usize, usize, f32)> = match choice {
                "cycle" => (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect(),
                "star" => (1..n).map(|i| (0, i, 1.0)).collect(),
                _ => (1..n).map(|i| (i - 1, i, 1.0)).collect(),
            };
            let x = Array2::from_shape_fn((n, 1), |(i, _)| (i + 1) as f32);
            Signal::new(x.into_dyn(), Space::Nodes { graph: Arc::new(Graph::new(n, edges)) })
        }
    }
}

/// Sample choices per kind: (value, label).
fn sample_choices(kind: GroupKind) -> Vec<(&'static str, &'static str)> {
    match kind {
        GroupKind::C4 | GroupKind::D4 => vec![
            ("letter", "letter F (no symmetry)"),
            ("digit3", "digit 3"),
            ("checker", "checkerboard (symmetric)"),
            ("dot", "a dot"),
        ],
        GroupKind::ReverseComplement => {
            vec![("gattaca", "GATTACA"), ("palindrome", "GAATTC (EcoRI site, a palindrome)")]
        }
        GroupKind::Symmetric(_) => vec![("path", "a path"), ("cycle", "a cycle"), ("star", "a star")],
        GroupKind::Cyclic(_) => vec![("strand", "a strand")],
    }
}

fn default_choice(kind: GroupKind) -> String {
    sample_choices(kind).first().map(|(v, _)| v.to_string()).unwrap_or_default()
}

fn act(group: &FiniteGroup, i: usize, x: &Signal) -> Rc<Signal> {
    Rc::new(group.elements[i].transform.act(x).unwrap_or_else(|_| x.clone()))
}

#[component]
pub fn GroupsExplorer() -> Html {
    let loc = url::current_or_default();
    let kind = use_state(|| loc.get("group").and_then(GroupKind::parse).unwrap_or(GroupKind::D4));
    let group = use_memo(*kind, |k| Rc::new(FiniteGroup::new(*k)));
    let find = |name: Option<&str>, default: usize| {
        name.and_then(|n| group.elements.iter().position(|e| e.name == n)).unwrap_or(default).min(group.order() - 1)
    };
    let g = use_state(|| find(loc.get("g"), 1));
    let h = use_state(|| find(loc.get("h"), group.order().saturating_sub(1).min(4)));
    let choice = use_state(|| loc.get("sample").map(str::to_string).unwrap_or_else(|| default_choice(*kind)));
    let subgroup = use_state(Vec::<usize>::new);
    let (gi, hi) = ((*g).min(group.order() - 1), (*h).min(group.order() - 1));

    // Write the view into the URL.
    {
        let (kind, group, choice) = (*kind, group.clone(), (*choice).clone());
        use_effect_with((kind, gi, hi, choice.clone()), move |_| {
            let mut loc = url::current_or_default();
            loc.route = "/groups".into();
            loc.set("group", Some(kind.name()));
            loc.set("g", Some(group.elements[gi].name.clone()));
            loc.set("h", Some(group.elements[hi].name.clone()));
            loc.set("sample", (!choice.is_empty()).then_some(choice));
            url::replace(&loc);
        });
    }

    let x = Rc::new(sample(*kind, &choice));
    let names = |i: usize| group.elements[i].name.clone();
    let gh = group.cayley()[gi][hi];
    let hg = group.cayley()[hi][gi];
    let inv = group.inverse(gi);
    let (hx, gx) = (act(&group, hi, &x), act(&group, gi, &x));
    let g_hx = act(&group, gi, &hx);
    let h_gx = act(&group, hi, &gx);
    let gh_x = act(&group, gh, &x);
    let hg_x = act(&group, hg, &x);
    let back = act(&group, inv, &gx);
    let orbit = group.orbit(&x);

    let pick_kind = |k: GroupKind| {
        let (kind, g, h, choice, subgroup) = (kind.clone(), g.clone(), h.clone(), choice.clone(), subgroup.clone());
        Callback::from(move |_: MouseEvent| {
            kind.set(k);
            g.set(1);
            h.set(if k == GroupKind::D4 { 4 } else { 2 });
            choice.set(default_choice(k));
            subgroup.set(Vec::new());
        })
    };
    let select_el = |state: &UseStateHandle<usize>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = s.value().parse::<usize>() {
                state.set(i);
            }
        })
    };
    let on_pick = {
        let (g, h) = (g.clone(), h.clone());
        Callback::from(move |(i, j): (usize, usize)| {
            g.set(i);
            h.set(j);
        })
    };
    let on_sample = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            choice.set(s.value());
        })
    };
    let on_subgroup = {
        let (subgroup, group) = (subgroup.clone(), group.clone());
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let subs = group.subgroups();
            subgroup.set(s.value().parse::<usize>().ok().and_then(|i| subs.get(i).cloned()).unwrap_or_default());
        })
    };
    let element_select = |label: &str, state: &UseStateHandle<usize>, current: usize| {
        html! {
            <label class="field">{ label.to_string() }
                <select onchange={select_el(state)}>
                    { for group.elements.iter().enumerate().map(|(i, e)| html! { <option value={i.to_string()} selected={i == current}>{ e.name.clone() }</option> }) }
                </select>
            </label>
        }
    };
    let commute = gh == hg;
    let subs = group.subgroups();

    html! {
        <section class="page groups">
            <div class="lab-intro">
                <h1>{ "Groups explorer" }</h1>
                <p class="lead">{ "A symmetry group is a set of transformations that can be composed and undone. Pick a group, pick two elements g and h, and check on a sample that doing h then g is the single element g·h; that every element has an inverse; and that the order sometimes matters." }</p>
            </div>
            <div class="group-picker" role="group" aria-label="Choose a group">
                { for GroupKind::MENU.iter().map(|k| html! {
                    <button class={classes!((*k == *kind).then_some("on"), "toggle")} aria-pressed={(*k == *kind).to_string()} onclick={pick_kind(*k)}>{ k.title() }</button>
                }) }
            </div>
            <div class={classes!("groups-grid", (group.order() > 8).then_some("wide-table"))}>
                <div class="panel">
                    <h2 class="panel-title">{ format!("{} — {} elements, {}", kind.title(), group.order(), if group.is_commutative() { "commutative" } else { "not commutative" }) }</h2>
                    <div class="fields">
                        { element_select("g", &g, gi) }
                        { element_select("h", &h, hi) }
                        if sample_choices(*kind).len() > 1 {
                            <label class="field">{ "Sample x" }
                                <select onchange={on_sample}>
                                    { for sample_choices(*kind).into_iter().map(|(v, l)| html! { <option value={v} selected={*choice == v}>{ l }</option> }) }
                                </select>
                            </label>
                        }
                    </div>
                    <div class="compose-row" aria-label="first h, then g">
                        <SampleView signal={x.clone()} caption="x" />
                        <span class="arrow">{ format!("h = {} →", names(hi)) }</span>
                        <SampleView signal={hx.clone()} caption="h·x" />
                        <span class="arrow">{ format!("g = {} →", names(gi)) }</span>
                        <SampleView signal={g_hx.clone()} caption="g·(h·x)" />
                        <span class="arrow eq">{ "=" }</span>
                        <SampleView signal={gh_x.clone()} caption={format!("(g·h)·x, g·h = {}", names(gh))} />
                    </div>
                    <div class="compose-row" aria-label="first g, then h">
                        <SampleView signal={x.clone()} caption="x" />
                        <span class="arrow">{ format!("g = {} →", names(gi)) }</span>
                        <SampleView signal={gx.clone()} caption="g·x" />
                        <span class="arrow">{ format!("h = {} →", names(hi)) }</span>
                        <SampleView signal={h_gx.clone()} caption="h·(g·x)" />
                        <span class="arrow eq">{ "=" }</span>
                        <SampleView signal={hg_x.clone()} caption={format!("(h·g)·x, h·g = {}", names(hg))} />
                    </div>
                    <p class={classes!("commute", if commute { "verdict-invariant" } else { "verdict-neither" })} data-testid="commute">
                        if commute {
                            { format!("g·h = h·g = {}: these two commute, the order does not matter.", names(gh)) }
                        } else {
                            { format!("g·h = {} but h·g = {}: the order matters, this group does not commute.", names(gh), names(hg)) }
                        }
                    </p>
                    <div class="compose-row" aria-label="g then its inverse">
                        <SampleView signal={x.clone()} caption="x" />
                        <span class="arrow">{ format!("g = {} →", names(gi)) }</span>
                        <SampleView signal={gx.clone()} caption="g·x" />
                        <span class="arrow">{ format!("g⁻¹ = {} →", names(inv)) }</span>
                        <SampleView signal={back} caption="g⁻¹·(g·x) = x" />
                    </div>
                </div>
                <div class="panel">
                    <h2 class="panel-title">{ "Cayley table" }</h2>
                    <p class="muted">{ "Row g, column h: the element g·h (first h, then g). Click a cell to pick that pair. Shaded: the identity; outlined: your g·h; dotted: g with its inverse." }</p>
                    <p class="legend-line">{ for group.elements.iter().filter(|e| e.short != e.name).map(|e| html! { <span class="legend-item"><code>{ e.short.clone() }</code>{ format!(" = {}", e.name) }</span> }) }</p>
                    <label class="field">{ "Highlight a subgroup" }
                        <select onchange={on_subgroup}>
                            <option value="none">{ "none" }</option>
                            { for subs.iter().enumerate().map(|(i, s)| html! {
                                <option value={i.to_string()}>{ format!("{{{}}} ({} elements)", s.iter().map(|&e| names(e)).collect::<Vec<_>>().join(", "), s.len()) }</option>
                            }) }
                        </select>
                    </label>
                    <CayleyTable group={(*group).clone()} g={gi} h={hi} subgroup={(*subgroup).clone()} {on_pick} />
                </div>
                <div class="panel">
                    <h2 class="panel-title">{ format!("Orbit of x: {} distinct pictures", orbit.len()) }</h2>
                    <p class="muted">{ format!("Each picture g·x, with the elements that give it. Orbit size × stabiliser size = {} × {} = {}, the order of the group: a more symmetric sample has a smaller orbit.", orbit.len(), group.order() / orbit.len().max(1), group.order()) }</p>
                    <div class="orbit">
                        { for orbit.iter().map(|(y, who)| html! {
                            <SampleView signal={Rc::new(y.clone())} caption={who.iter().map(|&i| names(i)).collect::<Vec<_>>().join(", ")} />
                        }) }
                    </div>
                </div>
            </div>
        </section>
    }
}
