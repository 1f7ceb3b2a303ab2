//! The queue of each mail server (DELIVERY-RULES 5): submission, the start
//! of each delivery attempt, deferral with the retry schedule, and bounces.

use super::attempt::{Attempt, Step};
use super::{Class, Simulation, Task};
use crate::model::dns::RType;
use crate::model::eml;
use crate::model::envelope::Envelope;
use crate::model::event::{EnvId, EventKind, HostId, Reason, Via};
use crate::model::smtp;
use crate::model::state::Place;
use crate::model::world::Submission;
use std::rc::Rc;

impl Simulation {
    /// Alice presses Send: one envelope per recipient, queued at the sender.
    pub(super) fn submit(&mut self, m: &Submission) {
        let sender = self.sender;
        let n = self.envelopes.len();
        let message_id = format!("<{}.{}@{}>", self.now.millis(), n, m.from.domain);
        for to in &m.to {
            let env = self.new_envelope(Envelope {
                from: Some(m.from.clone()),
                header_from: m.from.to_string(),
                to: to.clone(),
                subject: m.subject.clone(),
                body: m.body.clone(),
                message_id: message_id.clone(),
                submitted: self.now,
                hops: Vec::new(),
                bounce_of: None,
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
        if self.mtas.get(h as usize).is_none() {
            return;
        }
        let to = self.envelopes[env as usize].to.clone();
        if self.mtas[h as usize].cfg.is_final_for(&to.domain) {
            return self.deliver_locally(env, h);
        }
        self.busy[env as usize] = Some(h);
        self.emit(h, h, EventKind::AttemptStarted { env, attempt });
        let a = Attempt {
            env,
            client: h,
            domain: to.domain.as_str().into(),
            hosts: Rc::from(Vec::new()),
            next_host: 0,
            host: Rc::from(""),
            addrs: Vec::new(),
            next_addr: 0,
            server: None,
            temporary: None,
            step: Step::Refused,
        };
        let id = match self.free_attempts.pop() {
            Some(id) => id,
            None => {
                self.attempts.push(None);
                self.attempts.len() - 1
            }
        };
        let domain = a.domain.clone();
        self.lookup(id, a, domain, RType::MX);
    }

    fn deliver_locally(&mut self, env: EnvId, h: HostId) {
        let local = self.envelopes[env as usize].to.local.clone();
        if self.mtas[h as usize].cfg.has_mailbox(&local) {
            self.store(env, h, h);
        } else {
            let reason = Reason::Reply { host: self.hosts[h as usize].name.clone(), reply: smtp::NO_SUCH_USER };
            self.bounce(env, h, reason);
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

    /// DELIVERY-RULES 5.1, 5.2: keep it and try later, or give up when the
    /// queue lifetime has run out.
    fn defer(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        let age_secs = self.now.since(q.since) / 1000;
        let cfg = &self.mtas[h as usize].cfg;
        if age_secs >= cfg.lifetime_secs {
            let reason = Reason::Expired { after_secs: age_secs, last: Box::new(reason) };
            return self.bounce(env, h, reason);
        }
        let delay = cfg.retry.next_delay_secs(q.last_delay_secs, age_secs);
        let next_retry = self.now.plus_secs(delay);
        self.emit(h, h, EventKind::Deferred { env, reason, next_retry });
        self.schedule(next_retry, Class::Mail, Task::Start(env));
    }

    /// DELIVERY-RULES 5.3: the holder reports the failure to the envelope
    /// sender from `<>`, unless the failed message is itself a bounce.
    fn bounce(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let e = &self.envelopes[env as usize];
        let Some(sender) = e.from.clone() else {
            return self.emit(h, h, EventKind::Dropped { env, reason });
        };
        let holder = self.hosts[h as usize].name.clone();
        let body = eml::bounce_body(e, &holder, &reason);
        let bounce = Envelope {
            from: None,
            header_from: format!("MAILER-DAEMON@{holder}"),
            to: sender,
            subject: "Undelivered Mail Returned to Sender".into(),
            body: body.into(),
            message_id: format!("<{}.bounce.{}@{}>", self.now.millis(), env, holder),
            submitted: self.now,
            hops: Vec::new(),
            bounce_of: Some(env),
        };
        let b = self.new_envelope(bounce);
        self.emit(h, h, EventKind::Bounced { env, bounce: b, reason });
        self.emit(h, h, EventKind::Enqueued { env: b, via: Via::Bounce });
        self.schedule(self.now, Class::Mail, Task::Start(b));
    }
}
