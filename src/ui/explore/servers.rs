//! The servers editor: each server's role, fault and start state, a backup
//! added or a server removed, a scheduled outage, the retry schedule. Every
//! structural change is `model::edit`'s; this only collects the choices.

use super::{field, input_value, SimProps};
use crate::forms;
use crate::model::edit::{self, ServerRole};
use crate::model::retry::RetryPolicy;
use crate::model::smtp::FaultMode;
use crate::player::Msg;
use crate::text::labels::fault_label;
use crate::text::words::{fill, Words};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The choices of the retry menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PolicyChoice {
    Postfix,
    Exim,
    Rfc,
    Custom,
}

impl PolicyChoice {
    const ALL: [PolicyChoice; 4] = [PolicyChoice::Postfix, PolicyChoice::Exim, PolicyChoice::Rfc, PolicyChoice::Custom];

    fn of(policy: &RetryPolicy) -> PolicyChoice {
        match policy {
            RetryPolicy::Postfix(_) => PolicyChoice::Postfix,
            RetryPolicy::Exim(_) => PolicyChoice::Exim,
            RetryPolicy::RfcMinimum => PolicyChoice::Rfc,
            RetryPolicy::Custom { .. } => PolicyChoice::Custom,
        }
    }

    fn value(self) -> &'static str {
        match self {
            PolicyChoice::Postfix => "postfix",
            PolicyChoice::Exim => "exim",
            PolicyChoice::Rfc => "rfc",
            PolicyChoice::Custom => "custom",
        }
    }

    fn label(self, w: &'static Words) -> &'static str {
        match self {
            PolicyChoice::Postfix => w.policy_postfix,
            PolicyChoice::Exim => w.policy_exim,
            PolicyChoice::Rfc => w.policy_rfc,
            PolicyChoice::Custom => w.policy_custom,
        }
    }
}

/// The option's value, which tests and links may name.
fn role_value(role: ServerRole) -> &'static str {
    match role {
        ServerRole::Final => "final",
        ServerRole::Backup => "backup",
        ServerRole::Neither => "none",
    }
}

