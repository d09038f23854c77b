//! `use_visible`: whether an element is on (or near) the screen, from an
//! IntersectionObserver. Lets a heavy component (a layer row with hundreds of
//! planes) skip redrawing while it is scrolled away, and catch up as soon as
//! it comes back into view.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// True while `node` is within `margin_px` of the viewport. True before the
/// first observation (and where there is no IntersectionObserver), so the
/// first render is always complete.
#[hook]
pub fn use_visible(node: NodeRef, margin_px: u32) -> bool {
    let visible = use_state_eq(|| true);
    {
        let visible = visible.clone();
        use_effect_with(node, move |node| {
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                // The last entry is the newest state of our one element.
                if let Some(e) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
                    visible.set(e.is_intersecting());
                }
            });
            let options = IntersectionObserverInit::new();
            options.set_root_margin(&format!("{margin_px}px 0px"));
            let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok();
            if let (Some(o), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    *visible
}
