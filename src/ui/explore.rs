//! The playground: edit the zone and the servers, write an email, compare
//! two worlds, export, undo and redo. Every field is checked as it is typed
//! (src/forms.rs) and an invalid value is never applied: the last valid
//! world stays. Changes go to the model as actions or as a new scenario.

use super::share::download_text;
use crate::forms;
use crate::model::dns::ZoneStatus;
use crate::model::retry::RetryPolicy;
use crate::model::scenario::{zone_from_data, Action, MailServer, Message, Record, Scenario, Soa, Zone};
use crate::model::sim::{HostKind, Simulation};
use crate::model::smtp::FaultMode;
use crate::model::State;
use crate::player::{Msg, Variant};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Zone,
    Servers,
    Compose,
    Compare,
    Export,
}

#[derive(Properties, Clone)]
pub struct ExploreProps {
    pub sim: Rc<Simulation>,
    pub state: Rc<State>,
    pub generation: u64,
    pub applied: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub comparing: Option<Variant>,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for ExploreProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &o.sim)
            && self.generation == o.generation
            && self.applied == o.applied
            && self.can_undo == o.can_undo
            && self.can_redo == o.can_redo
            && self.comparing == o.comparing
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A labelled text field that shows its rule while the text is invalid.
fn field(id: &str, label: &str, value: &str, error: Option<String>, oninput: Callback<InputEvent>) -> Html {
    let err_id = format!("{id}-err");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.to_string()}>{ label.to_string() }</label>
            <input id={id.to_string()} type="text" value={value.to_string()} {oninput} spellcheck="false"
                aria-invalid={error.is_some().to_string()} aria-describedby={err_id.clone()} />
            <span id={err_id} class="err" role="status">{ error.unwrap_or_default() }</span>
        </div>
    }
}

#[function_component(Explore)]
pub fn explore(p: &ExploreProps) -> Html {
    let tab = use_state(|| Tab::Zone);
    // The editors are built only while the panel is open: closed, it costs
    // nothing per frame.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            open.set(el.has_attribute("open"));
        })
    };
    let tabs = [(Tab::Zone, "Zone"), (Tab::Servers, "Servers"), (Tab::Compose, "Write"), (Tab::Compare, "Compare"), (Tab::Export, "Export")];
    let body = if !*open {
        html! {}
    } else {
        match *tab {
        Tab::Zone => html! { <ZoneEditor sim={p.sim.clone()} state={p.state.clone()} generation={p.generation} dispatch={p.dispatch.clone()} /> },
        Tab::Servers => html! { <ServersEditor sim={p.sim.clone()} dispatch={p.dispatch.clone()} /> },
        Tab::Compose => html! { <Compose sim={p.sim.clone()} dispatch={p.dispatch.clone()} /> },
        Tab::Compare => compare_tab(p),
        Tab::Export => export_tab(p),
        }
    };
    html! {
        <details class="panel explore" {ontoggle}>
            <summary><h2 id="explore-h">{ "Explore: what if…" }</h2>
                <span class="hint">{ " edit the zone and servers, write mail, compare, export" }</span></summary>
            <div class="tabs" role="tablist" aria-label="Explore">
                { for tabs.iter().map(|(t, name)| {
                    let tab2 = tab.clone();
                    let t = *t;
                    html! {
                        <button type="button" role="tab" aria-selected={(*tab == t).to_string()} class={classes!((*tab == t).then_some("current"))}
                            onclick={Callback::from(move |_| tab2.set(t))}>{ *name }</button>
                    }
                }) }
            </div>
            <div class="tab-body" role="tabpanel">{ body }</div>
        </details>
    }
}

// ---- zone ----

#[derive(Clone, PartialEq)]
struct Row {
    kind: &'static str,
    name: String,
    pref: String,
    value: String,
    ttl: String,
}

#[derive(Clone, PartialEq)]
struct ZoneDraft {
    origin: String,
    status: ZoneStatus,
    soa_ttl: String,
    soa_min: String,
    rows: Vec<Row>,
}

