//! The receiving server's side of a session (DELIVERY-RULES 4, 6): how it
//! answers each command for its role (final, backup, neither) and fault
//! mode, and what it does with a message once it has said 250.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::envelope::Hop;
use crate::model::eml;
use crate::model::event::{EnvId, EventKind, HostId, Via};
use crate::model::smtp::{self, Command, FaultMode, Reply};
use std::rc::Rc;

impl Simulation {
    pub(super) fn at_server(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some(h) = a.server else { return self.next_address(id, a) };
        let client = a.client;
        if !self.state.hosts[h as usize].up {
            // The server vanished mid-session: the client times out.
            let started = self.now;
            a.step = Step::TimedOut { addr: self.mtas[h as usize].cfg.address, started };
            self.attempts[id] = Some(a);
            let until = self.now.plus_secs(self.timing.connect_timeout_secs);
            return self.schedule(until, Class::Mail, Task::Resume(id));
        }
        let reply = match command {
            Command::Ehlo => smtp::EHLO_OK,
            Command::MailFrom => smtp::SENDER_OK,
            Command::RcptTo => self.recipient_reply(h, a.env, client),
            Command::Data => smtp::START_DATA,
            Command::Body => {
                self.accept(a.env, h, client);
                smtp::QUEUED
            }
            Command::Quit => smtp::BYE,
        };
        self.emit(h, client, EventKind::Reply { env: a.env, reply, after: Some(command) });
        a.step = Step::AtClient(Some(command), reply);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// How server `h` answers RCPT TO for `env` (DELIVERY-RULES 4.6, 4.7, 6.1, 6.4).
    fn recipient_reply(&mut self, h: HostId, env: EnvId, client: HostId) -> Reply {
        let e = &self.envelopes[env as usize];
        let (local, domain) = (e.to.local.as_str(), e.to.domain.as_str());
        let cfg = &self.mtas[h as usize].cfg;
        let known = if cfg.is_final_for(domain) {
            cfg.has_mailbox(local)
        } else if cfg.relays_for(domain) {
            cfg.relays_to(local)
        } else {
            return smtp::RELAY_DENIED;
        };
        if !known {
            return smtp::NO_SUCH_USER;
        }
        let postmaster = local.eq_ignore_ascii_case("postmaster");
        match self.state.hosts[h as usize].fault {
            FaultMode::Reject if !postmaster => smtp::REJECTED,
            FaultMode::MailboxFull => smtp::MAILBOX_FULL,
            FaultMode::Greylist if !postmaster => {
                let key = (client, e.from_text(), e.to.to_string());
                let delay = self.timing.greylist_delay_secs * 1000;
                match self.greylist.get(&key) {
                    Some(first) if self.now.since(*first) >= delay => smtp::RECIPIENT_OK,
                    Some(_) => smtp::GREYLISTED,
                    None => {
                        self.greylist.insert(key, self.now);
                        smtp::GREYLISTED
                    }
                }
            }
            _ => smtp::RECIPIENT_OK,
        }
    }

    /// The end of DATA: server `h` takes responsibility (RFC 5321 6.1).
    fn accept(&mut self, env: EnvId, h: HostId, client: HostId) {
        let hop = Hop {
            by: self.hosts[h as usize].name.clone(),
            from_host: self.hosts[client as usize].name.clone(),
            from_addr: self.mtas.get(client as usize).map(|c| c.cfg.address),
            at: self.now,
            id: format!("{:X}{:04X}", 0xA0 + h as usize, env),
        };
        self.envelopes[env as usize].hops.push(hop);
        let domain = self.envelopes[env as usize].to.domain.clone();
        if self.mtas[h as usize].cfg.is_final_for(&domain) {
            self.store(env, h, client);
        } else {
            self.emit(client, h, EventKind::Enqueued { env, via: Via::Smtp });
            // It becomes a sender itself once the session has ended.
            self.schedule(self.now.plus_ms(2 * self.timing.smtp_ms), Class::Mail, Task::Start(env));
        }
    }

    /// The final server writes the message into the user's folder.
    pub(super) fn store(&mut self, env: EnvId, h: HostId, from: HostId) {
        let local = &self.envelopes[env as usize].to.local;
        let user: Rc<str> = if local.eq_ignore_ascii_case("postmaster") { "postmaster".into() } else { local.as_str().into() };
        let n = self.state.hosts[h as usize].mailboxes.get(&user).map_or(0, Vec::len) + 1;
        let file: Rc<str> = format!("{n:04}.eml").into();
        let eml: Rc<str> = eml::render(&self.envelopes[env as usize], self.now).into();
        self.emit(from, h, EventKind::Stored { env, user, file, eml });
    }
}
