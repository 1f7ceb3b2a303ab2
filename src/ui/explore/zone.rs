//! The zone editor: records of a zone as its authority serves them now,
//! checked field by field; a valid zone is applied at the authority.

use super::{field, input_value};
use crate::forms;
use crate::model::dns::ZoneStatus;
use crate::model::host::HostKind;
use crate::model::scenario::{Action, Record, Soa, Zone};
use crate::model::world::{check_zone, zone_from_data, Limits};
use crate::model::{Simulation, State};
use crate::player::Msg;
use crate::text::problems::scenario_error;
use crate::text::words::fill;
use crate::text::Lang;
use super::super::Shared;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Writes one form field's text into the zone being edited.
type FieldSetter = dyn Fn(&mut ZoneDraft, String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Mx,
    A,
    Aaaa,
    Cname,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Mx => "MX",
            Kind::A => "A",
            Kind::Aaaa => "AAAA",
            Kind::Cname => "CNAME",
        }
    }
}

#[derive(Clone, PartialEq)]
struct Row {
    kind: Kind,
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
                Record::MX { name, ttl, preference, host } => Row { kind: Kind::Mx, name: name.clone(), pref: preference.to_string(), value: host.clone(), ttl: ttl.to_string() },
                Record::A { name, ttl, address } => Row { kind: Kind::A, name: name.clone(), pref: String::new(), value: address.clone(), ttl: ttl.to_string() },
                Record::AAAA { name, ttl, address } => Row { kind: Kind::Aaaa, name: name.clone(), pref: String::new(), value: address.clone(), ttl: ttl.to_string() },
                Record::CNAME { name, ttl, target } => Row { kind: Kind::Cname, name: name.clone(), pref: String::new(), value: target.clone(), ttl: ttl.to_string() },
            })
            .collect();
        ZoneDraft { origin: z.origin.clone(), status: z.status, soa_ttl: z.soa.ttl.to_string(), soa_min: z.soa.minimum.to_string(), rows }
    }

    /// Every field's problem, by row and column; none means it can be built.
    fn row_errors(r: &Row, lang: Lang) -> [Option<String>; 4] {
        [
            forms::host(&r.name, lang).err(),
            if r.kind == Kind::Mx { forms::preference(&r.pref, lang).err() } else { None },
            match r.kind {
                Kind::Mx => forms::mx_host(&r.value, lang).err(),
                Kind::A => forms::ipv4(&r.value, lang).err(),
                Kind::Aaaa => forms::ipv6(&r.value, lang).err(),
                Kind::Cname => forms::host(&r.value, lang).err(),
            },
            forms::ttl(&r.ttl, lang).err(),
        ]
    }

    fn build(&self, lang: Lang) -> Result<Zone, String> {
        let soa_ttl = forms::ttl(&self.soa_ttl, lang)?;
        let soa_min = forms::ttl(&self.soa_min, lang)?;
        let mut records = Vec::new();
        for r in &self.rows {
            if let Some(e) = ZoneDraft::row_errors(r, lang).into_iter().flatten().next() {
                return Err(e);
            }
            let ttl = i64::from(forms::ttl(&r.ttl, lang)?);
            let name = r.name.trim().to_string();
            records.push(match r.kind {
                Kind::Mx => Record::MX { name, ttl, preference: i64::from(forms::preference(&r.pref, lang)?), host: r.value.trim().to_string() },
                Kind::A => Record::A { name, ttl, address: r.value.trim().to_string() },
                Kind::Aaaa => Record::AAAA { name, ttl, address: r.value.trim().to_string() },
                Kind::Cname => Record::CNAME { name, ttl, target: r.value.trim().to_string() },
            });
        }
        let zone = Zone { origin: self.origin.clone(), status: self.status, soa: Soa { ttl: i64::from(soa_ttl), minimum: i64::from(soa_min) }, records };
        check_zone("zone", &zone, &Limits::OUTSIDE).map_err(|e| scenario_error(&e, lang))?;
        Ok(zone)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub(super) struct ZoneProps {
    pub sim: Shared<Simulation>,
    pub state: Shared<State>,
    pub generation: u64,
    pub dispatch: Callback<Msg>,
}

/// Zones other than the sender's own, as their authorities serve them now.
fn editable_zones(sim: &Simulation, state: &State) -> Vec<Zone> {
    let sender_domains = sim.server(sim.sender()).map(|s| s.final_for.clone()).unwrap_or_default();
    sim.hosts()
        .iter()
        .enumerate()
        .filter(|(_, h)| h.kind == HostKind::Authority)
        .filter_map(|(i, _)| state.hosts[i].zone.as_ref().map(|z| zone_from_data(z)))
        .filter(|z| !sender_domains.iter().any(|d| crate::model::edit::same_host(d, &z.origin)))
        .collect()
}

#[function_component(ZoneEditor)]
pub(super) fn zone_editor(p: &ZoneProps) -> Html {
    let lang = crate::ui::use_lang();
    let w = lang.words();
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
        return html! { <p class="empty">{ w.no_zone }</p> };
    };
    let set = |f: Rc<FieldSetter>| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut d) = (*draft).clone() {
                f(&mut d, input_value(&e));
                draft.set(Some(d));
            }
        })
    };
    let rows = d.rows.iter().enumerate().map(|(i, r)| {
        let errs = ZoneDraft::row_errors(r, lang);
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
                <legend>{ fill(w.record, &[&r.kind.as_str()]) }</legend>
                { field(&id("name"), w.field_name, &r.name, errs[0].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.name = v }))) }
                if r.kind == Kind::Mx {
                    { field(&id("pref"), w.field_preference, &r.pref, errs[1].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.pref = v }))) }
                }
                { field(&id("value"), match r.kind { Kind::Mx => w.field_host, Kind::Cname => w.field_alias_of, Kind::A | Kind::Aaaa => w.field_address }, &r.value, errs[2].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.value = v }))) }
                { field(&id("ttl"), w.field_ttl, &r.ttl, errs[3].clone(), set(Rc::new(move |d, v| if let Some(r) = d.rows.get_mut(i) { r.ttl = v }))) }
                <button type="button" class="remove" onclick={remove} aria-label={fill(w.remove_record, &[&r.kind.as_str(), &(i + 1)])}>{ w.remove }</button>
            </fieldset>
        }
    });
    let add = |kind: Kind| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut d) = (*draft).clone() {
                let (name, pref, value) = match kind {
                    Kind::Mx => (d.origin.clone(), "30".to_string(), format!("mx3.{}", d.origin)),
                    Kind::Cname => (format!("mail.{}", d.origin), String::new(), format!("mx3.{}", d.origin)),
                    Kind::A => (format!("mx3.{}", d.origin), String::new(), "198.51.100.30".to_string()),
                    Kind::Aaaa => (format!("mx3.{}", d.origin), String::new(), "2001:db8::30".to_string()),
                };
                d.rows.push(Row { kind, name, pref, value, ttl: "3600".into() });
                draft.set(Some(d));
            }
        })
    };
    let null_mx = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut d) = (*draft).clone() {
                d.rows.retain(|r| !(r.kind == Kind::Mx && crate::model::edit::same_host(&r.name, &d.origin)));
                d.rows.insert(0, Row { kind: Kind::Mx, name: d.origin.clone(), pref: "0".into(), value: ".".into(), ttl: "3600".into() });
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
                    "timeout" => ZoneStatus::Timeout,
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
    let built = d.build(lang);
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
    let soa_ttl_err = forms::ttl(&d.soa_ttl, lang).err();
    let soa_min_err = forms::ttl(&d.soa_min, lang).err();
    html! {
        <div class="zone-editor">
            <p class="hint">{ w.zone_hint }</p>
            <div class="row">
                <label>{ w.zone }
                    <select onchange={on_zone} aria-label={w.zone_to_edit}>
                        { for zones.iter().map(|z| html! { <option value={z.origin.clone()} selected={z.origin == d.origin}>{ z.origin.clone() }</option> }) }
                    </select>
                </label>
                <label>{ w.domain_is }
                    <select onchange={on_status} aria-label={w.zone_status}>
                        <option value="ok" selected={d.status == ZoneStatus::Ok}>{ w.zone_ok }</option>
                        <option value="nxdomain" selected={d.status == ZoneStatus::Nxdomain}>{ w.zone_nxdomain }</option>
                        <option value="servfail" selected={d.status == ZoneStatus::Servfail}>{ w.zone_servfail }</option>
                        <option value="timeout" selected={d.status == ZoneStatus::Timeout}>{ w.zone_timeout }</option>
                    </select>
                </label>
            </div>
            <div class="row soa">
                { field("soa-ttl", w.soa_ttl, &d.soa_ttl, soa_ttl_err, set(Rc::new(|d, v| d.soa_ttl = v))) }
                { field("soa-min", w.soa_min, &d.soa_min, soa_min_err, set(Rc::new(|d, v| d.soa_min = v))) }
            </div>
            { for rows }
            <div class="row">
                <button type="button" onclick={add(Kind::Mx)}>{ w.add_mx }</button>
                <button type="button" onclick={add(Kind::A)}>{ w.add_a }</button>
                <button type="button" onclick={add(Kind::Aaaa)}>{ w.add_aaaa }</button>
                <button type="button" onclick={add(Kind::Cname)}>{ w.add_cname }</button>
                <button type="button" onclick={null_mx}>{ w.make_null_mx }</button>
            </div>
            <div class="row">
                <button type="button" class="primary" onclick={apply} disabled={built.is_err()}>{ w.apply_zone }</button>
            </div>
            if let Err(e) = &built {
                <p class="err" role="status">{ fill(w.not_applied, &[e]) }</p>
            }
            if let Some(e) = &*apply_error {
                <p class="err" role="alert">{ e.clone() }</p>
            }
        </div>
    }
}

