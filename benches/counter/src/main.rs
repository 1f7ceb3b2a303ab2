//! A bare Yew counter: one button and a number.
use yew::prelude::*;

#[function_component(Counter)]
fn counter() -> Html {
    let n = use_state(|| 0);
    let onclick = {
        let n = n.clone();
        Callback::from(move |_| n.set(*n + 1))
    };
    html! { <button id="counter" {onclick}>{ format!("Clicked {} times", *n) }</button> }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
