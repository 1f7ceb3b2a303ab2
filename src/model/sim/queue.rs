//! The queue of each mail server (rules.md 5): submission, the start
//! of each delivery attempt, deferral with the retry schedule, and bounces.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::dns::RType;
use crate::model::eml;
use crate::model::envelope::{Envelope, Hop};
use crate::model::event::{EnvId, EventKind, HostId, Reason, Via};
use crate::model::mx::Candidate;
use crate::model::smtp;
use crate::model::state::Place;
use crate::model::world::Submission;

impl Simulation {
    /// Alice presses Send: one envelope per recipient, queued at the
    /// server her mail program hands it to, which adds its own `Received:`.
    pub(super) fn submit(&mut self, m: &Submission) {
        let sender = self.mtas[m.via].host;
        let n = self.envelopes.len();
        let message_id = format!("<{}.{}@{}>", self.now.millis(), n, m.from.domain);
        for to in &m.to {
            let submitted = Hop {
                by: self.hosts[sender as usize].name.clone(),
                from_host: None,
                from_addr: None,
                at: self.now,
                id: smtp::queue_id(sender, self.envelopes.len() as u32, self.now.millis()),
            };
            let env = self.new_envelope(Envelope {
                from: Some(m.from.clone()),
                header_from: m.from.to_string(),
                to: to.clone(),
                subject: m.subject.clone(),
                body: m.body.clone(),
                message_id: message_id.clone(),
                submitted: self.now,
                hops: vec![submitted],
                bounce_of: None,
                copy_of: None,
            });
            self.emit(sender, sender, EventKind::Enqueued { env, via: Via::Submission });
            self.schedule(self.now, Class::Mail, Task::Start(env));
        }
    }

    fn new_envelope(&mut self, e: Envelope) -> EnvId {
        self.envelopes.push(e);
        self.busy.push(None);
        (self.envelopes.len() - 1) as EnvId
    }

    /// A second copy of `env`, as a server that kept a message the client
    /// thinks it failed to send holds one.
    pub(super) fn copy_envelope(&mut self, env: EnvId) -> EnvId {
        let mut copy = self.envelopes[env as usize].clone();
        copy.copy_of = Some(env);
        self.new_envelope(copy)
    }

    /// A host that comes back up flushes what fell due while it was down.
    pub(super) fn flush_overdue(&mut self, h: HostId) {
        let due: Vec<EnvId> = self.state.hosts[h as usize]
            .queue
            .iter()
            .filter(|(_, q)| q.next_retry.is_some_and(|t| t <= self.now))
            .map(|(e, _)| *e)
            .collect();
        for env in due {
            self.schedule(self.now, Class::Mail, Task::Start(env));
        }
    }

    fn holder(&self, env: EnvId) -> Option<HostId> {
        match self.state.place(env) {
            Some(Place::Queued(h)) => Some(h),
            _ => None,
        }
    }

    /// A try is due: deliver locally, or start an attempt with the MX lookup.
    pub(super) fn start(&mut self, env: EnvId) {
        let Some(h) = self.holder(env) else { return };
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        // Stale (the retry was superseded) or already under way.
        if self.busy[env as usize] == Some(h) || q.next_retry.is_none_or(|t| t > self.now) {
            return;
        }
        // A machine that is off sends nothing; it flushes its queue when it is back.
        if !self.state.hosts[h as usize].up {
            return;
        }
        let attempt = q.attempts + 1;
        let to = self.envelopes[env as usize].to.clone();
        let cfg = &self.mtas[h as usize].cfg;
        if cfg.is_final_for(&to.domain) {
            return self.deliver_locally(env, h);
        }
        // A fixed next hop is for the domains it relays for (as a Postfix
        // transport_maps entry is per domain), or for everything when it relays
        // for none (a machine that sends all its mail one way).
        let next_hop = cfg.next_hop.clone().filter(|_| cfg.relay_for.is_empty() || cfg.relays_for(&to.domain));
        self.busy[env as usize] = Some(h);
        self.emit(h, h, EventKind::AttemptStarted { env, attempt });
        let mut a = Attempt {
            env,
            client: h,
            domain: to.domain.as_str().into(),
            hosts: Vec::new(),
            resolving: 0,
            shuffled: false,
            implicit: false,
            fixed: false,
            next_host: 0,
            next_addr: 0,
            server: None,
            failure: None,
            step: Step::Refused,
        };
        let id = match self.free_attempts.pop() {
            Some(id) => id,
            None => {
                self.attempts.push(None);
                self.attempts.len() - 1
            }
        };
        match next_hop {
            // A fixed next hop: its address only, no MX records.
            Some(hop) => {
                a.hosts = vec![Candidate::new(0, hop)];
                a.fixed = true;
                self.resolve_next(id, a);
            }
            None => {
                let domain = a.domain.clone();
                self.lookup(id, a, domain, RType::MX);
            }
        }
    }

