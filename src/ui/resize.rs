//! Calls back when an element changes size (a window resized, a phone
//! rotated, a panel opened beside it): the stage is laid out for its own width.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Stops observing when dropped.
pub struct Observer {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `changed` whenever `element` changes size, and once at the start.
pub fn observe(element: &web_sys::Element, changed: impl Fn() + 'static) -> Option<Observer> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries| changed());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(Observer { observer, _callback: callback })
}
