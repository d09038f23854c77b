//! The DNA lab's pipelines as one buffer that every version of the lab's
//! state shares. The traces of a 100 kb strand are tens of MB: an edit
//! updates them in place (`strand_pipelines::edit`) instead of copying them,
//! so memory holds one set, not the old and the new. Older versions of the
//! state (kept by the last render's callbacks until the next render) see
//! the update too, which is what they are about to show anyway; the state's
//! `revision` says when the contents changed.

use crate::engine::strand_pipelines::Pipelines;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug, Default)]
pub struct SharedPipelines(Rc<RefCell<Option<Pipelines>>>);

impl SharedPipelines {
    /// `f` of the pipelines, `None` when there are none.
    pub fn read<R>(&self, f: impl FnOnce(&Pipelines) -> R) -> Option<R> {
        self.0.try_borrow().ok()?.as_ref().map(f)
    }

    pub fn is_some(&self) -> bool {
        self.read(|_| ()).is_some()
    }

    /// Replace the contents (drop them with `None`, before a full rerun
    /// allocates new ones).
    pub fn set(&mut self, p: Option<Pipelines>) {
        let p = match self.0.try_borrow_mut() {
            Ok(mut slot) => {
                *slot = p;
                return;
            }
            Err(_) => p,
        };
        // Read elsewhere at this moment (never expected): a buffer of its own.
        *self = SharedPipelines(Rc::new(RefCell::new(p)));
    }

    /// Change the pipelines in place; `None` when there are none.
    pub fn update<R>(&mut self, f: impl FnOnce(&mut Pipelines) -> R) -> Option<R> {
        self.0.try_borrow_mut().ok()?.as_mut().map(f)
    }
}
