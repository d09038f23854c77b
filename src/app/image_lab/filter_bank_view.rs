//! The filter banks of a group CNN, read from the banks the layers convolve
//! with (`Layer::filter_bank`): each learned base filter beside its `|G|`
//! transformed copies, so the weight sharing is visible. For the group
//! convolution, one base filter at a time: rows are its copies, columns the
//! input orientations; each row is the row above turned by a quarter turn
//! AND shifted one orientation along (`T_r ψ[r⁻¹h]`).

use super::orbit::element_label;
use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::engine::filter_bank::FilterBank;
use crate::engine::model::Model;
use crate::viz::colormap::{range, Scale};
use ndarray::Axis;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterBankViewProps {
    pub model: Rc<Model>,
    /// Identity of the model (its configuration), so the bank is rebuilt
    /// only when it changes.
    pub key_cfg: crate::engine::models::image::ImageModelConfig,
    /// The layer whose bank is shown.
    pub layer: usize,
}

/// A bank's pictures: `planes[filter][copy][plane]`, and one colour scale.
struct Pictures {
    bank: FilterBank,
    planes: Vec<Vec<Vec<Plane>>>,
    scale: Scale,
}

fn pictures(bank: FilterBank) -> Pictures {
    let planes: Vec<Vec<Vec<Plane>>> = bank
        .filters
        .iter()
        .map(|f| {
            f.copies.iter().map(|c| c.axis_iter(Axis(0)).map(|p| Plane(Rc::new(p.to_owned()))).collect()).collect()
        })
        .collect();
    let (lo, hi) = range(bank.filters.iter().flat_map(|f| f.copies.iter().flat_map(|c| c.iter())));
    Pictures { bank, planes, scale: Scale::for_range(lo.min(-1e-6), hi) }
}

fn header(bank: &FilterBank, first: &str) -> Html {
    html! {
        <tr><th scope="col">{ first.to_string() }</th>
            { for (0..bank.group.order()).map(|r| html! { <th scope="col">{ element_label(bank.group, r) }</th> }) }</tr>
    }
}

fn cell(p: &Plane, scale: Scale, label: String) -> Html {
    html! { <td><Heatmap plane={p.clone()} {scale} {label} /></td> }
}

#[component]
pub fn FilterBankView(p: &FilterBankViewProps) -> Html {
    let model = p.model.clone();
    let layer = p.layer;
    let banks = use_memo((p.key_cfg, layer), move |_| {
        model.layers.get(layer).and_then(|l| l.filter_bank()).map(pictures).into_iter().collect::<Vec<_>>()
    });
    let pick = use_state(|| 0usize);
    html! {
        <div class="filter-bank group-bank">
            { for banks.iter().map(|pics| {
                let g = pics.bank.group;
                if pics.bank.planes == 1 {
                    html! {
                        <>
                        <h4>{ format!("Filter bank: {} base filters (column e), each with its {} copies", pics.planes.len(), g.order()) }</h4>
                        <table class="bank-table lift-bank">
                            <thead>{ header(&pics.bank, "filter") }</thead>
                            <tbody>
                                { for pics.planes.iter().enumerate().map(|(f, copies)| html! {
                                    <tr><th scope="row">{ f + 1 }</th>
                                        { for copies.iter().enumerate().map(|(r, c)| cell(&c[0], pics.scale,
                                            format!("filter {} moved by {}", f + 1, element_label(g, r)))) }</tr>
                                }) }
                            </tbody>
                        </table>
                        </>
                    }
                } else {
                    let f = (*pick).min(pics.planes.len().saturating_sub(1));
                    let onchange = {
                        let pick = pick.clone();
                        Callback::from(move |e: Event| {
                            let s: HtmlSelectElement = e.target_unchecked_into();
                            if let Ok(v) = s.value().parse() { pick.set(v); }
                        })
                    };
                    html! {
                        <>
                        <h4>{ format!("Filter bank: one base filter (row e, out of {}) and its {} copies", pics.planes.len(), g.order()) }</h4>
                        <label class="field inline">{ "Base filter " }
                            <select {onchange}>
                                { for pics.bank.filters.iter().enumerate().map(|(i, b)| html! {
                                    <option value={i.to_string()} selected={i == f}>{ format!("out {} ← in {}", b.out_channel + 1, b.in_channel + 1) }</option>
                                }) }
                            </select>
                        </label>
                        <table class="bank-table group-bank-table">
                            <thead>{ header(&pics.bank, "copy \\ input") }</thead>
                            <tbody>
                                { for pics.planes[f].iter().enumerate().map(|(r, planes)| html! {
                                    <tr><th scope="row">{ element_label(g, r) }</th>
                                        { for planes.iter().enumerate().map(|(h, q)| cell(q, pics.scale,
                                            format!("copy {} of filter {}, input orientation {}", element_label(g, r), f + 1, element_label(g, h)))) }</tr>
                                }) }
                            </tbody>
                        </table>
                        <p class="muted small">{ "Row r is the base filter (row e) moved by r: every plane turned by r AND sent to another input orientation, one column along per quarter turn. One learned filter, shared by all its copies." }</p>
                        </>
                    }
                }
            }) }
        </div>
    }
}