impl ZoneDraft {
    fn from_zone(z: &Zone) -> ZoneDraft {
        let rows = z
            .records
            .iter()
            .map(|r| match r {
                Record::MX { name, ttl, preference, host } => Row { kind: "MX", name: name.clone(), pref: preference.to_string(), value: host.clone(), ttl: ttl.to_string() },
                Record::A { name, ttl, address } => Row { kind: "A", name: name.clone(), pref: String::new(), value: address.clone(), ttl: ttl.to_string() },
                Record::AAAA { name, ttl, address } => Row { kind: "AAAA", name: name.clone(), pref: String::new(), value: address.clone(), ttl: ttl.to_string() },
            })
            .collect();
        ZoneDraft { origin: z.origin.clone(), status: z.status, soa_ttl: z.soa.ttl.to_string(), soa_min: z.soa.minimum.to_string(), rows }
    }

    /// Every field's problem, by row and column; none means it can be built.
    fn row_errors(r: &Row) -> [Option<String>; 4] {
        [
            forms::host(&r.name).err(),
            if r.kind == "MX" { forms::preference(&r.pref).err() } else { None },
            match r.kind {
                "MX" => forms::mx_host(&r.value).err(),
                "A" => forms::ipv4(&r.value).err(),
                _ => forms::ipv6(&r.value).err(),
            },
            forms::ttl(&r.ttl).err(),
        ]
    }

    fn build(&self) -> Result<Zone, String> {
        let soa_ttl = forms::ttl(&self.soa_ttl)?;
        let soa_min = forms::ttl(&self.soa_min)?;
        let mut records = Vec::new();
        for r in &self.rows {
            if let Some(e) = ZoneDraft::row_errors(r).into_iter().flatten().next() {
                return Err(e);
            }
            let ttl = i64::from(forms::ttl(&r.ttl)?);
            let name = r.name.trim().to_string();
            records.push(match r.kind {
                "MX" => Record::MX { name, ttl, preference: i64::from(forms::preference(&r.pref)?), host: r.value.trim().to_string() },
                "A" => Record::A { name, ttl, address: r.value.trim().to_string() },
                _ => Record::AAAA { name, ttl, address: r.value.trim().to_string() },
            });
        }
        let zone = Zone { origin: self.origin.clone(), status: self.status, soa: Soa { ttl: i64::from(soa_ttl), minimum: i64::from(soa_min) }, records };
        zone.check("zone").map_err(|e| e.to_string())?;
        Ok(zone)
    }
}

#[derive(Properties, Clone)]
struct ZoneProps {
    sim: Rc<Simulation>,
    state: Rc<State>,
    generation: u64,
    dispatch: Callback<Msg>,
}

impl PartialEq for ZoneProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &o.sim) && self.generation == o.generation && Rc::ptr_eq(&self.state, &o.state)
    }
}

/// Zones other than the sender's own, as their authorities serve them now.
fn editable_zones(sim: &Simulation, state: &State) -> Vec<Zone> {
    let sender_domains = &sim.scenario().servers.iter().find(|s| s.host.eq_ignore_ascii_case(&sim.scenario().sender)).map(|s| s.mailboxes_for.clone()).unwrap_or_default();
    sim.hosts()
        .iter()
        .enumerate()
        .filter(|(_, h)| h.kind == HostKind::Authority)
        .filter_map(|(i, _)| state.hosts[i].zone.as_ref().map(|z| zone_from_data(z)))
        .filter(|z| !sender_domains.iter().any(|d| d.eq_ignore_ascii_case(&z.origin)))
        .collect()
}

