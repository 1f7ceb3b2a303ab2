//! The world that explains a log: its machines and their names, the MX
//! order the sender tried, who delivers and who relays, the outages and
//! refusals at the logged times, and the retry settings that give the
//! logged tries. Each guess is the simplest that fits; `matching.rs` then
//! says, line by line, whether the model run of that world agrees.

use super::parse::{Event, Line, Relay, Status};
use super::Log;
use crate::model::dns::ZoneStatus;
use crate::model::retry::{PostfixQueue, RetryPolicy};
use crate::model::scenario::{Action, MailServer, Message, Record, Scenario, Soa, TimedAction, Timing, Zone};
use crate::model::smtp::FaultMode;
use crate::model::sort::{float_rank, sort_by_rank};
use litemap::LiteMap;

/// A machine of the log: its syslog host name and what it is called in
/// other machines' lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Machine {
    pub syslog: String,
    pub name: String,
    pub address: String,
}

/// The title and explanation of a log's world (the page words them in the
/// reader's language while they are these).
pub const TITLE: &str = "A mail log, replayed";
pub const EXPLANATION: &str = "The world that explains the pasted log: its machines, the MX order the sender tried, the outages and refusals at the logged times, and retry settings that give the logged tries.";

/// A world that explains the log, and what it assumed.
#[derive(Clone, Debug)]
pub struct Explained {
    pub scenario: Scenario,
    /// The log's clock (seconds) at the scenario's T+0.
    pub t0: f64,
    pub machines: Vec<Machine>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InferError {
    /// No machine submits a message (no `pickup` line): the log starts
    /// after the message left its sender.
    NoSubmission,
}

/// The machine's own lines.
fn of<'a>(log: &'a Log, syslog: &'a str) -> impl Iterator<Item = &'a Line> + 'a {
    log.lines.iter().filter(move |l| l.host == syslog)
}

/// Names the machines: a machine that received a message under queue id Q
/// is the host another machine's `queued as Q` was sent to.
fn machines(log: &Log) -> Vec<Machine> {
    let mut syslog_hosts: Vec<&str> = Vec::new();
    for l in &log.lines {
        if !syslog_hosts.contains(&l.host.as_str()) {
            syslog_hosts.push(&l.host);
        }
    }
    let mut out = Vec::new();
    for (i, h) in syslog_hosts.iter().enumerate() {
        let ids: Vec<&str> = of(log, h).filter_map(|l| l.queue_id.as_deref()).collect();
        // As the target of someone's `queued as`.
        let target = log.lines.iter().find_map(|l| match &l.event {
            Event::Delivery { relay: Relay::Host { host, addr }, status: Status::Sent, text, .. } => {
                let q = text.rsplit("queued as ").next()?.trim();
                ids.contains(&q).then(|| (host.clone(), addr.map(|a| a.to_string())))
            }
            _ => None,
        });
        // As the client of someone's `client=`, for the ids it sent on.
        let client = || {
            log.lines.iter().find_map(|l| match &l.event {
                Event::Client { host, addr } if l.host != *h => {
                    let sent_here = of(log, h).any(|m| matches!(&m.event, Event::Delivery { text, .. } if text.ends_with(l.queue_id.as_deref().unwrap_or("?"))));
                    sent_here.then(|| (host.clone(), addr.map(|a| a.to_string())))
                }
                _ => None,
            })
        };
        // From the message-id a machine that submits gives its messages.
        let from_id = || {
            of(log, h).find_map(|l| match &l.event {
                Event::MessageId(id) if of(log, h).any(|m| matches!(m.event, Event::Submitted { .. }) && m.queue_id == l.queue_id) => {
                    id.rsplit('@').next().map(|d| (d.to_string(), None))
                }
                _ => None,
            })
        };
        // A name other lines give, whose first label is the syslog host's.
        let by_label = || {
            log.lines.iter().flat_map(Line::events).find_map(|e| match e {
                Event::ConnectFailed { host, addr, .. } | Event::HostSaid { host, addr, .. } | Event::Client { host, addr }
                    if host.split('.').next() == Some(*h) =>
                {
                    Some((host, addr.map(|a| a.to_string())))
                }
                Event::Delivery { relay: Relay::Host { host, addr }, .. } if host.split('.').next() == Some(*h) => Some((host, addr.map(|a| a.to_string()))),
                _ => None,
            })
        };
        // Named by nobody: its syslog name in the domain it handles mail for.
        let in_domain = || {
            let domain = of(log, h).find_map(|l| match &l.event {
                Event::Delivery { to, .. } => to.rsplit('@').next().map(str::to_string),
                _ => None,
            });
            (format!("{h}.{}", domain.unwrap_or_else(|| "example".into())), None)
        };
        let (name, addr) = target.or_else(client).or_else(by_label).or_else(from_id).unwrap_or_else(in_domain);
        out.push(Machine { syslog: h.to_string(), name, address: addr.unwrap_or_else(|| format!("192.0.2.{}", 10 + i)) });
    }
    out
}

