//! The row of changes to the world under the stage: empty the resolver's
//! cache, send another email, undo and redo; in an embed, a link that opens
//! the same view in a page of its own.

use super::Shared;
use crate::model::host::HostKind;
use crate::model::scenario::Message;
use crate::model::{Action, Simulation};
use crate::player::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub sim: Shared<Simulation>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// In an embed, the address of the same view as a page.
    pub open_full: Option<String>,
    pub dispatch: Callback<Msg>,
}

#[function_component(Toolbar)]
pub fn toolbar(p: &ToolbarProps) -> Html {
    let w = super::use_words();
    let resolver = p.sim.hosts().iter().find(|h| h.kind == HostKind::Resolver).map(|h| h.name.to_string());
    let emit = |msg: Msg| {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(msg.clone()))
    };
    let flush = resolver.clone().map(|resolver| emit(Msg::Intervene(Action::FlushCache { resolver })));
    // The new message joins the story; the place and the play state stay.
    let first = p.sim.scenario().messages.first();
    let message = Message {
        at: 0.0,
        from: first.map_or_else(|| "alice@alice.example".to_string(), |m| m.from.clone()),
        to: first.map_or_else(|| vec!["bob@example.com".to_string()], |m| m.to.clone()),
        subject: "Another message".into(),
        body: "Sent from the visualizer.\n".into(),
        via: None,
    };
    html! {
        <div class="actions" role="toolbar" aria-label={w.change_world}>
            <span class="hint">{ w.click_hint }</span>
            <button type="button" onclick={flush.unwrap_or_else(Callback::noop)} disabled={resolver.is_none()}>{ w.flush_cache }</button>
            <button type="button" onclick={emit(Msg::Intervene(Action::Send { message }))}>{ w.send_another }</button>
            <button type="button" onclick={emit(Msg::Undo)} disabled={!p.can_undo} title={w.undo_title}>{ w.undo }</button>
            <button type="button" onclick={emit(Msg::Redo)} disabled={!p.can_redo} title={w.redo_title}>{ w.redo }</button>
            if let Some(href) = p.open_full.clone() {
                <a class="open-full" {href} target="_blank" rel="noopener">{ w.open_full }</a>
            }
        </div>
    }
}