#[function_component(ZoneEditor)]
fn zone_editor(p: &ZoneProps) -> Html {
    let zones = editable_zones(&p.sim, &p.state);
    let chosen = use_state(|| zones.first().map(|z| z.origin.clone()).unwrap_or_default());
    let current = zones.iter().find(|z| z.origin == *chosen).or(zones.first()).cloned();
    let draft = use_state(|| current.as_ref().map(ZoneDraft::from_zone));
    let apply_error = use_state(|| None::<String>);
    {
        // A new run or another zone: start again from what the authority serves.
        let (draft, current, apply_error) = (draft.clone(), current.clone(), apply_error.clone());
        use_effect_with((p.generation, (*chosen).clone()), move |_| {
            draft.set(current.as_ref().map(ZoneDraft::from_zone));
            apply_error.set(None);
        });
    }
    let Some(d) = (*draft).clone() else {
        return html! { <p class="empty">{ "This scenario has no zone to edit." }</p> };
    };
    let set = |f: Rc<dyn Fn(&mut ZoneDraft, String)>| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut d) = (*draft).clone() {
                f(&mut d, input_value(&e));
                draft.set(Some(d));
            }
        })
    };
    let rows = d.rows.iter().enumerate().map(|(i, r)| {
        let errs = ZoneDraft::row_errors(r);
        let id = |c: &str| format!("z{i}-{c}");
        let remove = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(mut d) = (*draft).clone()
                    && i < d.rows.len()
                {
                    d.rows.remove(i);
                    draft.set(Some(d));
                }
            })
        };
        html! {
            <fieldset class="record" key={i}>
                <legend>{ format!("{} record", r.kind) }</legend>
                { field(&id("name"), "name", &r.name, errs[0].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.name = v }))) }
                if r.kind == "MX" {
                    { field(&id("pref"), "preference", &r.pref, errs[1].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.pref = v }))) }
                }
                { field(&id("value"), if r.kind == "MX" { "host" } else { "address" }, &r.value, errs[2].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.value = v }))) }
                { field(&id("ttl"), "TTL (s)", &r.ttl, errs[3].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.ttl = v }))) }
                <button type="button" class="remove" onclick={remove} aria-label={format!("Remove {} record {}", r.kind, i + 1)}>{ "Remove" }</button>
            </fieldset>
        }
    });
    let add = |kind: &'static str| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut d) = (*draft).clone() {
                let (pref, value) = if kind == "MX" { ("30".to_string(), format!("mx3.{}", d.origin)) } else { (String::new(), "198.51.100.30".to_string()) };
                let name = if kind == "MX" { d.origin.clone() } else { format!("mx3.{}", d.origin) };
                d.rows.push(Row { kind, name, pref, value, ttl: "3600".into() });
                draft.set(Some(d));
            }
        })
    };
    let null_mx = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut d) = (*draft).clone() {
                d.rows.retain(|r| !(r.kind == "MX" && r.name.trim_end_matches('.').eq_ignore_ascii_case(&d.origin)));
                d.rows.insert(0, Row { kind: "MX", name: d.origin.clone(), pref: "0".into(), value: ".".into(), ttl: "3600".into() });
                draft.set(Some(d));
            }
        })
    };
    let on_status = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(mut d) = (*draft).clone() {
                d.status = match v.as_str() {
                    "nxdomain" => ZoneStatus::Nxdomain,
                    "servfail" => ZoneStatus::Servfail,
                    _ => ZoneStatus::Ok,
                };
                draft.set(Some(d));
            }
        })
    };
    let on_zone = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let built = d.build();
    let apply = {
        let (dispatch, apply_error, built) = (p.dispatch.clone(), apply_error.clone(), built.clone());
        Callback::from(move |_: MouseEvent| match &built {
            Ok(zone) => {
                apply_error.set(None);
                dispatch.emit(Msg::Intervene(Action::SetZone { zone: zone.clone() }));
            }
            Err(e) => apply_error.set(Some(e.clone())),
        })
    };
    let soa_ttl_err = forms::ttl(&d.soa_ttl).err();
    let soa_min_err = forms::ttl(&d.soa_min).err();
    html! {
        <div class="zone-editor">
            <p class="hint">{ "A change applies at the authority now. Resolvers keep what they cached until its TTL ends." }</p>
            <div class="row">
                <label>{ "Zone " }
                    <select onchange={on_zone} aria-label="Zone to edit">
                        { for zones.iter().map(|z| html! { <option value={z.origin.clone()} selected={z.origin == d.origin}>{ z.origin.clone() }</option> }) }
                    </select>
                </label>
                <label>{ "Domain is " }
                    <select onchange={on_status} aria-label="Zone status">
                        <option value="ok" selected={d.status == ZoneStatus::Ok}>{ "answering (ok)" }</option>
                        <option value="nxdomain" selected={d.status == ZoneStatus::Nxdomain}>{ "missing (NXDOMAIN)" }</option>
                        <option value="servfail" selected={d.status == ZoneStatus::Servfail}>{ "failing (SERVFAIL)" }</option>
                    </select>
                </label>
            </div>
            <div class="row soa">
                { field("soa-ttl", "SOA TTL", &d.soa_ttl, soa_ttl_err, set(Rc::new(|d, v| d.soa_ttl = v))) }
                { field("soa-min", "SOA MINIMUM (negative TTL = the smaller)", &d.soa_min, soa_min_err, set(Rc::new(|d, v| d.soa_min = v))) }
            </div>
            { for rows }
            <div class="row">
                <button type="button" onclick={add("MX")}>{ "Add MX" }</button>
                <button type="button" onclick={add("A")}>{ "Add A" }</button>
                <button type="button" onclick={add("AAAA")}>{ "Add AAAA" }</button>
                <button type="button" onclick={null_mx}>{ "Make it a null MX" }</button>
            </div>
            <div class="row">
                <button type="button" class="primary" onclick={apply} disabled={built.is_err()}>{ "Apply to the authority now" }</button>
            </div>
            if let Err(e) = &built {
                <p class="err" role="status">{ format!("Not applied: {e}") }</p>
            }
            if let Some(e) = &*apply_error {
                <p class="err" role="alert">{ e.clone() }</p>
            }
        </div>
    }
}

