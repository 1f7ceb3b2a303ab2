//! Write an email and send it now, every field checked as it is typed.

use super::{field, input_value, SimProps};
use crate::forms;
use crate::model::scenario::{Action, Message};
use crate::player::Msg;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[function_component(Compose)]
pub(super) fn compose(p: &SimProps) -> Html {
    let lang = crate::ui::use_lang();
    let w = lang.words();
    let default_from = p.sim.scenario().messages.first().map_or_else(|| "alice@alice.example".to_string(), |m| m.from.clone());
    let from = use_state(|| default_from);
    let to = use_state(|| "bob@example.com".to_string());
    let subject = use_state(|| "Hello from the playground".to_string());
    let body = use_state(|| "Hi Bob,\n\nJust testing.\n".to_string());
    let sent = use_state(|| false);
    let bind = |s: &UseStateHandle<String>| {
        let (s, sent) = (s.clone(), sent.clone());
        Callback::from(move |e: InputEvent| {
            sent.set(false);
            s.set(input_value(&e));
        })
    };
    let from_err = forms::address(&from, lang).err();
    let to_err = forms::addresses(&to, lang).err();
    let subject_err = forms::subject(&subject, lang).err();
    let ok = from_err.is_none() && to_err.is_none() && subject_err.is_none();
    let send = {
        let (d, from, to, subject, body, sent) = (p.dispatch.clone(), from.clone(), to.clone(), subject.clone(), body.clone(), sent.clone());
        Callback::from(move |_: MouseEvent| {
            let (Ok(f), Ok(t), Ok(s)) = (forms::address(&from, lang), forms::addresses(&to, lang), forms::subject(&subject, lang)) else { return };
            let message = Message { at: 0.0, from: f, to: t, subject: s, body: (*body).clone(), via: None };
            d.emit(Msg::Intervene(Action::Send { message }));
            d.emit(Msg::Play);
            sent.set(true);
        })
    };
    let on_body = {
        let body = body.clone();
        Callback::from(move |e: InputEvent| body.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    html! {
        <div class="compose">
            { field("c-from", w.from, &from, from_err, bind(&from)) }
            { field("c-to", w.to_several, &to, to_err, bind(&to)) }
            { field("c-subject", w.subject, &subject, subject_err, bind(&subject)) }
            <label for="c-body">{ w.body }</label>
            <textarea id="c-body" rows="4" value={(*body).clone()} oninput={on_body} />
            <div class="row">
                <button type="button" class="primary" onclick={send} disabled={!ok}>{ w.send_now }</button>
                if *sent { <span role="status">{ w.sent }</span> }
            </div>
        </div>
    }
}

