//! Drawing a canvas in a browser task of its own. A recompute re-renders a
//! lab, and the effects of one render run in one task: with dozens of
//! plots (the DNA lab's tracks) or a 10,000-node graph, drawing them all
//! there blocked input for 50–150 ms. Each draw scheduled on its own lets
//! the browser handle input between them; a newer version of the data
//! cancels a draw that has not happened yet.

use yew::prelude::*;

/// Like `use_effect_with(deps, draw)`, but `draw` runs in a task of its own
/// after the render.
#[hook]
pub fn use_draw_later<D>(deps: D, draw: impl FnOnce(&D) + 'static)
where
    D: PartialEq + Clone + 'static,
{
    use_effect_with(deps, move |d| {
        let d = d.clone();
        let pending = gloo::timers::callback::Timeout::new(0, move || draw(&d));
        move || drop(pending)
    });
}
