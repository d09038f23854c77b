//! Input size versus strided pooling: the side of every layer's maps, and
//! whether a quarter turn still maps the pooling windows onto windows
//! (`engine::stride_parity`), with a switch between an even and an odd side.

use super::reducer::Action;
use super::state::ImageLabState;
use crate::engine::model::Model;
use crate::engine::models::image::ImageModelConfig;
use crate::engine::stride_parity::stride_parity;
use crate::io::image_settings::SIZES;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParityPanelProps {
    pub cfg: ImageModelConfig,
    pub model: Rc<Model>,
    pub dispatch: UseReducerDispatcher<ImageLabState>,
}

#[component]
pub fn ParityPanel(p: &ParityPanelProps) -> Html {
    let n = p.cfg.input_size;
    let parity = stride_parity(&p.model, n);
    let exact = parity.exact();
    html! {
        <section class="panel parity-panel" data-testid="stride-parity" data-exact={exact.to_string()}
            data-size={n.to_string()} aria-labelledby="parity-title">
            <h2 class="panel-title" id="parity-title">{ "Input size and strided pooling" }</h2>
            <div class="tools" role="group" aria-label="Input size">
                <span class="muted">{ "Input side:" }</span>
                { for SIZES.iter().map(|&s| {
                    let d = p.dispatch.clone();
                    let cfg = p.cfg;
                    html! {
                        <button class={classes!("toggle", (s == n).then_some("on"))} aria-pressed={(s == n).to_string()}
                            onclick={Callback::from(move |_| d.dispatch(Action::SetModel(ImageModelConfig { input_size: s, ..cfg })))}>
                            { format!("{s}×{s} ({})", if s % 2 == 0 { "even" } else { "odd" }) }
                        </button>
                    }
                }) }
            </div>
            <ol class="size-chain" aria-label="side of each layer's maps">
                <li class="size-input"><span class="size">{ n }</span><span class="kind">{ "input" }</span></li>
                { for parity.sizes.iter().enumerate().map(|(k, side)| {
                    let kind = p.model.layers.get(k).map(|l| l.kind()).unwrap_or("");
                    let broken = parity.first_break == Some(k);
                    html! {
                        <li class={classes!(broken.then_some("size-break"))}>
                            <span class="size">{ side }</span><span class="kind">{ format!("{} {kind}", k + 1) }</span>
                        </li>
                    }
                }) }
            </ol>
            <p class={classes!("parity-text", if exact { "ok" } else { "bad" })}>{ parity.explanation.clone() }</p>
        </section>
    }
}
