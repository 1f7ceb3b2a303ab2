//! The receiving server's side of a session (rules.md 4, 6): how it answers
//! each command for its role (final, backup, neither) and its fault mode,
//! and what it does with a message once it has it.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::eml;
use crate::model::envelope::Hop;
use crate::model::event::{EnvId, EventKind, HostId, Via};
use crate::model::smtp::{self, Command, FaultMode, Reply};
use std::rc::Rc;

impl Simulation {
    pub(super) fn at_server(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some((h, addr)) = a.server else { return self.next_address(id, a) };
        let client = a.client;
        if !self.state.hosts[h as usize].up {
            // The server vanished mid-session: the client times out.
            a.step = Step::TimedOut { addr, started: self.now };
            self.attempts[id] = Some(a);
            let until = self.now.plus_secs(self.timing.connect_timeout_secs);
            return self.schedule(until, Class::Mail, Task::Resume(id));
        }
        let fault = self.state.hosts[h as usize].fault;
        let name = self.hosts[h as usize].name.clone();
        let reply = match command {
            Command::Ehlo => smtp::ehlo(&name),
            Command::MailFrom => match fault {
                FaultMode::ShuttingDown => smtp::shutting_down(&name),
                FaultMode::SenderTempfail => smtp::sender_tempfail(),
                FaultMode::SenderRejected => smtp::sender_rejected(&self.envelopes[a.env as usize].from_text()),
                _ => smtp::sender_ok(),
            },
            Command::RcptTo => self.recipient_reply(h, a.recipient(), client),
            Command::Data => match fault {
                FaultMode::DataTempfail => smtp::data_tempfail(),
                FaultMode::DataRejected => smtp::data_rejected(),
                _ => smtp::start_data(),
            },
            Command::Body => match fault {
                // At the hop limit, counting the `Received:` header it would
                // add, it is a forwarding loop, whatever else is wrong:
                // refused at the end of DATA (Postfix 3.7: 554 5.4.0 Error:
                // too many hops, for a message that arrives with 49 headers;
                // recorded, too-many-hops), never kept, so the server that
                // sent it bounces it.
                _ if self.envelopes[a.named_by(None) as usize].hops.len() + 1 >= self.mtas[h as usize].cfg.hop_limit as usize => {
                    smtp::too_many_hops()
                }
                FaultMode::NoStorage => smtp::no_storage(),
                FaultMode::TooBig => smtp::too_big(),
                FaultMode::BodyRejected => smtp::body_rejected(),
                FaultMode::ContentRejected => smtp::content_rejected(),
                FaultMode::DropAfterBody => {
                    // It has the message, but the final reply never arrives:
                    // the client must assume it failed (RFC 5321 6.1), so the
                    // server's copy is a copy, and the client will send again.
                    let queue_id = smtp::queue_id(h, a.named_by(None), self.now.millis());
                    for env in a.session.accepted.clone() {
                        let copy = self.copy_envelope(env);
                        self.accept(copy, h, client, &queue_id);
                    }
                    self.emit(h, client, EventKind::ConnectionLost { env: a.named_by(None), after: Command::Body });
                    a.step = Step::Lost(Command::Body);
                    return self.resume_in(id, a, self.timing.smtp_ms);
                }
                _ => {
                    // One queue file for every recipient it took, as Postfix's cleanup writes.
                    let queue_id = smtp::queue_id(h, a.named_by(None), self.now.millis());
                    for env in a.session.accepted.clone() {
                        self.accept(env, h, client, &queue_id);
                    }
                    smtp::queued(&queue_id)
                }
            },
            Command::Quit => smtp::bye(),
        };
        self.emit(h, client, EventKind::Reply { env: a.named_by(Some(command)), reply: reply.clone(), after: Some(command) });
        a.step = Step::AtClient(Some(command), reply);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// How server `h` answers RCPT TO for `env` (rules.md 4.6, 4.7, 6.1, 6.4).
    fn recipient_reply(&mut self, h: HostId, env: EnvId, client: HostId) -> Reply {
        let e = &self.envelopes[env as usize];
        let (local, domain) = (e.to.local.as_str(), e.to.domain.as_str());
        let to = e.to.to_string();
        let cfg = &self.mtas[h as usize].cfg;
        if cfg.is_final_for(domain) {
            if !cfg.has_mailbox(local) {
                return smtp::no_such_user(&to);
            }
        } else if cfg.relays_for(domain) {
            if !cfg.relays_to(local) {
                return smtp::unknown_to_relay(&to);
            }
        } else {
            return smtp::relay_denied(&to);
        }
        let postmaster = local.eq_ignore_ascii_case("postmaster");
        if cfg.is_final_for(domain) && cfg.busy_mailboxes.iter().any(|m| m == local) {
            return smtp::mailbox_busy(&to);
        }
        match self.state.hosts[h as usize].fault {
            FaultMode::Reject if !postmaster => smtp::rejected(&to),
            FaultMode::MailboxFull => smtp::mailbox_full(&to),
            FaultMode::MailboxBusy => smtp::mailbox_busy(&to),
            FaultMode::Greylist if !postmaster => {
                let key = (client, e.from_text(), to.clone());
                let delay = self.timing.greylist_delay_secs * 1000;
                let domain = domain.to_string();
                match self.greylist.iter().find(|(k, _)| *k == key).map(|(_, first)| *first) {
                    Some(first) if self.now.since(first) >= delay => smtp::recipient_ok(),
                    Some(_) => smtp::greylisted(&to, &domain),
                    None => {
                        self.greylist.push((key, self.now));
                        smtp::greylisted(&to, &domain)
                    }
                }
            }
            _ => smtp::recipient_ok(),
        }
    }

    /// The end of DATA: server `h` takes responsibility (RFC 5321 6.1), adds
    /// its `Received:` header, and stores the message or queues it to send on.
    fn accept(&mut self, env: EnvId, h: HostId, client: HostId, queue_id: &str) {
        let id = queue_id.to_string();
        let hop = Hop {
            by: self.hosts[h as usize].name.clone(),
            from_host: Some(self.hosts[client as usize].name.clone()),
            from_addr: self.mtas.get(client as usize).map(|c| c.cfg.address),
            at: self.now,
            id,
        };
        let e = &mut self.envelopes[env as usize];
        e.hops.push(hop);
        let domain = e.to.domain.clone();
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