// ---- servers ----

#[derive(Properties, Clone)]
struct SimProps {
    sim: Rc<Simulation>,
    dispatch: Callback<Msg>,
}

impl PartialEq for SimProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &o.sim)
    }
}

/// The recipient domain the servers serve: the first domain a non-sender
/// server is final for.
fn recipient_domain(s: &Scenario) -> String {
    s.servers
        .iter()
        .filter(|m| !m.host.eq_ignore_ascii_case(&s.sender))
        .find_map(|m| m.mailboxes_for.first().or(m.relay_for.first()).cloned())
        .unwrap_or_else(|| "example.com".into())
}

#[function_component(ServersEditor)]
fn servers_editor(p: &SimProps) -> Html {
    let scenario = p.sim.scenario().clone();
    let outage = use_state(|| (String::new(), "0".to_string(), "3600".to_string()));
    let lifetime = use_state(|| scenario.queue_lifetime.map_or_else(String::new, |l| l.to_string()));
    let custom = use_state(|| match &scenario.retry {
        RetryPolicy::Custom { first, factor, max, lifetime } => [first.to_string(), factor.to_string(), max.to_string(), lifetime.to_string()],
        _ => ["60".to_string(), "2".to_string(), "1800".to_string(), "86400".to_string()],
    });
    let show_custom = use_state(|| matches!(scenario.retry, RetryPolicy::Custom { .. }));
    let domain = recipient_domain(&scenario);
    let rows = scenario.servers.iter().enumerate().filter(|(_, m)| !m.host.eq_ignore_ascii_case(&scenario.sender)).map(|(i, m)| {
        let role = if !m.mailboxes_for.is_empty() { "final" } else if !m.relay_for.is_empty() { "backup" } else { "none" };
        let on_role = {
            let domain = domain.clone();
            let (d, s) = (p.dispatch.clone(), scenario.clone());
            Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<HtmlSelectElement>().value();
                let mut s = s.clone();
                let m = &mut s.servers[i];
                match v.as_str() {
                    "final" => {
                        m.relay_for.clear();
                        m.relay_recipients = None;
                        m.mailboxes_for = vec![domain.clone()];
                        if m.mailboxes.is_empty() {
                            m.mailboxes = vec!["bob".into()];
                        }
                    }
                    "backup" => {
                        m.mailboxes_for.clear();
                        m.relay_for = vec![domain.clone()];
                    }
                    _ => {
                        m.mailboxes_for.clear();
                        m.relay_for.clear();
                    }
                }
                d.emit(Msg::EditScenario(Box::new(s)));
            })
        };
        let on_knows = {
            let (d, s) = (p.dispatch.clone(), scenario.clone());
            Callback::from(move |ev: Event| {
                let on = ev.target_unchecked_into::<HtmlInputElement>().checked();
                let mut s = s.clone();
                s.servers[i].relay_recipients = on.then(|| vec!["bob".to_string()]);
                d.emit(Msg::EditScenario(Box::new(s)));
            })
        };
        let on_fault = {
            let (d, s) = (p.dispatch.clone(), scenario.clone());
            Callback::from(move |ev: Event| {
                let idx = ev.target_unchecked_into::<HtmlSelectElement>().selected_index().max(0) as usize;
                let mut s = s.clone();
                s.servers[i].fault = FaultMode::ALL.get(idx).copied().unwrap_or_default();
                d.emit(Msg::EditScenario(Box::new(s)));
            })
        };
        let on_down = {
            let (d, s) = (p.dispatch.clone(), scenario.clone());
            Callback::from(move |ev: Event| {
                let mut s = s.clone();
                s.servers[i].down = ev.target_unchecked_into::<HtmlInputElement>().checked();
                d.emit(Msg::EditScenario(Box::new(s)));
            })
        };
        let remove = {
            let (d, s) = (p.dispatch.clone(), scenario.clone());
            let host = m.host.to_ascii_lowercase();
            Callback::from(move |_: MouseEvent| {
                let mut s = s.clone();
                s.servers.remove(i);
                for z in &mut s.zones {
                    z.records.retain(|r| match r {
                        Record::MX { host: h, .. } => h.trim_end_matches('.').to_ascii_lowercase() != host,
                        other => other.name().to_ascii_lowercase() != host,
                    });
                }
                s.timeline.retain(|t| !matches!(&t.action, Action::Down { host: h } | Action::Up { host: h } | Action::Fault { host: h, .. } if h.to_ascii_lowercase() == host));
                d.emit(Msg::EditScenario(Box::new(s)));
            })
        };
        html! {
            <fieldset class="server" key={m.host.clone()}>
                <legend>{ m.host.clone() }</legend>
                <label>{ "Role " }
                    <select onchange={on_role} aria-label={format!("Role of {}", m.host)}>
                        <option value="final" selected={role == "final"}>{ "final: writes mailboxes" }</option>
                        <option value="backup" selected={role == "backup"}>{ "backup: queues and forwards" }</option>
                        <option value="none" selected={role == "none"}>{ "not configured for the domain" }</option>
                    </select>
                </label>
                if role == "backup" {
                    <label class="check"><input type="checkbox" checked={m.relay_recipients.is_some()} onchange={on_knows} />
                        { " knows the valid recipients (else accepts anybody: backscatter)" }</label>
                }
                <label>{ "Mode " }
                    <select onchange={on_fault} aria-label={format!("Fault mode of {}", m.host)}>
                        { for FaultMode::ALL.iter().map(|f| html! { <option selected={*f == m.fault}>{ f.label() }</option> }) }
                    </select>
                </label>
                <label class="check"><input type="checkbox" checked={m.down} onchange={on_down} />{ " down from the start" }</label>
                <button type="button" class="remove" onclick={remove}>{ format!("Remove {}", m.host) }</button>
            </fieldset>
        }
    });
    let add_backup = {
        let (d, s, domain) = (p.dispatch.clone(), scenario.clone(), domain.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = s.clone();
            let n = (2..50).find(|n| !s.servers.iter().any(|m| m.host == format!("mx{n}.{domain}"))).unwrap_or(9);
            let host = format!("mx{n}.{domain}");
            let address = (20..250).map(|k| format!("203.0.113.{k}")).find(|a| !s.servers.iter().any(|m| m.address == *a)).unwrap_or_default();
            let worst = s.zones.iter().flat_map(|z| &z.records).filter_map(|r| match r { Record::MX { preference, .. } => Some(*preference), _ => None }).max().unwrap_or(10);
            if let Some(z) = s.zones.iter_mut().find(|z| z.origin.eq_ignore_ascii_case(&domain)) {
                z.records.push(Record::MX { name: domain.clone(), ttl: 3600, preference: (worst + 10).min(65_535), host: host.clone() });
                z.records.push(Record::A { name: host.clone(), ttl: 3600, address: address.clone() });
            }
            s.servers.push(MailServer {
                host,
                address,
                resolver: crate::model::scenario::default_resolver(),
                mailboxes_for: vec![],
                mailboxes: vec![],
                relay_for: vec![domain.clone()],
                relay_recipients: Some(vec!["bob".into()]),
                down: false,
                fault: FaultMode::Normal,
                retry: None,
            });
            d.emit(Msg::EditScenario(Box::new(s)));
        })
    };
    let on_policy = {
        let (d, s, show_custom) = (p.dispatch.clone(), scenario.clone(), show_custom.clone());
        Callback::from(move |ev: Event| {
            let mut s = s.clone();
            s.retry = match ev.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "custom" => {
                    // Its numbers are applied with their own button, once valid.
                    show_custom.set(true);
                    return;
                }
                "exim" => RetryPolicy::Exim,
                "rfc" => RetryPolicy::RfcMinimum,
                _ => RetryPolicy::Postfix,
            };
            show_custom.set(false);
            d.emit(Msg::EditScenario(Box::new(s)));
        })
    };
    let [c_first, c_factor, c_max, c_life] = (*custom).clone();
    let custom_checked = forms::custom_retry(&c_first, &c_factor, &c_max, &c_life);
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
                let mut s = s.clone();
                s.retry = policy.clone();
                d.emit(Msg::EditScenario(Box::new(s)));
            }
        })
    };
    let lifetime_err = (!lifetime.trim().is_empty()).then(|| forms::seconds(&lifetime, 60).err()).flatten();
    let apply_lifetime = {
        let (d, s, l) = (p.dispatch.clone(), scenario.clone(), (*lifetime).clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = s.clone();
            s.queue_lifetime = if l.trim().is_empty() { None } else { forms::seconds(&l, 60).ok() };
            d.emit(Msg::EditScenario(Box::new(s)));
        })
    };
    let on_lifetime = {
        let lifetime = lifetime.clone();
        Callback::from(move |e: InputEvent| lifetime.set(input_value(&e)))
    };
    // A scheduled outage: down at a, up at b (seconds from the start).
    let hosts: Vec<String> = scenario.servers.iter().map(|m| m.host.clone()).collect();
    let (o_host, o_from, o_to) = (*outage).clone();
    let o_host = if o_host.is_empty() { hosts.get(1).cloned().unwrap_or_default() } else { o_host };
    let from_err = forms::seconds(&o_from, 0).err();
    let to_err = match (forms::seconds(&o_from, 0), forms::seconds(&o_to, 1)) {
        (_, Err(e)) => Some(e),
        (Ok(a), Ok(b)) if b <= a => Some("the end must come after the start".into()),
        _ => None,
    };
    let add_outage = {
        let (d, s, h) = (p.dispatch.clone(), scenario.clone(), o_host.clone());
        let (a, b) = (forms::seconds(&o_from, 0), forms::seconds(&o_to, 1));
        Callback::from(move |_: MouseEvent| {
            if let (Ok(a), Ok(b)) = (a.clone(), b.clone()) {
                let mut s = s.clone();
                s.timeline.push(crate::model::scenario::TimedAction { at: a as f64, action: Action::Down { host: h.clone() } });
                s.timeline.push(crate::model::scenario::TimedAction { at: b as f64, action: Action::Up { host: h.clone() } });
                d.emit(Msg::EditScenario(Box::new(s)));
            }
        })
    };
    let set_outage = |k: usize| {
        let outage = outage.clone();
        Callback::from(move |e: InputEvent| {
            let mut o = (*outage).clone();
            let v = input_value(&e);
            match k {
                1 => o.1 = v,
                _ => o.2 = v,
            }
            outage.set(o);
        })
    };
    let on_outage_host = {
        let outage = outage.clone();
        Callback::from(move |e: Event| {
            let mut o = (*outage).clone();
            o.0 = e.target_unchecked_into::<HtmlSelectElement>().value();
            outage.set(o);
        })
    };
    let policy = match scenario.retry {
        _ if *show_custom => "custom",
        RetryPolicy::Exim => "exim",
        RetryPolicy::RfcMinimum => "rfc",
        RetryPolicy::Custom { .. } => "custom",
        RetryPolicy::Postfix => "postfix",
    };
    html! {
        <div class="servers-editor">
            <p class="hint">{ "Changes here rebuild the world from the start; the story stays at this step." }</p>
            { for rows }
            <div class="row"><button type="button" onclick={add_backup}>{ "Add a backup MX" }</button></div>
            <fieldset>
                <legend>{ "Scheduled outage" }</legend>
                <label>{ "Server " }
                    <select onchange={on_outage_host} aria-label="Server for the outage">
                        { for hosts.iter().map(|h| html! { <option value={h.clone()} selected={*h == o_host}>{ h.clone() }</option> }) }
                    </select>
                </label>
                { field("outage-from", "down from (s after start)", &o_from, from_err.clone(), set_outage(1)) }
                { field("outage-to", "up again at (s)", &o_to, to_err.clone(), set_outage(2)) }
                <button type="button" onclick={add_outage} disabled={from_err.is_some() || to_err.is_some()}>{ "Add outage" }</button>
            </fieldset>
            <fieldset>
                <legend>{ "Retries" }</legend>
                <label>{ "Policy " }
                    <select onchange={on_policy} aria-label="Retry policy">
                        <option value="postfix" selected={policy == "postfix"}>{ "Postfix: 5 min doubling to ~1 h, 5 days" }</option>
                        <option value="exim" selected={policy == "exim"}>{ "Exim: 15 min, then ×1.5 from 1 h, then 6 h, 4 days" }</option>
                        <option value="rfc" selected={policy == "rfc"}>{ "RFC 5321 minimum: every 30 min, 5 days" }</option>
                        <option value="custom" selected={policy == "custom"}>{ "custom numbers…" }</option>
                    </select>
                </label>
                if policy == "custom" {
                    { field("r-first", "first wait (s)", &c_first, None, set_custom(0)) }
                    { field("r-factor", "growth factor", &c_factor, None, set_custom(1)) }
                    { field("r-max", "longest wait (s)", &c_max, None, set_custom(2)) }
                    { field("r-life", "give up after (s)", &c_life, None, set_custom(3)) }
                    <button type="button" onclick={apply_custom} disabled={custom_checked.is_err()}>{ "Apply custom schedule" }</button>
                    if let Err(e) = &custom_checked { <p class="err" role="status" id="r-err">{ e.clone() }</p> }
                }
                { field("lifetime", "queue lifetime (s, empty: the policy's)", &lifetime, lifetime_err.clone(), on_lifetime) }
                <button type="button" onclick={apply_lifetime} disabled={lifetime_err.is_some()}>{ "Apply lifetime" }</button>
            </fieldset>
        </div>
    }
}