    fn deliver_locally(&mut self, env: EnvId, h: HostId) {
        let local = self.envelopes[env as usize].to.local.clone();
        if self.mtas[h as usize].cfg.has_mailbox(&local) {
            self.store(env, h, h);
        } else {
            self.bounce(env, h, Reason::UnknownUser { user: local.as_str().into() });
        }
    }

    /// The attempt is over: free its slot and the envelope.
    pub(super) fn release(&mut self, id: usize, a: &Attempt) {
        if self.busy[a.env as usize] == Some(a.client) {
            self.busy[a.env as usize] = None;
        }
        self.attempts[id] = None;
        self.free_attempts.push(id);
    }

    pub(super) fn finish_defer(&mut self, id: usize, a: Attempt, reason: Reason) {
        self.release(id, &a);
        self.defer(a.env, a.client, reason);
    }

    pub(super) fn finish_bounce(&mut self, id: usize, a: Attempt, reason: Reason) {
        self.release(id, &a);
        self.bounce(a.env, a.client, reason);
    }

    /// rules.md 5.1, 5.2: keep it and try later, or give up when the
    /// queue lifetime has run out.
    fn defer(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        let age_secs = self.now.since(q.since) / 1000;
        let cfg = &self.mtas[h as usize].cfg;
        if age_secs >= cfg.lifetime_secs {
            let reason = Reason::Expired { after_secs: age_secs, last: Box::new(reason) };
            return self.bounce(env, h, reason);
        }
        let next_retry = cfg.retry.next_try(self.now, q.since, q.last_delay_secs);
        self.emit(h, h, EventKind::Deferred { env, reason, next_retry });
        self.schedule(next_retry, Class::Mail, Task::Start(env));
    }

    /// rules.md 5.3: the holder reports the failure to the envelope
    /// sender from `<>`, unless the failed message is itself a bounce.
    pub(super) fn bounce(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let e = &self.envelopes[env as usize];
        // A bounce is never sent about a bounce, nor by a machine that sends none.
        let Some(sender) = e.from.clone().filter(|_| self.mtas[h as usize].cfg.sends_bounces) else {
            return self.emit(h, h, EventKind::Dropped { env, reason });
        };
        let holder = self.hosts[h as usize].name.clone();
        let body = eml::bounce_body(e, &holder, &reason);
        // Its first hop is the server that wrote it (rules.md 6.3).
        let origin = Hop {
            by: holder.clone(),
            from_host: None,
            from_addr: None,
            at: self.now,
            id: smtp::queue_id(h, self.envelopes.len() as u32, self.now.millis()),
        };
        let bounce = Envelope {
            from: None,
            header_from: format!("MAILER-DAEMON@{holder}"),
            to: sender,
            subject: "Undelivered Mail Returned to Sender".into(),
            body: body.into(),
            message_id: format!("<{}.bounce.{}@{}>", self.now.millis(), env, holder),
            submitted: self.now,
            hops: vec![origin],
            bounce_of: Some(env),
            copy_of: None,
        };
        let b = self.new_envelope(bounce);
        self.emit(h, h, EventKind::Bounced { env, bounce: b, reason });
        self.emit(h, h, EventKind::Enqueued { env: b, via: Via::Bounce });
        self.schedule(self.now, Class::Mail, Task::Start(b));
    }
}
