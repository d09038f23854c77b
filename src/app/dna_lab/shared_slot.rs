//! A slot that every version of the DNA lab's state shares: the pipelines
//! and a full run in progress. The traces of a 100 kb strand are tens of
//! MB: an edit updates them in place (`pipelines::strand_edit::edit`) instead of
//! copying them, so memory holds one set, not the old and the new. Older
//! versions of the state (kept by the last render's callbacks until the next
//! render) see the change too, which is what they are about to show anyway;
//! the state's `revision` says when the contents changed.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

pub struct SharedSlot<T>(Rc<RefCell<Option<T>>>);

impl<T> Default for SharedSlot<T> {
    fn default() -> Self {
        SharedSlot(Rc::new(RefCell::new(None)))
    }
}

impl<T> Clone for SharedSlot<T> {
    fn clone(&self) -> Self {
        SharedSlot(self.0.clone())
    }
}

impl<T> fmt::Debug for SharedSlot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_some() { "SharedSlot(..)" } else { "SharedSlot(empty)" })
    }
}

impl<T> SharedSlot<T> {
    /// `f` of the contents, `None` when empty.
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.0.try_borrow().ok()?.as_ref().map(f)
    }

    pub fn is_some(&self) -> bool {
        self.read(|_| ()).is_some()
    }

    /// Replace the contents (`None` drops them, e.g. before a full rerun
    /// allocates new pipelines).
    pub fn set(&mut self, value: Option<T>) {
        let value = match self.0.try_borrow_mut() {
            Ok(mut slot) => {
                *slot = value;
                return;
            }
            Err(_) => value,
        };
        // Read elsewhere at this moment (never expected): a slot of its own.
        *self = SharedSlot(Rc::new(RefCell::new(value)));
    }

    /// Take the contents out, leaving the slot empty.
    pub fn take(&mut self) -> Option<T> {
        self.0.try_borrow_mut().ok()?.take()
    }

    /// Change the contents in place; `None` when empty.
    pub fn update<R>(&mut self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.0.try_borrow_mut().ok()?.as_mut().map(f)
    }
}
