//! The SMTP client's side of one delivery attempt (rules.md 2 and 4): the
//! MX answer turned into a list of hosts, the address of every one of them
//! looked up before the first connection (as Postfix and Exim do), a relay
//! dropping itself by name or address, then the connections, the commands
//! and what each reply means for the attempt.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::dns::{Answer, RData, RType};
use crate::model::event::{EnvId, EventKind, HostId, Reason};
use crate::model::mx::{self, Order, Plan};
use crate::model::smtp::{self, Command, FaultMode, Reply};
use crate::model::time::Time;
use std::net::IpAddr;
use std::rc::Rc;

impl Simulation {
    pub(super) fn resume_in(&mut self, id: usize, attempt: Attempt, ms: u64) {
        self.attempts[id] = Some(attempt);
        self.schedule(self.now.plus_ms(ms), Class::Mail, Task::Resume(id));
    }

    /// Takes attempt `id` one step further.
    pub(super) fn resume(&mut self, id: usize) {
        let Some(mut a) = self.attempts[id].take() else { return };
        match std::mem::replace(&mut a.step, Step::Refused) {
            Step::Dns { name, rtype, leg } => self.dns_leg(id, a, name, rtype, leg),
            Step::Connecting { addr, started } => self.reach(id, a, addr, started),
            Step::TimedOut { addr, started } => {
                // Nothing comes from a dead host: the client notices alone.
                let client = a.client;
                let waited_secs = self.now.since(started) / 1000;
                let host = self.current_host(&a);
                self.emit(client, client, EventKind::ConnectTimedOut { env: a.env, addr, host: host.clone(), waited_secs });
                a.failure = Some(Reason::TimedOut { host, addr });
                self.session_over(id, a);
            }
            Step::Refused => self.next_address(id, a),
            Step::AtServer(command) => self.at_server(id, a, command),
            Step::AtClient(after, reply) => self.at_client(id, a, after, reply),
            Step::Lost(after) => {
                if let Some((_, addr)) = a.server {
                    a.failure = Some(Reason::LostConnection { host: self.current_host(&a), addr, after });
                }
                self.session_over(id, a);
            }
        }
    }

    /// The mail server listening at `addr`, if any.
    pub(super) fn mail_host_at(&self, addr: IpAddr) -> Option<HostId> {
        self.mtas.iter().find(|m| m.cfg.address == addr).map(|m| m.host)
    }

    /// The name of the host the attempt is trying now.
    fn current_host(&self, a: &Attempt) -> Rc<str> {
        a.next_host.checked_sub(1).and_then(|i| a.hosts.get(i)).map_or_else(|| a.domain.clone(), |c| c.host.clone())
    }

    /// The SYN arrives: a greeting, a refusal, or nothing until the timeout.
    fn reach(&mut self, id: usize, mut a: Attempt, addr: IpAddr, started: Time) {
        let client = a.client;
        match self.mail_host_at(addr) {
            Some(h) if self.state.hosts[h as usize].up => {
                let name = self.hosts[h as usize].name.clone();
                let reply = match self.state.hosts[h as usize].fault {
                    FaultMode::Refuse => {
                        self.emit(h, client, EventKind::ConnectRefused { env: a.env, addr });
                        a.failure = Some(Reason::Refused { host: self.current_host(&a), addr });
                        a.step = Step::Refused;
                        return self.resume_in(id, a, self.timing.smtp_ms);
                    }
                    FaultMode::Busy => smtp::busy(&self.hosts[client as usize].name, self.mtas[client as usize].cfg.address),
                    FaultMode::GreetingRejected => {
                        smtp::greeting_rejected(&self.hosts[client as usize].name, self.mtas[client as usize].cfg.address)
                    }
                    _ => smtp::greeting(&name),
                };
                a.server = Some((h, addr));
                self.emit(h, client, EventKind::Reply { env: a.env, reply: reply.clone(), after: None });
                a.step = Step::AtClient(None, reply);
                self.resume_in(id, a, self.timing.smtp_ms);
            }
            _ => {
                // Nothing answers: the client waits out its connect timeout.
                let until = started.plus_secs(self.timing.connect_timeout_secs);
                a.step = Step::TimedOut { addr, started };
                self.attempts[id] = Some(a);
                self.schedule(until, Class::Mail, Task::Resume(id));
            }
        }
    }

    pub(super) fn on_mx_answer(&mut self, id: usize, mut a: Attempt, answer: Answer) {
        match answer {
            Answer::Records(rrs) => match mx::order(&rrs, &mut self.rng) {
                Order::NullMx => {
                    let (client, env) = (a.client, a.env);
                    self.emit(client, client, EventKind::Planned { env, plan: Plan::NullMx });
                    let domain = a.domain.clone();
                    self.finish_bounce(id, a, Reason::NullMx { domain })
                }
                Order::Hosts { hosts, shuffled } => {
                    a.hosts = hosts;
                    a.shuffled = shuffled;
                    self.resolve_next(id, a)
                }
            },
            // No MX record: the domain itself, an implicit MX (rule 2.4). On
            // NXDOMAIN Postfix looks up the domain's address too, and bounces
            // when that is not found either.
            Answer::NoData { .. } | Answer::NxDomain { .. } => {
                a.hosts = mx::implicit_mx(&a.domain);
                a.implicit = true;
                self.resolve_next(id, a)
            }
            Answer::ServFail => {
                let name = a.domain.clone();
                self.finish_defer(id, a, Reason::DnsTempfail { name, rtype: RType::MX })
            }
        }
    }

