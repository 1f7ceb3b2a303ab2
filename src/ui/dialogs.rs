//! Which dialog is open, and what each shows: a server's menu, a file of a
//! mailbox, Share, the scenario file.

use super::controls::ServerMenu;
use super::panels::EmlViewer;
use super::share::{ScenarioDialog, ShareDialog};
use super::Shared;
use crate::link::View;
use crate::model::report::{Fate, Outcome};
use crate::model::{HostId, Simulation};
use crate::player::{Msg, Player};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub enum Dialog {
    None,
    Server(HostId),
    Eml { host: u16, user: Rc<str>, index: usize },
    Share,
    Scenario,
}

/// The file the end card names: the first message's `.eml`, or its bounce.
pub fn end_card_file(sim: &Simulation, outcomes: &[Outcome]) -> Option<Dialog> {
    let o = outcomes.iter().find(|o| !o.duplicate)?;
    let (host, user, file) = match &o.fate {
        Fate::Delivered { host, folder, file, .. } => sim.host_id(host).map(|h| (h, folder.clone(), file.clone())),
        Fate::Bounced { .. } => sim.envelopes().iter().position(|e| e.bounce_of == Some(o.env)).and_then(|b| {
            sim.state().hosts.iter().enumerate().find_map(|(h, hs)| {
                hs.mailboxes.iter().find_map(|(u, files)| files.iter().find(|f| f.env as usize == b).map(|f| (h as HostId, u.to_string(), f.name.to_string())))
            })
        }),
        _ => None,
    }?;
    let index = sim.state().hosts[host as usize].mailboxes.get(user.as_str()).and_then(|fs| fs.iter().position(|f| *f.name == *file)).unwrap_or(0);
    Some(Dialog::Eml { host, user: user.into(), index })
}

/// The open dialog, for the world the player shows. A dialog may outlive
/// the world it was opened in (an edit removed a server, undo went back):
/// then it quietly closes.
pub fn view(dialog: &Dialog, p: &Player, title: &str, dispatch: &Callback<Msg>, close: &Callback<()>) -> Html {
    let sim = &p.sim;
    match dialog {
        Dialog::None => html! {},
        Dialog::Server(h) if (*h as usize) < sim.hosts().len() && sim.host(*h).is_mail() => html! {
            <ServerMenu sim={Shared(sim.clone())} state={Shared(p.state.clone())} host={*h} dispatch={dispatch.clone()} on_close={close.clone()} />
        },
        Dialog::Server(_) => html! {},
        Dialog::Eml { host, user, index } => {
            let file = p.state.hosts.get(*host as usize).and_then(|h| h.mailboxes.get(user)).and_then(|f| f.get(*index));
            match file {
                Some(f) => html! {
                    <EmlViewer title={format!("{} /{user}/{}", sim.host(*host).name, f.name)} eml={f.eml.clone()} on_close={close.clone()} />
                },
                None => html! {},
            }
        }
        Dialog::Share => {
            // What Share writes keeps the language the reader sees.
            let shared = View { lang: Some(p.lang()), ..p.view.clone() };
            let embedded = View { embed: true, ..shared.clone() };
            html! { <ShareDialog page={p.fragment(&shared, true)} embed={p.fragment(&embedded, true)} title={title.to_string()} on_close={close.clone()} /> }
        }
        Dialog::Scenario => {
            let name = format!("mxviz-{}.json", p.preset.unwrap_or("scenario"));
            let json = serde_json::to_string_pretty(sim.scenario()).unwrap_or_default();
            html! { <ScenarioDialog json={json} file_name={name} dispatch={dispatch.clone()} on_close={close.clone()} /> }
        }
    }
}
