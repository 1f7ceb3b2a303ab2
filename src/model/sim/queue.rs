//! The queue of each mail server (rules.md 5): submission, the start
//! of each delivery attempt, deferral with the retry schedule, and bounces.

use super::attempt::{Attempt, Session, Step};
use super::{Class, Simulation, Task};
use crate::model::dns::RType;
use crate::model::eml;
use crate::model::envelope::{Envelope, Hop};
use crate::model::event::{EnvId, EventKind, HostId, Reason, Via};
use crate::model::mx::Candidate;
use crate::model::smtp;
use crate::model::state::Place;
use crate::model::world::Submission;
use std::rc::Rc;

impl Simulation {
    /// Alice presses Send: one envelope per recipient, queued at the
    /// server her mail program hands it to, which adds its own `Received:`.
    pub(super) fn submit(&mut self, m: &Submission) {
        let sender = self.mtas[m.via].host;
        let n = self.envelopes.len();
        let message_id = format!("<{}.{}@{}>", self.now.millis(), n, m.from.domain);
        // One queue file for all its recipients.
        let queue_id = smtp::queue_id(sender, n as u32, self.now.millis());
        let header_to: Rc<str> = m.to.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ").into();
        let mut first = None;
        for to in &m.to {
            let submitted = Hop {
                by: self.hosts[sender as usize].name.clone(),
                from_host: None,
                from_addr: None,
                at: self.now,
                id: queue_id.clone(),
            };
            let env = self.new_envelope(first, Envelope {
                from: Some(m.from.clone()),
                header_from: m.from.to_string(),
                header_to: header_to.clone(),
                to: to.clone(),
                subject: m.subject.clone(),
                body: m.body.clone(),
                message_id: message_id.clone(),
                submitted: self.now,
                hops: vec![submitted],
                bounce_of: None,
                copy_of: None,
            });
            first.get_or_insert(env);
            self.emit(sender, sender, EventKind::Enqueued { env, via: Via::Submission });
            self.schedule(self.now, Class::Mail, Task::Start(env));
        }
    }

    /// A new envelope, of the message whose first envelope is `message`
    /// (none: a new message).
    fn new_envelope(&mut self, message: Option<EnvId>, e: Envelope) -> EnvId {
        let env = self.envelopes.len() as EnvId;
        let first = message.unwrap_or(env);
        self.envelopes.push(e);
        self.busy.push(None);
        self.message_of.push(first);
        self.same_message.push(Vec::new());
        self.same_message[first as usize].push(env);
        env
    }