    /// Looks up the address of the next host of the list, or, when every
    /// one is known, makes the plan and connects.
    pub(super) fn resolve_next(&mut self, id: usize, a: Attempt) {
        match a.hosts.get(a.resolving).map(|c| c.host.clone()) {
            Some(host) => self.lookup(id, a, host, RType::A),
            None => self.plan_ready(id, a),
        }
    }

    pub(super) fn on_address_answer(&mut self, id: usize, mut a: Attempt, rtype: RType, answer: Answer) {
        let (client, env) = (a.client, a.env);
        let host = a.hosts[a.resolving].host.clone();
        match answer {
            Answer::Records(rrs) => {
                // The end of the alias chain, if the host name is an alias.
                let alias_of = |r: &crate::model::dns::Rr| match &r.data {
                    RData::Cname(t) => Some(t.clone()),
                    _ => None,
                };
                if rrs.first().is_some_and(|r| r.name == host && alias_of(r).is_some())
                    && let Some(target) = rrs.iter().rev().find_map(alias_of)
                {
                    self.emit(client, client, EventKind::HostIsAlias { env, host: host.clone(), target });
                }
                let addrs: Vec<IpAddr> = rrs
                    .iter()
                    .filter_map(|r| match r.data {
                        RData::Addr(ip) => Some(ip),
                        _ => None,
                    })
                    .collect();
                if addrs.is_empty() {
                    return self.skip_host(id, a);
                }
                a.hosts[a.resolving].addrs = addrs.into();
                a.resolving += 1;
                self.resolve_next(id, a)
            }
            // A dual-stack sender that prefers IPv4 asks AAAA when there is no A.
            Answer::NoData { .. } if rtype == RType::A => self.lookup(id, a, host, RType::AAAA),
            Answer::NxDomain { .. } if a.implicit => {
                self.finish_bounce(id, a, Reason::NotFound { name: host, rtype: RType::A })
            }
            Answer::ServFail => {
                a.failure = Some(Reason::DnsTempfail { name: host, rtype });
                self.skip_host(id, a)
            }
            Answer::NoData { .. } | Answer::NxDomain { .. } => self.skip_host(id, a),
        }
    }

    /// A host without a usable address is passed over.
    fn skip_host(&mut self, id: usize, mut a: Attempt) {
        let (client, env) = (a.client, a.env);
        let host = a.hosts[a.resolving].host.clone();
        self.emit(client, client, EventKind::HostSkipped { env, host });
        a.resolving += 1;
        self.resolve_next(id, a)
    }

    /// Every address is known: a relay drops itself and everything worse
    /// (rule 2.8), the plan is told, and the first connection is opened.
    fn plan_ready(&mut self, id: usize, mut a: Attempt) {
        let (client, env) = (a.client, a.env);
        let hosts = std::mem::take(&mut a.hosts);
        let (hosts, pruned_from) = if a.fixed {
            (hosts, None)
        } else {
            let me = &self.mtas[client as usize].cfg;
            match mx::prune_self(hosts, &me.name, me.address) {
                Ok(kept) => kept,
                Err(mx::LoopsBack) => {
                    self.emit(client, client, EventKind::Planned { env, plan: Plan::LoopsToSelf });
                    let domain = a.domain.clone();
                    return self.finish_bounce(id, a, Reason::LoopsToSelf { domain });
                }
            }
        };
        let usable: Vec<_> = hosts.into_iter().filter(|c| !c.addrs.is_empty()).collect();
        let plan = Plan::Try {
            hosts: usable.clone().into(),
            shuffled: a.shuffled,
            implicit: a.implicit,
            pruned_from,
            fixed: a.fixed,
        };
        self.emit(client, client, EventKind::Planned { env, plan });
        a.hosts = usable;
        a.next_host = 0;
        a.next_addr = 0;
        self.next_address(id, a)
    }

    /// Opens the next connection: the next address of this host, or the
    /// first of the next host; when none is left, the attempt ends.
    pub(super) fn next_address(&mut self, id: usize, mut a: Attempt) {
        let client = a.client;
        let own = self.mtas[client as usize].cfg.address;
        loop {
            let current = a.next_host.checked_sub(1).and_then(|i| a.hosts.get(i));
            if let Some(&addr) = current.and_then(|c| c.addrs.get(a.next_addr)) {
                a.next_addr += 1;
                if addr == own {
                    continue;
                }
                let to = self.mail_host_at(addr).unwrap_or(client);
                let host = self.current_host(&a);
                self.emit(client, to, EventKind::Connect { env: a.env, addr, host });
                a.step = Step::Connecting { addr, started: self.now };
                return self.resume_in(id, a, self.timing.smtp_ms);
            }
            if a.next_host >= a.hosts.len() {
                break;
            }
            a.next_host += 1;
            a.next_addr = 0;
        }
        match a.failure.take() {
            // Even a 5yz greeting defers (Postfix's smtp_skip_5xx_greeting,
            // on by default: recorded, greeting-554): it may be one busy
            // machine behind the name, and another try may reach a better one.
            Some(reason) => self.finish_defer(id, a, reason),
            None => {
                let domain = a.domain.clone();
                self.finish_bounce(id, a, Reason::NoAddress { domain })
            }
        }
    }