fn role_label(role: ServerRole, w: &'static Words) -> &'static str {
    match role {
        ServerRole::Final => w.role_final,
        ServerRole::Backup => w.role_backup,
        ServerRole::Neither => w.role_none,
    }
}

/// A scheduled outage being typed: which server, down from, up again at.
#[derive(Clone, Default, PartialEq)]
struct OutageForm {
    host: String,
    from: String,
    to: String,
}

#[function_component(ServersEditor)]
pub(super) fn servers_editor(p: &SimProps) -> Html {
    let lang = crate::ui::use_lang();
    let w = lang.words();
    let scenario = p.sim.scenario().clone();
    let outage = use_state(|| OutageForm { host: String::new(), from: "0".into(), to: "3600".into() });
    let lifetime = use_state(|| scenario.queue_lifetime.map_or_else(String::new, |l| l.to_string()));
    let custom = use_state(|| match &scenario.retry {
        RetryPolicy::Custom { first, factor, max, lifetime, .. } => [first.to_string(), factor.to_string(), max.to_string(), lifetime.to_string()],
        _ => ["60".to_string(), "2".to_string(), "1800".to_string(), "86400".to_string()],
    });
    let show_custom = use_state(|| matches!(scenario.retry, RetryPolicy::Custom { .. }));
    let by_age = use_state(|| matches!(scenario.retry, RetryPolicy::Custom { by_age: true, .. }));
    // Each change is sent as the whole new scenario, which the player checks
    // and runs; `change` builds it from the scenario as it is now.
    let change = |f: fn(&crate::model::Scenario, &str, bool) -> crate::model::Scenario, host: String| {
        let (d, s) = (p.dispatch.clone(), scenario.clone());
        Callback::from(move |ev: Event| {
            let on = ev.target_unchecked_into::<HtmlInputElement>().checked();
            d.emit(Msg::EditScenario(Box::new(f(&s, &host, on))));
        })
    };
    let rows = edit::editable_servers(&scenario).map(|m| {
        let role = ServerRole::of(m);
        let on_role = {
            let (d, s, host) = (p.dispatch.clone(), scenario.clone(), m.host.clone());
            Callback::from(move |ev: Event| {
                let idx = ev.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
                let role = ServerRole::ALL.get(idx).copied().unwrap_or(ServerRole::Neither);
                d.emit(Msg::EditScenario(Box::new(edit::set_role(&s, &host, role))));
            })
        };
        let on_knows = change(edit::set_knows_recipients, m.host.clone());
        let on_down = change(edit::set_down_from_start, m.host.clone());
        let on_fault = {
            let (d, s, host) = (p.dispatch.clone(), scenario.clone(), m.host.clone());
            Callback::from(move |ev: Event| {
                let idx = ev.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
                let mode = FaultMode::ALL.get(idx).copied().unwrap_or_default();
                d.emit(Msg::EditScenario(Box::new(edit::set_fault(&s, &host, mode))));
            })
        };
        let on_next_hop = {
            let (d, s, host) = (p.dispatch.clone(), scenario.clone(), m.host.clone());
            Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<HtmlSelectElement>().value();
                d.emit(Msg::EditScenario(Box::new(edit::set_next_hop(&s, &host, (!v.is_empty()).then_some(v)))));
            })
        };
        let others: Vec<String> = scenario.servers.iter().filter(|o| !edit::same_host(&o.host, &m.host)).map(|o| o.host.clone()).collect();
        let remove = {
            let (d, s, host) = (p.dispatch.clone(), scenario.clone(), m.host.clone());
            Callback::from(move |_: MouseEvent| d.emit(Msg::EditScenario(Box::new(edit::remove_server(&s, &host)))))
        };
        html! {
            <fieldset class="server" key={m.host.clone()}>
                <legend>{ m.host.clone() }</legend>
                <label>{ w.role }
                    <select onchange={on_role} aria-label={fill(w.role_of, &[&m.host])}>
                        { for ServerRole::ALL.iter().map(|r| html! { <option value={role_value(*r)} selected={*r == role}>{ role_label(*r, w) }</option> }) }
                    </select>
                </label>
                if role == ServerRole::Backup {
                    <label class="check"><input type="checkbox" checked={m.relay_recipients.is_some()} onchange={on_knows} />
                        { w.knows_recipients }</label>
                }
                <label>{ w.mode }
                    <select onchange={on_fault} aria-label={fill(w.mode_of, &[&m.host])}>
                        { for FaultMode::ALL.iter().map(|f| html! { <option selected={*f == m.fault}>{ fault_label(*f, lang) }</option> }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" checked={m.down} onchange={on_down} />{ w.down_from_start }</label>
                <label>{ w.next_hop }
                    <select onchange={on_next_hop} aria-label={fill(w.next_hop_of, &[&m.host])}>
                        <option value="" selected={m.next_hop.is_none()}>{ w.ask_dns }</option>
                        { for others.iter().map(|o| html! {
                            <option value={o.clone()} selected={m.next_hop.as_deref().is_some_and(|h| edit::same_host(h, o))}>{ fill(w.always_to, &[o]) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="remove" onclick={remove}>{ fill(w.remove_server, &[&m.host]) }</button>
            </fieldset>
        }
    });
    let add_backup = {
        let (d, s) = (p.dispatch.clone(), scenario.clone());
        Callback::from(move |_: MouseEvent| d.emit(Msg::EditScenario(Box::new(edit::add_backup(&s)))))
    };
    let on_policy = {
        let (d, s, show_custom) = (p.dispatch.clone(), scenario.clone(), show_custom.clone());
        Callback::from(move |ev: Event| {
            let idx = ev.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
            let policy = match PolicyChoice::ALL.get(idx).copied().unwrap_or(PolicyChoice::Postfix) {
                PolicyChoice::Custom => {
                    // Its numbers are applied with their own button, once valid.
                    show_custom.set(true);
                    return;
                }
                PolicyChoice::Exim => RetryPolicy::exim(),
                PolicyChoice::Rfc => RetryPolicy::RfcMinimum,
                PolicyChoice::Postfix => RetryPolicy::postfix(),
            };
            show_custom.set(false);
            d.emit(Msg::EditScenario(Box::new(edit::set_retry(&s, policy))));
        })
    };
    let [c_first, c_factor, c_max, c_life] = (*custom).clone();
    let custom_checked = forms::custom_retry(&c_first, &c_factor, &c_max, &c_life, *by_age, lang);
    let on_by_age = {
        let by_age = by_age.clone();
        Callback::from(move |ev: Event| by_age.set(ev.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let set_custom = |k: usize| {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| {
            let mut c = (*custom).clone();
            c[k] = input_value(&e);
            custom.set(c);
        })
    };
    let apply_custom = {
        let (d, s, policy) = (p.dispatch.clone(), scenario.clone(), custom_checked.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(policy) = &policy {
                d.emit(Msg::EditScenario(Box::new(edit::set_retry(&s, policy.clone()))));
            }
        })
    };
    let lifetime_err = (!lifetime.trim().is_empty()).then(|| forms::seconds(&lifetime, 60, lang).err()).flatten();
    let apply_lifetime = {
        let (d, s, l) = (p.dispatch.clone(), scenario.clone(), (*lifetime).clone());
        Callback::from(move |_: MouseEvent| {
            let lifetime = if l.trim().is_empty() { None } else { forms::seconds(&l, 60, lang).ok() };
            d.emit(Msg::EditScenario(Box::new(edit::set_queue_lifetime(&s, lifetime))));
        })
    };
    let on_lifetime = {
        let lifetime = lifetime.clone();
        Callback::from(move |e: InputEvent| lifetime.set(input_value(&e)))
    };
    // A scheduled outage: down at a, up at b (seconds from the start).
    let hosts: Vec<String> = scenario.servers.iter().map(|m| m.host.clone()).collect();
    let form = (*outage).clone();
    let o_host = if form.host.is_empty() { hosts.get(1).cloned().unwrap_or_default() } else { form.host.clone() };
    let from_err = forms::seconds(&form.from, 0, lang).err();
    let to_err = match (forms::seconds(&form.from, 0, lang), forms::seconds(&form.to, 1, lang)) {
        (_, Err(e)) => Some(e),
        (Ok(a), Ok(b)) if b <= a => Some(w.end_after_start.into()),
        _ => None,
    };
    let add_outage = {
        let (d, s, h) = (p.dispatch.clone(), scenario.clone(), o_host.clone());
        let (a, b) = (forms::seconds(&form.from, 0, lang), forms::seconds(&form.to, 1, lang));
        Callback::from(move |_: MouseEvent| {
            if let (Ok(a), Ok(b)) = (a.clone(), b.clone()) {
                d.emit(Msg::EditScenario(Box::new(edit::add_outage(&s, &h, a, b))));
            }
        })
    };
    let set_outage = |f: fn(&mut OutageForm, String)| {
        let outage = outage.clone();
        Callback::from(move |e: InputEvent| {
            let mut o = (*outage).clone();
            f(&mut o, input_value(&e));
            outage.set(o);
        })
    };
    let on_outage_host = {
        let outage = outage.clone();
        Callback::from(move |e: Event| {
            let mut o = (*outage).clone();
            o.host = e.target_unchecked_into::<HtmlSelectElement>().value();
            outage.set(o);
        })
    };
    let policy = if *show_custom { PolicyChoice::Custom } else { PolicyChoice::of(&scenario.retry) };
    html! {
        <div class="servers-editor">
            <p class="hint">{ w.servers_hint }</p>
            { for rows }
            <div class="row"><button type="button" onclick={add_backup}>{ w.add_backup }</button></div>
            <fieldset>
                <legend>{ w.outage }</legend>
                <label>{ w.server }
                    <select onchange={on_outage_host} aria-label={w.outage_server}>
                        { for hosts.iter().map(|h| html! { <option value={h.clone()} selected={*h == o_host}>{ h.clone() }</option> }) }
                    </select>
                </label>
                { field("outage-from", w.down_from, &form.from, from_err.clone(), set_outage(|o, v| o.from = v)) }
                { field("outage-to", w.up_again, &form.to, to_err.clone(), set_outage(|o, v| o.to = v)) }
                <button type="button" onclick={add_outage} disabled={from_err.is_some() || to_err.is_some()}>{ w.add_outage }</button>
            </fieldset>
            <fieldset>
                <legend>{ w.retries }</legend>
                <label>{ w.policy }
                    <select onchange={on_policy} aria-label={w.retry_policy}>
                        { for PolicyChoice::ALL.iter().map(|c| html! { <option value={c.value()} selected={*c == policy}>{ c.label(w) }</option> }) }
                    </select>
                </label>
                if policy == PolicyChoice::Custom {
                    { field("r-first", w.first_wait, &c_first, None, set_custom(0)) }
                    { field("r-factor", w.growth_factor, &c_factor, None, set_custom(1)) }
                    { field("r-max", w.longest_wait, &c_max, None, set_custom(2)) }
                    { field("r-life", w.give_up_after, &c_life, None, set_custom(3)) }
                    <label class="check"><input type="checkbox" checked={*by_age} onchange={on_by_age} />
                        { w.by_age }</label>
                    <button type="button" onclick={apply_custom} disabled={custom_checked.is_err()}>{ w.apply_custom }</button>
                    if let Err(e) = &custom_checked { <p class="err" role="status" id="r-err">{ e.clone() }</p> }
                }
                { field("lifetime", w.lifetime_field, &lifetime, lifetime_err.clone(), on_lifetime) }
                <button type="button" onclick={apply_lifetime} disabled={lifetime_err.is_some()}>{ w.apply_lifetime }</button>
            </fieldset>
        </div>
    }
}