// ---- compose ----

#[function_component(Compose)]
fn compose(p: &SimProps) -> Html {
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
    let from_err = forms::address(&from).err();
    let to_err = forms::addresses(&to).err();
    let subject_err = forms::subject(&subject).err();
    let ok = from_err.is_none() && to_err.is_none() && subject_err.is_none();
    let send = {
        let (d, from, to, subject, body, sent) = (p.dispatch.clone(), from.clone(), to.clone(), subject.clone(), body.clone(), sent.clone());
        Callback::from(move |_: MouseEvent| {
            let (Ok(f), Ok(t), Ok(s)) = (forms::address(&from), forms::addresses(&to), forms::subject(&subject)) else { return };
            let message = Message { at: 0.0, from: f, to: t, subject: s, body: (*body).clone() };
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
            { field("c-from", "From", &from, from_err, bind(&from)) }
            { field("c-to", "To (several: separate with commas)", &to, to_err, bind(&to)) }
            { field("c-subject", "Subject", &subject, subject_err, bind(&subject)) }
            <label for="c-body">{ "Body" }</label>
            <textarea id="c-body" rows="4" value={(*body).clone()} oninput={on_body} />
            <div class="row">
                <button type="button" class="primary" onclick={send} disabled={!ok}>{ "Send now" }</button>
                if *sent { <span role="status">{ "Sent: watch it leave alice's server." }</span> }
            </div>
        </div>
    }
}

// ---- compare and export ----

fn compare_tab(p: &ExploreProps) -> Html {
    let choose = |v: Option<Variant>| {
        let d = p.dispatch.clone();
        Callback::from(move |_: Event| d.emit(Msg::Compare(v)))
    };
    html! {
        <div class="compare" role="radiogroup" aria-label="Compare two worlds">
            <p class="hint">{ "Two worlds that differ in one setting, on one clock, with what became of each message." }</p>
            <label class="check"><input type="radio" name="compare" checked={p.comparing.is_none()} onchange={choose(None)} />{ " one world" }</label>
            { for Variant::ALL.iter().map(|v| html! {
                <label class="check"><input type="radio" name="compare" checked={p.comparing == Some(*v)} onchange={choose(Some(*v))} />{ format!(" {}", v.name()) }</label>
            }) }
        </div>
    }
}

fn export_tab(p: &ExploreProps) -> Html {
    let sim = p.sim.clone();
    let json = {
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| download_text("mxviz-trace.json", &crate::model::report::trace_json(&sim), "application/json"))
    };
    let text = {
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| download_text("mxviz-trace.txt", &crate::model::report::trace_text(&sim), "text/plain"))
    };
    let svg = Callback::from(move |_: MouseEvent| {
        if let Some(svg) = gloo::utils::document().query_selector("svg.stage").ok().flatten() {
            download_text("mxviz-stage.svg", &standalone_svg(&svg.outer_html()), "image/svg+xml");
        }
    });
    html! {
        <div class="export">
            <p class="hint">{ "Save what you see. A message's .eml is in the mailbox: open it and download it." }</p>
            <div class="row">
                <button type="button" onclick={json}>{ "Trace as JSON" }</button>
                <button type="button" onclick={text}>{ "Trace as text" }</button>
                <button type="button" onclick={svg}>{ "Picture of the stage (SVG)" }</button>
            </div>
        </div>
    }
}

/// The stage's markup as a file that stands alone: the namespace and the
/// few styles it needs, in light colours.
pub fn standalone_svg(outer: &str) -> String {
    const STYLE: &str = "<style>text{font-family:sans-serif;text-anchor:middle;fill:#1b1f2a}.edges line{stroke:#d9dde8;stroke-width:2}\
.box{fill:#fff;stroke:#8f98ad;stroke-width:2}.host.resolver .box,.host.authority .box{stroke:#7a3fc1}.host.down .box{stroke:#c0262d;stroke-dasharray:7 5}\
.label{font-weight:700;font-size:19px}.name,.status{font-size:14px}.packet rect{fill:#2458d6}.packet text{fill:#fff;font-family:monospace;font-size:14px}\
.packet.failed rect{fill:#c0262d}.queue-badge rect{fill:#a15c00}.queue-badge text{fill:#fff;font-size:13px}.folder.filled .box{stroke:#17803d}</style>";
    let with_ns = outer.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1);
    match with_ns.find('>') {
        Some(i) => format!("{}{}{}", &with_ns[..=i], STYLE, &with_ns[i + 1..]),
        None => with_ns,
    }
}