/// A server refused the message for `too many hops`: the lowest limit that
/// refuses it there. The message carries one Received header per machine
/// it passed (the sender's own first) and the server counts its own:
/// 2 at the sender's first hop, 3 when a backup forwards it.
fn hop_limit(log: &Log, sender_syslog: &str) -> u32 {
    let looped = log.lines.iter().find(|l| match &l.event {
        Event::HostSaid { reply, .. } | Event::Delivery { text: reply, .. } => reply.contains("too many hops"),
        _ => false,
    });
    match looped {
        Some(l) if l.host == sender_syslog => 2,
        Some(_) => 3,
        None => crate::model::scenario::default_hop_limit(),
    }
}

/// How a server behaved towards its clients at one moment of the log.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Seen {
    /// Connections refused at once.
    Refused,
    /// No answer: the machine is off.
    Silent,
    /// A session that got somewhere, in a fault mode (`Normal` when it took the message).
    Answered(FaultMode),
}

/// The fault a reply shows, by the command it answers and its words.
fn fault_of(reply: &str, command: Option<&str>) -> Option<FaultMode> {
    let code = reply.get(..3)?;
    Some(match (command, code) {
        (None, "421") => FaultMode::Busy,
        (None, c) if c.starts_with('5') => FaultMode::GreetingRejected,
        (Some("MAIL FROM"), "421") => FaultMode::ShuttingDown,
        (Some("MAIL FROM"), c) if c.starts_with('4') => FaultMode::SenderTempfail,
        (Some("MAIL FROM"), _) => FaultMode::SenderRejected,
        (Some("RCPT TO"), _) if reply.contains("Greylisted") => FaultMode::Greylist,
        (Some("RCPT TO"), "452") => FaultMode::MailboxFull,
        (Some("RCPT TO"), _) if reply.contains("Access denied") => FaultMode::Reject,
        (Some("DATA"), c) if c.starts_with('4') => FaultMode::DataTempfail,
        (Some("DATA"), _) => FaultMode::DataRejected,
        // Not a fault of the server: the message carries too many Received
        // headers (a loop), which `hop_limit` models.
        (Some("end of DATA"), _) if reply.contains("too many hops") => return None,
        (Some("end of DATA"), "452") => FaultMode::NoStorage,
        (Some("end of DATA"), "552") => FaultMode::TooBig,
        (Some("end of DATA"), _) if reply.contains("content rejected") => FaultMode::ContentRejected,
        (Some("end of DATA"), "554") => FaultMode::BodyRejected,
        // A recipient's own refusal (unknown, busy) is that mailbox's, not the server's.
        _ => return None,
    })
}

fn domain_of(address: &str) -> &str {
    address.rsplit('@').next().unwrap_or(address)
}
fn local_of(address: &str) -> &str {
    address.rsplit_once('@').map_or(address, |(l, _)| l)
}

/// The retry settings to try, Postfix's defaults first; `matching.rs` keeps
/// the one whose run agrees with the most lines.
pub fn retry_candidates() -> Vec<PostfixQueue> {
    let mut out = vec![PostfixQueue::default()];
    for scan in [10, 60, 300, 1000] {
        for (min, max) in [(20, 80), (60, 600), (300, 4000)] {
            if scan <= max {
                out.push(PostfixQueue { minimal_backoff_time: min, maximal_backoff_time: max, queue_run_delay: scan, ..PostfixQueue::default() });
            }
        }
    }
    // The defaults are among them: each setting is run once.
    let mut unique: Vec<PostfixQueue> = Vec::new();
    for q in out {
        if !unique.contains(&q) {
            unique.push(q);
        }
    }
    unique
}