    /// A second copy of `env`, as a server that kept a message the client
    /// thinks it failed to send holds one.
    pub(super) fn copy_envelope(&mut self, env: EnvId) -> EnvId {
        let mut copy = self.envelopes[env as usize].clone();
        copy.copy_of = Some(env);
        self.new_envelope(Some(self.message_of[env as usize]), copy)
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
        let envs = self.recipients_due_with(env, h);
        for &e in &envs {
            self.busy[e as usize] = Some(h);
            let attempt = self.state.hosts[h as usize].queue.get(&e).map_or(attempt, |q| q.attempts + 1);
            self.emit(h, h, EventKind::AttemptStarted { env: e, attempt });
        }
        let mut a = Attempt {
            env,
            batch: envs.clone(),
            envs,
            refused: Vec::new(),
            session: Session::default(),
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

    /// `env` and the other recipients of its queue file (the same last
    /// hop), for its domain, that wait at `h` and are due now: one attempt
    /// carries them all, as a queue manager hands one delivery agent every
    /// recipient of a message for one destination (rules.md 4.10). A second
    /// copy of the same message is another queue file.
    fn recipients_due_with(&self, env: EnvId, h: HostId) -> Vec<EnvId> {
        let e = &self.envelopes[env as usize];
        let file = e.hops.last().map(|hop| &hop.id);
        let mut envs = vec![env];
        let queue = &self.state.hosts[h as usize].queue;
        // In envelope order, as the queue lists them.
        for &other in &self.same_message[self.message_of[env as usize] as usize] {
            let Some(q) = queue.get(&other) else { continue };
            let o = &self.envelopes[other as usize];
            if other != env
                && self.busy[other as usize].is_none()
                && q.next_retry.is_some_and(|t| t <= self.now)
                && o.hops.last().map(|hop| &hop.id) == file
                && o.message_id == e.message_id
                && o.to.domain == e.to.domain
            {
                envs.push(other);
            }
        }
        envs
    }

    fn deliver_locally(&mut self, env: EnvId, h: HostId) {
        let local = self.envelopes[env as usize].to.local.clone();
        if self.mtas[h as usize].cfg.has_mailbox(&local) {
            self.store(env, h, h);
        } else {
            self.bounce(h, vec![(env, Reason::UnknownUser { user: local.as_str().into() })]);
        }
    }

    /// The attempt is over: free its slot and its envelopes, and send one
    /// bounce for every recipient refused for good.
    pub(super) fn release(&mut self, id: usize, a: &mut Attempt) {
        for &env in &a.batch {
            if self.busy[env as usize] == Some(a.client) {
                self.busy[env as usize] = None;
            }
        }
        self.attempts[id] = None;
        self.free_attempts.push(id);
        let refused = std::mem::take(&mut a.refused);
        if !refused.is_empty() {
            self.bounce(a.client, refused);
        }
    }

    /// No host is left for the recipients still carried: each waits for its
    /// next try.
    pub(super) fn finish_defer(&mut self, id: usize, mut a: Attempt, reason: Reason) {
        self.release(id, &mut a);
        for &env in &a.envs {
            self.defer(env, a.client, reason.clone());
        }
    }

    /// The recipients still carried are refused for good.
    pub(super) fn finish_bounce(&mut self, id: usize, mut a: Attempt, reason: Reason) {
        let envs = std::mem::take(&mut a.envs);
        a.refused.extend(envs.into_iter().map(|env| (env, reason.clone())));
        self.release(id, &mut a);
    }

    /// rules.md 5.1, 5.2: keep it and try later, or give up when the
    /// queue lifetime has run out.
    fn defer(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        let age_secs = self.now.since(q.since) / 1000;
        let cfg = &self.mtas[h as usize].cfg;
        if age_secs >= cfg.lifetime_secs {
            let reason = Reason::Expired { after_secs: age_secs, last: Box::new(reason) };
            return self.bounce(h, vec![(env, reason)]);
        }
        let next_retry = cfg.retry.next_try(self.now, q.since, q.last_delay_secs);
        self.emit(h, h, EventKind::Deferred { env, reason, next_retry });
        self.schedule(next_retry, Class::Mail, Task::Start(env));
    }

    /// rules.md 5.3: the holder reports the failure to the envelope
    /// sender from `<>`, unless the failed message is itself a bounce: one
    /// report for the recipients of one message that failed together, each
    /// with its own reason.
    pub(super) fn bounce(&mut self, h: HostId, failed: Vec<(EnvId, Reason)>) {
        let Some(&(first, _)) = failed.first() else { return };
        let e = &self.envelopes[first as usize];
        // A bounce is never sent about a bounce, nor by a machine that sends none.
        let Some(sender) = e.from.clone().filter(|_| self.mtas[h as usize].cfg.sends_bounces) else {
            for (env, reason) in failed {
                self.emit(h, h, EventKind::Dropped { env, reason });
            }
            return;
        };
        let holder = self.hosts[h as usize].name.clone();
        let listed: Vec<(String, &Reason)> =
            failed.iter().map(|(env, reason)| (self.envelopes[*env as usize].to.to_string(), reason)).collect();
        let body = eml::bounce_body(e, &holder, &listed);
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
            header_to: sender.to_string().into(),
            to: sender,
            subject: "Undelivered Mail Returned to Sender".into(),
            body: body.into(),
            message_id: format!("<{}.bounce.{}@{}>", self.now.millis(), first, holder),
            submitted: self.now,
            hops: vec![origin],
            bounce_of: Some(first),
            copy_of: None,
        };
        let b = self.new_envelope(None, bounce);
        for (env, reason) in failed {
            self.emit(h, h, EventKind::Bounced { env, bounce: b, reason });
        }
        self.emit(h, h, EventKind::Enqueued { env: b, via: Via::Bounce });
        self.schedule(self.now, Class::Mail, Task::Start(b));
    }
}
