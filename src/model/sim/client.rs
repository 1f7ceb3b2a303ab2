//! The SMTP client's side of one delivery attempt (DELIVERY-RULES 2 and 4):
//! the MX answer turned into a list of hosts, their addresses, the
//! connection, the commands and what each reply means for the attempt.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::dns::{Answer, RData, RType};
use crate::model::event::{EventKind, HostId, Reason};
use crate::model::mx::{self, Plan};
use crate::model::smtp::{Command, FaultMode, Reply, BUSY, GREETING};
use crate::model::time::Time;
use std::net::IpAddr;

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
                let client = a.client;
                let to = self.mail_host_at(addr).unwrap_or(client);
                let waited_secs = self.now.since(started) / 1000;
                self.emit(to, client, EventKind::ConnectTimedOut { env: a.env, addr, waited_secs });
                a.temporary = Some(Reason::Unreachable);
                a.server = None;
                self.next_address(id, a);
            }
            Step::Refused => self.next_address(id, a),
            Step::AtServer(command) => self.at_server(id, a, command),
            Step::AtClient(after, reply) => self.at_client(id, a, after, reply),
        }
    }

    /// The mail server listening at `addr`, if any.
    pub(super) fn mail_host_at(&self, addr: IpAddr) -> Option<HostId> {
        self.mtas.iter().find(|m| m.cfg.address == addr).map(|m| m.host)
    }

    /// The SYN arrives: a greeting, a refusal, or nothing until the timeout.
    fn reach(&mut self, id: usize, mut a: Attempt, addr: IpAddr, started: Time) {
        let client = a.client;
        match self.mail_host_at(addr) {
            Some(h) if self.state.hosts[h as usize].up => {
                let fault = self.state.hosts[h as usize].fault;
                if fault == FaultMode::Refuse {
                    self.emit(h, client, EventKind::ConnectRefused { env: a.env, addr });
                    a.temporary = Some(Reason::Unreachable);
                    a.step = Step::Refused;
                } else {
                    let reply = if fault == FaultMode::Busy { BUSY } else { GREETING };
                    a.server = Some(h);
                    self.emit(h, client, EventKind::Reply { env: a.env, reply, after: None });
                    a.step = Step::AtClient(None, reply);
                }
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
        let (env, client) = (a.env, a.client);
        let plan = match answer {
            Answer::Records(rrs) => {
                let me = self.hosts[client as usize].name.clone();
                mx::plan(&rrs, Some(&me), &mut self.rng)
            }
            Answer::NoData { .. } => mx::implicit_mx(&a.domain),
            Answer::NxDomain { .. } => {
                let name = a.domain.clone();
                return self.finish_bounce(id, a, Reason::NxDomain { name });
            }
            Answer::ServFail => {
                let name = a.domain.clone();
                return self.finish_defer(id, a, Reason::DnsServFail { name });
            }
        };
        self.emit(client, client, EventKind::Planned { env, plan: plan.clone() });
        match plan {
            Plan::NullMx => self.finish_bounce(id, a, Reason::NullMx),
            Plan::LoopsToSelf => self.finish_bounce(id, a, Reason::LoopsToSelf),
            Plan::Try { hosts, .. } => {
                a.hosts = hosts;
                a.next_host = 0;
                self.next_host(id, a);
            }
        }
    }

    fn next_host(&mut self, id: usize, mut a: Attempt) {
        let Some(c) = a.hosts.get(a.next_host).cloned() else {
            return match a.temporary.take() {
                Some(reason) => self.finish_defer(id, a, reason),
                None => self.finish_bounce(id, a, Reason::NoAddress),
            };
        };
        a.next_host += 1;
        a.host = c.host.clone();
        self.lookup(id, a, c.host, RType::A);
    }

    pub(super) fn on_address_answer(&mut self, id: usize, mut a: Attempt, rtype: RType, answer: Answer) {
        let client = a.client;
        match answer {
            Answer::Records(rrs) => {
                a.addrs = rrs
                    .iter()
                    .filter_map(|r| match r.data {
                        RData::Addr(ip) => Some(ip),
                        _ => None,
                    })
                    .collect();
                a.next_addr = 0;
                self.next_address(id, a);
            }
            // A dual-stack sender that prefers IPv4 asks AAAA when there is no A.
            Answer::NoData { .. } if rtype == RType::A => {
                let host = a.host.clone();
                self.lookup(id, a, host, RType::AAAA);
            }
            other => {
                if other == Answer::ServFail {
                    a.temporary = Some(Reason::DnsServFail { name: a.host.clone() });
                }
                self.emit(client, client, EventKind::HostSkipped { env: a.env, host: a.host.clone() });
                self.next_host(id, a);
            }
        }
    }

    pub(super) fn next_address(&mut self, id: usize, mut a: Attempt) {
        let client = a.client;
        let own = self.mtas[client as usize].cfg.address;
        while let Some(&addr) = a.addrs.get(a.next_addr) {
            a.next_addr += 1;
            if addr == own {
                continue;
            }
            let to = self.mail_host_at(addr).unwrap_or(client);
            self.emit(client, to, EventKind::Connect { env: a.env, addr, host: a.host.clone() });
            a.step = Step::Connecting { addr, started: self.now };
            return self.resume_in(id, a, self.timing.smtp_ms);
        }
        self.next_host(id, a)
    }

    fn send(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some(server) = a.server else { return self.next_address(id, a) };
        self.emit(a.client, server, EventKind::Command { env: a.env, command });
        a.step = Step::AtServer(command);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// Ends a session that failed at the server without waiting for the 221.
    fn quit(&mut self, a: &mut Attempt) {
        if let Some(server) = a.server.take() {
            self.emit(a.client, server, EventKind::Command { env: a.env, command: Command::Quit });
        }
    }

    /// The client reads a reply: go on, try elsewhere, or give up.
    fn at_client(&mut self, id: usize, mut a: Attempt, after: Option<Command>, reply: Reply) {
        let host = self.hosts[a.server.unwrap_or(a.client) as usize].name.clone();
        if reply.is_success() {
            let next = match after {
                None => Command::Ehlo,
                Some(Command::Ehlo) => Command::MailFrom,
                Some(Command::MailFrom) => Command::RcptTo,
                Some(Command::RcptTo) => Command::Data,
                Some(Command::Data) => Command::Body,
                Some(Command::Body) => Command::Quit,
                Some(Command::Quit) => return self.release(id, &a),
            };
            return self.send(id, a, next);
        }
        self.quit(&mut a);
        let reason = Reason::Reply { host, reply };
        if reply.is_permanent() && after.is_some() {
            // DELIVERY-RULES 4.5: a 5yz to MAIL, RCPT or DATA ends the attempt.
            self.finish_bounce(id, a, reason)
        } else {
            // 4.4: a 421 or any 4yz: try the next host; defer if none is left.
            a.temporary = Some(reason);
            self.next_address(id, a)
        }
    }
}
