//! The lab's words about its own work: what the last recompute covered
//! (`data-testid="dna-update"`), and a long strand's full run in progress
//! (`data-testid="dna-progress"`), which the compare strip shows instead of
//! stale panels.

use crate::engine::pipelines::strand::Update;
pub use crate::engine::text::thousands;
use yew::prelude::*;

/// What the last recompute covered, for a strand of `l` bases.
pub fn update_text(u: &Update, l: usize) -> String {
    match u {
        Update::Full => format!("both pipelines, all {} positions", thousands(l)),
        Update::Transformed => "only the g·x pipeline (new g)".into(),
        Update::Window { edit, positions, of, ends } => {
            let mut s = format!(
                "edit of bases {}–{}: each strand layer recomputed only {} of {} positions",
                thousands(edit.start + 1),
                thousands(edit.end),
                thousands(*positions),
                thousands(*of)
            );
            if *ends {
                s.push_str(" (near an end of the strand some layers were rerun whole: the padding matters there)");
            }
            s
        }
    }
}

/// The verdict's place while a full run goes on.
pub fn running_text(l: usize) -> String {
    format!("The verdict follows when both pipelines have run on all {} positions.", thousands(l))
}

/// A full run in progress: `done` of `all` steps, layer `layer` of `layers`.
pub fn progress(done: usize, all: usize, layer: usize, layers: usize, l: usize) -> Html {
    html! {
        <div class="dna-running">
            <progress data-testid="dna-progress" max={all.to_string()} value={done.to_string()} aria-label="both pipelines computed so far" />
            <span class="muted" data-testid="dna-update">{
                format!("Computing both pipelines on {} positions: layer {} of {}…", thousands(l), (layer + 1).min(layers), layers)
            }</span>
        </div>
    }
}