/// The world of the log, with `queue` as every machine's retry settings.
pub fn explain(log: &Log, queue: &PostfixQueue) -> Result<Explained, InferError> {
    let mut ex = explain_world(log)?;
    with_retry(&mut ex.scenario, log, queue);
    Ok(ex)
}

/// Gives every machine of a log's world the retry settings `queue`, and the
/// queue lifetime an expiry in the log shows (else one long enough).
pub fn with_retry(scenario: &mut Scenario, log: &Log, queue: &PostfixQueue) {
    let lifetime = expiry_lifetime(log).unwrap_or_else(|| (2_000 * queue.maximal_backoff_time.max(queue.queue_run_delay)).min(5 * 86_400));
    let retry = RetryPolicy::Postfix(PostfixQueue { maximal_queue_lifetime: lifetime, ..queue.clone() });
    for s in &mut scenario.servers {
        s.retry = Some(retry.clone());
    }
    scenario.retry = retry;
}

/// The world of the log with Postfix's default retry settings: everything
/// but the retry settings, which `with_retry` sets.
pub fn explain_world(log: &Log) -> Result<Explained, InferError> {
    let machines = machines(log);
    let name_of = |syslog: &str| machines.iter().find(|m| m.syslog == syslog).map(|m| m.name.clone()).unwrap_or_default();
    // Who sends: the machine that submits (`pickup`); or, when the log
    // starts at a server that received the mail, the client it came from,
    // a machine without a log here, which sent it straight to that server.
    // `sender_syslog` is the machine whose lines say where mail went.
    let submitted = log.lines.iter().find(|l| matches!(l.event, Event::Submitted { .. }));
    let received = || {
        log.lines.iter().find(|l| {
            matches!(l.event, Event::Client { .. }) && of(log, &l.host).any(|d| d.queue_id == l.queue_id && matches!(d.event, Event::Delivery { .. }))
        })
    };
    let (sender_syslog, sender, client_of) = match (submitted, received()) {
        (Some(l), _) => (l.host.clone(), name_of(&l.host), None),
        (None, Some(c)) => {
            let Event::Client { host, .. } = &c.event else { return Err(InferError::NoSubmission) };
            (c.host.clone(), host.clone(), Some(name_of(&c.host)))
        }
        (None, None) => return Err(InferError::NoSubmission),
    };

    // T+0: when the machine that holds and retries a message started
    // (Postfix's queue scans count from there), else just before the first line.
    let holder = log.lines.iter().find(|l| matches!(l.event, Event::Delivery { status: Status::Deferred, .. })).map(|l| l.host.clone());
    let first = log.lines.first().map_or(0.0, |l| l.secs);
    let started = |h: &str| of(log, h).find(|l| matches!(l.event, Event::Started) && l.secs <= first + 1.0).map(|l| l.secs);
    let t0 = holder.as_deref().and_then(started).or_else(|| started(&sender_syslog)).unwrap_or(first - 1.0).min(first);
    let at = |secs: f64| ((secs - t0) * 100.0).round() / 100.0;

    // The messages: each submission, with the recipients its queue id names.
    let mut messages = Vec::new();
    for l in log.lines.iter().filter(|l| l.host == sender_syslog) {
        let from = match &l.event {
            Event::Submitted { from } if client_of.is_none() => from.clone(),
            // Received from the client: its sender is the queue manager's `from=`.
            Event::Client { host, .. } if client_of.is_some() && *host == sender => {
                let active = of(log, &sender_syslog).find_map(|a| match &a.event {
                    Event::Active { from, .. } if a.queue_id == l.queue_id => Some(from.clone()),
                    _ => None,
                });
                active.unwrap_or_default()
            }
            _ => continue,
        };
        let mut to: Vec<String> = Vec::new();
        for d in of(log, &sender_syslog).filter(|d| d.queue_id == l.queue_id) {
            if let Event::Delivery { to: r, .. } = &d.event
                && !to.contains(r)
            {
                to.push(r.clone());
            }
        }
        if !to.is_empty() {
            messages.push(Message { at: at(l.secs), from, to, subject: "(from the log)".into(), body: String::new(), via: None });
        }
    }

    // The addresses of every host named anywhere.
    let mut address: LiteMap<String, String> = machines.iter().map(|m| (m.name.clone(), m.address.clone())).collect();
    let mut remember = |host: &str, addr: Option<std::net::IpAddr>| {
        if let Some(a) = addr {
            address.insert(host.to_string(), a.to_string());
        }
    };
    for l in &log.lines {
        match &l.event {
            Event::ConnectFailed { host, addr, .. }
            | Event::HostSaid { host, addr, .. }
            | Event::Client { host, addr }
            | Event::Rejected { client: host, addr, .. }
            | Event::Delivery { relay: Relay::Host { host, addr }, .. } => remember(host, *addr),
            _ => {}
        }
    }

    // Per recipient domain: the hosts the sender tried, in the order it tried them.
    let mut domains: Vec<String> = Vec::new();
    for m in &messages {
        for r in &m.to {
            let d = domain_of(r).to_ascii_lowercase();
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
    }
    let mut zones = Vec::new();
    let mut mx_hosts: Vec<String> = Vec::new();
    for d in &domains {
        let mut order: Vec<String> = Vec::new();
        let (mut status, mut null_mx) = (ZoneStatus::Ok, false);
        for l in log.lines.iter().filter(|l| l.host == sender_syslog) {
            let host = match &l.event {
                Event::ConnectFailed { host, .. } | Event::HostSaid { host, .. } => Some(host),
                Event::Delivery { relay: Relay::Host { host, .. }, to, .. } if domain_of(to).eq_ignore_ascii_case(d) => Some(host),
                Event::Delivery { to, text, .. } if domain_of(to).eq_ignore_ascii_case(d) => {
                    if text.contains("(nullMX)") {
                        null_mx = true;
                    } else if text.contains(&format!("name={d} type=MX: Host not found, try again")) {
                        status = ZoneStatus::Servfail;
                    } else if text.contains("Host not found") && !text.contains("try again") {
                        status = ZoneStatus::Nxdomain;
                    }
                    None
                }
                _ => None,
            };
            if let Some(h) = host.filter(|h| !order.contains(h) && h.ends_with(d.as_str())) {
                order.push(h.clone());
            }
        }
        // A server whose log starts when it received the mail took it as a
        // backup if it sent it on: it comes after the hosts it tried.
        if let Some(server) = &client_of
            && !order.contains(server)
        {
            order.push(server.clone());
        }
        let mut records = Vec::new();
        if null_mx {
            records.push(Record::MX { name: d.clone(), ttl: 3600, preference: 0, host: ".".into() });
        }
        for (i, h) in order.iter().enumerate() {
            records.push(Record::MX { name: d.clone(), ttl: 3600, preference: 10 * (i as i64 + 1), host: h.clone() });
            records.push(Record::A { name: h.clone(), ttl: 3600, address: address.get(h).cloned().unwrap_or_else(|| format!("192.0.2.{}", 100 + i)) });
            if !mx_hosts.contains(h) {
                mx_hosts.push(h.clone());
            }
        }
        zones.push(Zone { origin: d.clone(), status, soa: Soa::default(), records });
    }
    // The sender's own domain, so that a bounce comes home.
    let sender_domain = messages.first().map(|m| domain_of(&m.from).to_string()).unwrap_or_else(|| sender.clone());
    zones.insert(
        0,
        Zone {
            origin: sender_domain.clone(),
            status: ZoneStatus::Ok,
            soa: Soa::default(),
            records: vec![Record::MX { name: sender_domain.clone(), ttl: 3600, preference: 10, host: sender.clone() }],
        },
    );
    // The sender's address, in the zone its name belongs to (a client seen
    // only by its server may be named in another domain than its mail's).
    let sender_a = Record::A { name: sender.clone(), ttl: 3600, address: address.get(&sender).cloned().unwrap_or_else(|| "192.0.2.25".into()) };
    let within = |z: &Zone| sender == z.origin || sender.ends_with(&format!(".{}", z.origin));
    match zones.iter_mut().find(|z| within(z)) {
        Some(z) => z.records.push(sender_a),
        None => zones.push(Zone {
            origin: sender.split_once('.').map_or(sender.clone(), |(_, parent)| parent.to_string()),
            status: ZoneStatus::Ok,
            soa: Soa::default(),
            records: vec![sender_a],
        }),
    }

    // The servers: the sender, then every MX host, with what the log shows them do.
    let retry = RetryPolicy::Postfix(PostfixQueue::default());
    let mut names = vec![sender.clone()];
    names.extend(mx_hosts.iter().filter(|h| **h != sender).cloned());
    let mut timeline: Vec<TimedAction> = Vec::new();
    let mut servers = Vec::new();
    for name in &names {
        let syslog = machines.iter().find(|m| m.name == *name).map(|m| m.syslog.clone());
        let mut s = crate::presets::server(name, address.get(name).map_or("192.0.2.99", String::as_str));
        s.retry = Some(retry.clone());
        // A 5yz greeting it bounced at once: it does not skip such servers
        // (`smtp_skip_5xx_greeting = no`).
        s.skip_5xx_greeting = !syslog.as_deref().is_some_and(|h| {
            of(log, h).any(|l| {
                matches!(&l.event, Event::Delivery { status: Status::Bounced, text, .. } if text.contains("refused to talk to me: 5"))
            })
        });
        if *name == sender {
            // A client seen only by the server it sent to: it sent straight there.
            s.next_hop = client_of.clone();
            s.mailboxes_for = vec![sender_domain.clone()];
            s.mailboxes = messages.iter().map(|m| local_of(&m.from).to_string()).collect();
            s.mailboxes.dedup();
        }
        for d in &domains {
            // It writes mailboxes of `d` if it delivered one, or if the log
            // only shows it taking mail (its own log is missing).
            let delivered: Vec<String> = log
                .lines
                .iter()
                .filter_map(|l| match &l.event {
                    Event::Delivery { to, relay: Relay::Mailbox, status: Status::Sent, .. } if Some(&l.host) == syslog.as_ref() && domain_of(to).eq_ignore_ascii_case(d) => {
                        Some(local_of(to).to_string())
                    }
                    _ => None,
                })
                .collect();
            let relays_on = syslog.as_ref().is_some_and(|h| {
                of(log, h).any(|l| matches!(&l.event, Event::Delivery { to, relay: Relay::Host { .. } | Relay::None, .. } if domain_of(to).eq_ignore_ascii_case(d)))
            }) && *name != sender;
            let busy: Vec<String> = log
                .lines
                .iter()
                .flat_map(Line::events)
                .filter_map(|e| match e {
                    Event::HostSaid { host, reply, command: Some(c), .. } if host == *name && c == "RCPT TO" && reply.contains("Mailbox busy") => {
                        reply.split('<').nth(1)?.split('>').next().map(|a| local_of(a).to_string())
                    }
                    _ => None,
                })
                .collect();
            // The best MX writes the mailboxes unless the log shows it relaying on.
            if !delivered.is_empty() || (mx_hosts.first() == Some(name) && !relays_on) {
                s.mailboxes_for.push(d.clone());
                let mut users = delivered;
                // A recipient the log shows reaching it, refused for no reason of its own.
                for m in &messages {
                    for r in m.to.iter().filter(|r| domain_of(r).eq_ignore_ascii_case(d)) {
                        let unknown = log.lines.iter().flat_map(Line::events).any(|e| matches!(&e, Event::HostSaid { host, reply, .. } if host == name && reply.contains(&format!("<{r}>")) && reply.contains("User unknown")));
                        if !unknown && !users.contains(&local_of(r).to_string()) {
                            users.push(local_of(r).to_string());
                        }
                    }
                }
                users.extend(busy.iter().cloned());
                users.sort();
                users.dedup();
                s.mailboxes = users;
                s.busy_mailboxes = busy.clone();
                s.busy_mailboxes.dedup();
            } else if relays_on || mx_hosts.iter().position(|h| h == name).is_some_and(|i| i > 0) {
                s.relay_for.push(d.clone());
            }
        }
        // What its clients saw, in time order: refusals, silence, faults.
        let mut seen: Vec<(f64, Seen)> = Vec::new();
        for (secs, e) in log.lines.iter().flat_map(|l| l.events().into_iter().map(move |e| (l.secs, e))) {
            let s_at = match &e {
                Event::ConnectFailed { host, timed_out, .. } if host == name => Some(if *timed_out { Seen::Silent } else { Seen::Refused }),
                Event::HostSaid { host, reply, command, .. } if host == name => fault_of(reply, command.as_deref()).map(Seen::Answered),
                Event::Delivery { relay: Relay::Host { host, .. }, status: Status::Sent, .. } if host == name => Some(Seen::Answered(FaultMode::Normal)),
                _ => None,
            };
            if let Some(x) = s_at {
                seen.push((secs, x));
            }
        }
        // Its own Postfix starting after it was seen refusing: it came back then.
        let restarts: Vec<f64> = syslog.as_ref().map(|h| of(log, h).filter(|l| matches!(l.event, Event::Started)).map(|l| l.secs).collect()).unwrap_or_default();
        let apply = |s: &mut MailServer, x: Seen| match x {
            Seen::Refused => s.fault = FaultMode::Refuse,
            Seen::Silent => s.down = true,
            Seen::Answered(f) => s.fault = f,
        };
        if let Some(&(_, x)) = seen.first() {
            apply(&mut s, x);
        }
        for w in seen.windows(2) {
            let ((t1, a), (t2, b)) = (w[0], w[1]);
            if a == b {
                continue;
            }
            let when = restarts.iter().copied().find(|r| *r > t1 && *r <= t2).unwrap_or(t1 + 1.0);
            let host = name.clone();
            let action = match (a, b) {
                (Seen::Silent, _) => Action::Up { host: host.clone() },
                (_, Seen::Silent) => Action::Down { host: host.clone() },
                _ => Action::Fault {
                    host: host.clone(),
                    mode: match b {
                        Seen::Refused => FaultMode::Refuse,
                        Seen::Answered(f) => f,
                        Seen::Silent => unreachable!(),
                    },
                },
            };
            timeline.push(TimedAction { at: at(when), action });
            // Coming back from silence in a fault mode other than normal.
            if let (Seen::Silent, Seen::Answered(f)) = (a, b)
                && f != FaultMode::Normal
            {
                timeline.push(TimedAction { at: at(when), action: Action::Fault { host, mode: f } });
            } else if let (Seen::Silent, Seen::Refused) = (a, b) {
                timeline.push(TimedAction { at: at(when), action: Action::Fault { host, mode: FaultMode::Refuse } });
            }
        }
        servers.push(s);
    }
    sort_by_rank(&mut timeline, |a| float_rank(a.at));
    // Greylisting: postgrey's delay lies between the last refused and the accepted try.
    let mut timing = Timing::default();
    let greylisted: Vec<f64> = log
        .lines
        .iter()
        .filter(|l| l.events().iter().any(|e| matches!(e, Event::HostSaid { reply, .. } if reply.contains("Greylisted"))))
        .map(|l| l.secs)
        .collect();
    if let (Some(first_g), Some(last_g)) = (greylisted.first(), greylisted.last()) {
        let accepted = log.lines.iter().find(|l| l.secs > *last_g && matches!(&l.event, Event::Delivery { status: Status::Sent, relay: Relay::Host { .. }, .. }));
        if let Some(ok) = accepted {
            timing.greylist_delay_secs = (((last_g - first_g) + (ok.secs - first_g)) / 2.0).round().max(1.0) as u64;
        }
    }
    let scenario = Scenario {
        title: TITLE.into(),
        explanation: EXPLANATION.into(),
        seed: 1,
        sender,
        zones,
        servers,
        messages,
        timeline,
        retry,
        queue_lifetime: None,
        hop_limit: hop_limit(log, &sender_syslog),
        timing,
    };
    Ok(Explained { scenario, t0, machines })
}

/// The queue lifetime a `status=expired` shows: just over the age of the
/// try before the one that gave up (Postfix checks it when a try fails).
fn expiry_lifetime(log: &Log) -> Option<u64> {
    let expired = log.lines.iter().find(|l| matches!(l.event, Event::Expired { .. }))?;
    let queued = log.lines.iter().find(|l| l.host == expired.host && l.queue_id == expired.queue_id)?.secs;
    let tries: Vec<f64> = log
        .lines
        .iter()
        .filter(|l| l.host == expired.host && l.queue_id == expired.queue_id && matches!(l.event, Event::Delivery { status: Status::Deferred, .. }))
        .map(|l| l.secs - queued)
        .collect();
    let before_last = tries.iter().rev().nth(1).copied().unwrap_or(0.0);
    Some(before_last.floor() as u64 + 1)
}