    fn send(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some((server, _)) = a.server else { return self.next_address(id, a) };
        self.emit(a.client, server, EventKind::Command { env: a.named_by(Some(command)), command });
        a.step = Step::AtServer(command);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// The client reads a reply: go on, try elsewhere, or give up.
    fn at_client(&mut self, id: usize, mut a: Attempt, after: Option<Command>, reply: Reply) {
        if reply.is_success() {
            let next = match after {
                None => Command::Ehlo,
                Some(Command::Ehlo) => Command::MailFrom,
                Some(Command::MailFrom) => Command::RcptTo,
                Some(Command::RcptTo) => {
                    let env = a.recipient();
                    a.session.accepted.push(env);
                    return self.next_recipient(id, a);
                }
                Some(Command::Data) => Command::Body,
                Some(Command::Body) => {
                    a.session.delivered = true;
                    Command::Quit
                }
                Some(Command::Quit) => return self.session_over(id, a),
            };
            return self.send(id, a, next);
        }
        let Some((server, addr)) = a.server else { return self.next_address(id, a) };
        let host = self.current_host(&a);
        // A sender that does not skip 5yz greetings takes one at its word:
        // every recipient bounces, no other server is tried (recorded,
        // greeting-554-noskip; rules.md 4.4).
        let final_greeting = after.is_none() && reply.is_permanent() && !self.mtas[a.client as usize].cfg.skip_5xx_greeting;
        let reason = match final_greeting {
            true => Reason::Greeting { host, addr, reply: reply.clone() },
            false => Reason::Reply { host, addr, reply: reply.clone(), after },
        };
        // One recipient refused: the session goes on for the others (rules.md 4.10).
        if after == Some(Command::RcptTo) && reply.code != 421 {
            let env = a.recipient();
            if reply.is_permanent() {
                a.refused.push((env, reason));
            } else {
                a.session.later.push(env);
                a.failure = Some(reason);
            }
            return self.next_recipient(id, a);
        }
        a.server = None;
        // After a failure the client says goodbye without waiting for the
        // 221. A 421 closes the connection itself: Postfix still sends QUIT
        // after a 421 greeting (into a connection already closed: recorded
        // with Postfix 3.7, issue 21), but none after a 421 mid-session.
        if reply.code != 421 || after.is_none() {
            self.emit(a.client, server, EventKind::Command { env: a.named_by(None), command: Command::Quit });
        }
        if reply.is_permanent() && (after.is_some() || final_greeting) {
            // Rule 4.5: a 5yz to MAIL, DATA or the message ends the attempt
            // for the recipients it answers; those told 4yz at RCPT go on.
            let answered = match after {
                Some(Command::Data | Command::Body) => std::mem::take(&mut a.session.accepted),
                _ => a.envs.clone(),
            };
            a.refused.extend(answered.into_iter().map(|env| (env, reason.clone())));
            return self.session_over(id, a);
        }
        // Rule 4.4: a 421, any 4yz, or a refusal at the greeting: try the
        // next host with every recipient not yet settled; when none is left,
        // defer.
        a.session.accepted.clear();
        a.failure = Some(reason);
        self.session_over(id, a)
    }

    /// The next RCPT TO, or, after the last, the DATA for those accepted;
    /// with none accepted the session ends.
    fn next_recipient(&mut self, id: usize, mut a: Attempt) {
        a.session.rcpt += 1;
        if a.session.rcpt < a.envs.len() {
            return self.send(id, a, Command::RcptTo);
        }
        if !a.session.accepted.is_empty() {
            return self.send(id, a, Command::Data);
        }
        if let Some((server, _)) = a.server.take() {
            self.emit(a.client, server, EventKind::Command { env: a.env, command: Command::Quit });
        }
        self.session_over(id, a)
    }

    /// A session has ended: the recipients the server took and those refused
    /// for good are settled; the others go on to the next address or host,
    /// and the attempt ends when none is left.
    fn session_over(&mut self, id: usize, mut a: Attempt) {
        a.server = None;
        let session = std::mem::take(&mut a.session);
        let delivered = if session.delivered { session.accepted } else { Vec::new() };
        let refused: Vec<EnvId> = a.refused.iter().map(|(e, _)| *e).collect();
        a.envs.retain(|e| !delivered.contains(e) && !refused.contains(e));
        match a.envs.first() {
            Some(&lead) => {
                a.env = lead;
                self.next_address(id, a)
            }
            None => self.release(id, &mut a),
        }
    }
}
