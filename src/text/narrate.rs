//! Each event in two voices: one plain sentence for a reader who has never
//! run a mail server (with the rule behind it), and the line a mail admin
//! knows from `dig` or an SMTP transcript.

use super::labels::{answer_label, fault_label, host_label};
use super::zh::narrate as zh;
use super::Lang;
use crate::model::dns::{rr_line, Answer, RType};
use crate::model::event::{Event, EventKind, Reason, Via};
use crate::model::host::HostKind;
use crate::model::mx::Plan;
use crate::model::smtp::Command;
use crate::model::time::Span;
use crate::model::Simulation;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Narration {
    pub sentence: String,
    /// `dig`-style or `C:`/`S:` lines; may span several lines.
    pub technical: String,
    /// The section of the standard behind this step, if one helps.
    pub rule: Option<Rule>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub label: &'static str,
    pub url: &'static str,
}

const RFC5321_MX: Rule = Rule { label: "RFC 5321 5.1", url: "https://www.rfc-editor.org/rfc/rfc5321#section-5.1" };
const RFC5321_SMTP: Rule = Rule { label: "RFC 5321 3.3", url: "https://www.rfc-editor.org/rfc/rfc5321#section-3.3" };
const RFC5321_RETRY: Rule = Rule { label: "RFC 5321 4.5.4.1", url: "https://www.rfc-editor.org/rfc/rfc5321#section-4.5.4.1" };
const RFC5321_OWN: Rule = Rule { label: "RFC 5321 6.1", url: "https://www.rfc-editor.org/rfc/rfc5321#section-6.1" };
const RFC5321_ADDR: Rule = Rule { label: "RFC 5321 2.3.11", url: "https://www.rfc-editor.org/rfc/rfc5321#section-2.3.11" };
const RFC1035_TTL: Rule = Rule { label: "RFC 1035 3.2.1", url: "https://www.rfc-editor.org/rfc/rfc1035#section-3.2.1" };
const RFC2308_NEG: Rule = Rule { label: "RFC 2308 5", url: "https://www.rfc-editor.org/rfc/rfc2308#section-5" };
const RFC7505: Rule = Rule { label: "RFC 7505", url: "https://www.rfc-editor.org/rfc/rfc7505" };
const RFC2181_ALIAS: Rule = Rule { label: "RFC 2181 10.3", url: "https://www.rfc-editor.org/rfc/rfc2181#section-10.3" };
const RFC3464: Rule = Rule { label: "RFC 3464", url: "https://www.rfc-editor.org/rfc/rfc3464" };

fn answer_lines(answer: &Answer, elapsed: u32) -> String {
    match answer {
        Answer::Records(rrs) => {
            rrs.iter().map(|r| rr_line(r, r.ttl.saturating_sub(elapsed))).collect::<Vec<_>>().join("\n")
        }
        Answer::NoData { neg_ttl } => format!(";; NOERROR, ANSWER: 0 (no data, cached {neg_ttl} s)"),
        Answer::NxDomain { neg_ttl } => format!(";; status: NXDOMAIN (cached {neg_ttl} s)"),
        Answer::ServFail => ";; status: SERVFAIL".into(),
    }
}

/// Why a delivery failed, in plain words (the technical line carries
/// Postfix's own wording, `Reason::diagnostic`).
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::reason_text(reason),
    }
    match reason {
        Reason::Reply { host, reply, after: None, .. } => format!("{host} refused to talk at its greeting ({})", reply.first_line()),
        Reason::Greeting { host, reply, .. } => {
            format!("{host} refused to talk at its greeting ({}), which this sender takes as final", reply.first_line())
        }
        Reason::Reply { host, reply, after: Some(c), .. } => format!("{host} answered {} with {}", c.name(), reply.first_line()),
        Reason::Refused { host, .. } => format!("{host} refused the connection"),
        Reason::TimedOut { host, .. } => format!("{host} did not answer"),
        Reason::LostConnection { host, .. } => {
            format!("the connection to {host} broke before its final reply, so the message may arrive twice")
        }
        Reason::DnsTempfail { name, rtype } => format!("the DNS lookup of {} {name} failed for now", rtype.as_str()),
        Reason::NotFound { name, .. } => format!("{name} does not exist (NXDOMAIN)"),
        Reason::NullMx { domain } => format!("{domain} says it accepts no mail (null MX)"),
        Reason::NoAddress { domain } => format!("none of {domain}'s mail servers has an address"),
        Reason::LoopsToSelf { domain } => format!("this server is the best MX for {domain}: the mail would loop back to it"),
        Reason::UnknownUser { user } => format!("there is no mailbox {user}"),
        Reason::Expired { after_secs, last } => {
            format!("it kept failing for {} ({})", Span(after_secs * 1000), reason_text(last, lang))
        }
    }
}

/// Each event in the reader's language, for one run.
pub struct Narrator<'a> {
    sim: &'a Simulation,
    lang: Lang,
}

impl<'a> Narrator<'a> {
    pub fn new(sim: &'a Simulation, lang: Lang) -> Self {
        Narrator { sim, lang }
    }

    /// "bob@example.com, carol@example.com and dave@example.com" and how
    /// many, when `env` is the first of several recipients of its message
    /// at one domain.
    fn recipients(&self, env: u32) -> Option<(String, usize)> {
        let fellows = self.sim.fellow_recipients(env);
        if fellows.is_empty() || fellows[0] < env {
            return None;
        }
        let mut all: Vec<String> = std::iter::once(env).chain(fellows).map(|e| self.sim.envelope(e).to.to_string()).collect();
        let n = all.len();
        let last = all.pop().unwrap_or_default();
        Some((format!("{} and {last}", all.join(", ")), n))
    }

    fn name(&self, h: u16) -> &str {
        &self.sim.host(h).name
    }

    fn host(&self, h: u16) -> &crate::model::host::Host {
        self.sim.host(h)
    }

    /// The label a packet carries on the stage: `MX? example.com`,
    /// `RCPT TO:<bob@example.com>`, `250 2.0.0 Ok: queued`.
    pub fn packet_label(&self, ev: &Event) -> Option<String> {
        Some(match &ev.kind {
            EventKind::DnsQuery { name, rtype, .. } => format!("{}? {name}", rtype.as_str()),
            EventKind::DnsAnswer { name, answer, .. } => super::labels::answer_pill(name, answer, self.lang),
            EventKind::Connect { .. } => "SYN :25".into(),
            EventKind::ConnectRefused { .. } => match self.lang.built() {
                Lang::En => "RST (refused)".into(),
                Lang::Zh => zh::PACKET_REFUSED.into(),
            },
            EventKind::Command { env, command } => self.command_line(ev.from, *env, *command),
            EventKind::Reply { reply, .. } => reply.first_line(),
            EventKind::ConnectionLost { .. } => match self.lang.built() {
                Lang::En => "✂ connection lost".into(),
                Lang::Zh => zh::PACKET_LOST.into(),
            },
            EventKind::Enqueued { via: Via::Smtp, .. } | EventKind::Stored { .. } if ev.from != ev.to => "✉".into(),
            _ => return None,
        })
    }

    fn command_line(&self, client: u16, env: u32, command: Command) -> String {
        let e = self.sim.envelope(env);
        match command {
            Command::Ehlo => format!("EHLO {}", self.name(client)),
            Command::MailFrom => format!("MAIL FROM:<{}>", e.from_text()),
            Command::RcptTo => format!("RCPT TO:<{}>", e.to),
            Command::Data => "DATA".into(),
            Command::Body => format!("Subject: {} … .", e.subject.chars().take(40).collect::<String>()),
            Command::Quit => "QUIT".into(),
        }
    }

    /// The sentence and the technical line for one event, in the reader's
    /// language (the technical line and the rule read the same in all).
    pub fn describe(&self, ev: &Event) -> Narration {
        let mut n = self.describe_en(ev);
        match self.lang.built() {
            Lang::En => {}
            Lang::Zh => n.sentence = zh::sentence(self.sim, ev),
        }
        n
    }

    /// The English sentence (for an English reader), the technical line and the rule.
    fn describe_en(&self, ev: &Event) -> Narration {
        let (from, to) = (self.name(ev.from).to_string(), self.name(ev.to).to_string());
        let lang = Lang::En;
        let flabel = host_label(self.host(ev.from), lang);
        let who = |h: u16| {
            let host = self.host(h);
            match host_label(host, lang) {
                Some(label) => format!("{label} ({})", host.name),
                None => host.name.to_string(),
            }
        };
        let env_to = |env: u32| self.sim.envelope(env).to.to_string();
        // The English sentence is only built where it is read: a Chinese
        // build (`--features zh`) drops all of them, a both-language build
        // skips them for a Chinese reader (the technical line and the rule
        // are shared).
        let english = self.lang.built() == Lang::En;
        // A sentence built before `n!`, only where it is read (as `n!` does).
        macro_rules! en {
            ($sentence:expr) => {
                if english { $sentence } else { String::new() }
            };
        }
        macro_rules! n {
            ($sentence:expr, $technical:expr, $rule:expr $(,)?) => {
                Narration { sentence: en!($sentence), technical: $technical, rule: $rule }
            };
        }
        match &ev.kind {
            EventKind::Enqueued { env, via } => {
                let e = self.sim.envelope(*env);
                match via {
                    Via::Submission if ev.from != self.sim.sender() => n!(
                        format!(
                            "{} starts sending a message for {}. It writes {} as the sender: nothing in SMTP checks that.",
                            who(ev.from),
                            e.to,
                            e.from_text()
                        ),
                        format!("{from}: queued from=<{}> to=<{}>", e.from_text(), e.to),
                        None,
                    ),
                    Via::Submission if self.sim.fellow_recipients(*env).first().is_some_and(|f| f < env) => n!(
                        format!("The same message is for {} too: one more recipient in the same queue file.", e.to),
                        format!("{from}: queued {} from=<{}> to=<{}>", env, e.from_text(), e.to),
                        None,
                    ),
                    Via::Submission => n!(
                        match self.recipients(*env) {
                            Some((all, n)) => format!(
                                "{} presses Send: her mail program hands one message for {all} to her server, {from}, which queues it: one entry for each of the {n} recipients.",
                                e.from_text()
                            ),
                            None => format!(
                                "{} presses Send: her mail program hands the message for {} to her server, {from}, which queues it.",
                                e.from_text(),
                                e.to
                            ),
                        },
                        format!("{from}: queued {} from=<{}> to=<{}>", env, e.from_text(), e.to),
                        None,
                    ),
                    Via::Smtp => n!(
                        format!(
                            "{} now holds the message in its queue and is responsible for it; {from} can forget it.",
                            who(ev.to)
                        ),
                        format!("{to}: queued from {from}, to=<{}>", e.to),
                        Some(RFC5321_OWN),
                    ),
                    Via::Bounce => n!(
                        format!("{} queues the bounce to {}.", who(ev.to), e.to),
                        format!("{to}: queued bounce from=<> to=<{}>", e.to),
                        Some(RFC3464),
                    ),
                }
            }
            EventKind::AttemptStarted { env, attempt } => {
                let e = self.sim.envelope(*env);
                let fellow_before = self.sim.fellow_recipients(*env).first().is_some_and(|f| f < env);
                let first = en!(if *attempt == 1 && fellow_before {
                    format!(
                        "{} is at the same domain, {}: the same attempt carries it, in the same session.",
                        e.to, e.to.domain
                    )
                } else if *attempt == 1 {
                    format!(
                        "{} splits {}: the mailbox {} only matters to the final server; the domain {} decides where the message goes, so the sender looks it up in DNS{}.",
                        who(ev.from),
                        e.to,
                        e.to.local,
                        e.to.domain,
                        self.recipients(*env).map(|(all, n)| format!("; the same domain for all {n} recipients, so one attempt and one session carry {all}")).unwrap_or_default()
                    )
                } else {
                    format!("{} tries {} again (attempt {attempt}).", who(ev.from), e.to)
                });
                n!(first, format!("{from}: delivery attempt {attempt} to=<{}> domain={}", e.to, e.to.domain), Some(RFC5321_ADDR))
            }
            EventKind::DnsQuery { name, rtype, .. } => {
                let s = en!(match (rtype, self.host(ev.to).kind) {
                    (RType::MX, HostKind::Resolver) => format!(
                        "{} asks its resolver: which servers take mail for {name}? (an MX query)",
                        who(ev.from)
                    ),
                    (_, HostKind::Authority) if self.host(ev.to).role == crate::model::host::Role::Root => {
                        "The resolver has no live answer cached, so it asks the root DNS server, which knows every name that belongs to no zone here.".to_string()
                    }
                    (_, HostKind::Authority) => {
                        format!("The resolver has no live answer cached, so it asks the authoritative server {to}.")
                    }
                    _ => format!(
                        "{} asks for the address of {name} ({} query): an MX record names a host, not an address, and the sender looks up every MX host before its first connection.",
                        who(ev.from),
                        rtype.as_str()
                    ),
                });
                n!(s, format!("$ dig {name} {} @{to}", rtype.as_str()), Some(RFC5321_MX))
            }
            EventKind::CacheHit { name, rtype, answer, elapsed_secs, .. } => n!(
                {
                    let what = if answer.is_negative() { format!("the {} answer for {name}", super::labels::answer_label(answer, Lang::En)) } else { format!("{} {name}", rtype.as_str()) };
                    let when = if *elapsed_secs == 0 { "a moment ago".to_string() } else { format!("{elapsed_secs} s ago") };
                    format!("The resolver still has {what} in its cache from {when}, so it answers at once without asking anyone.")
                },
                format!(";; cache hit, age {elapsed_secs} s\n{}", answer_lines(answer, *elapsed_secs)),
                Some(RFC1035_TTL),
            ),
            EventKind::DnsAnswer { name, rtype, answer, elapsed_secs, .. } => {
                let s = en!(match answer {
                    Answer::Records(rrs) if *rtype == RType::MX && rrs.iter().any(|r| r.is_null_mx()) => {
                        format!("The answer for {name}: {} (a null MX).", answer_label(answer, lang))
                    }
                    Answer::Records(_) if *rtype == RType::MX => format!(
                        "The answer for {name}: {} — host names with preferences; lower is tried first.",
                        answer_label(answer, lang)
                    ),
                    Answer::Records(_) => format!("{name} has the address {}.", answer_label(answer, lang)),
                    Answer::NoData { .. } => format!("{name} exists but has no {} record.", rtype.as_str()),
                    Answer::NxDomain { .. } => format!("{name} does not exist (NXDOMAIN)."),
                    Answer::ServFail => format!("The lookup of {name} failed (SERVFAIL): a temporary problem."),
                });
                n!(s, format!(";; {from} → {to}\n{}", answer_lines(answer, *elapsed_secs)), Some(RFC5321_MX))
            }
            EventKind::Cached { name, rtype, answer, ttl } => {
                let rule = if *answer == Answer::ServFail || answer.is_negative() { RFC2308_NEG } else { RFC1035_TTL };
                let s = en!(if *answer == Answer::ServFail {
                    format!("The resolver remembers the SERVFAIL for {name} for {ttl} s, so it will not ask again until then.")
                } else if answer.is_negative() {
                    format!("The resolver remembers this negative answer for {name} for {ttl} s, so it will not ask again until then.")
                } else {
                    format!(
                        "The resolver keeps {} {name} for {} (its TTL); until then it will not ask again, even if the record changes.",
                        rtype.as_str(),
                        Span(u64::from(*ttl) * 1000)
                    )
                });
                n!(s, format!(";; cached {name} {} for {ttl} s", rtype.as_str()), Some(rule))
            }
            EventKind::NotCached { name, rtype } => n!(
                format!("The TTL of {} {name} is 0: the resolver uses the answer once and does not keep it.", rtype.as_str()),
                format!(";; not cached: {name} {} TTL 0", rtype.as_str()),
                Some(RFC1035_TTL),
            ),
            EventKind::CacheExpired { name, rtype } => n!(
                format!(
                    "The cached {} {name} has run out of TTL; the next lookup will ask the authority again.",
                    rtype.map_or("NXDOMAIN for", |t| t.as_str())
                ),
                format!(";; expired {name} {}", rtype.map_or("*", |t| t.as_str())),
                Some(RFC1035_TTL),
            ),
            EventKind::CacheFlushed => n!(
                "The resolver's cache is flushed: every answer will be asked for again.".into(),
                "$ unbound-control flush_zone .".into(),
                None,
            ),
            EventKind::Planned { plan, .. } => match plan {
                Plan::Try { hosts, shuffled, implicit, pruned_from, fixed } => {
                    let tech = hosts
                        .iter()
                        .map(|c| {
                            let addrs = c.addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(" ");
                            // A configured next hop has no preference: it is no MX record.
                            if *fixed { format!("{}[{addrs}]", c.host) } else { format!("{} {}[{addrs}]", c.preference, c.host) }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let s = en!({
                        let list = hosts.iter().map(|c| format!("{} ({})", c.host, c.preference)).collect::<Vec<_>>().join(", then ");
                        let mut s = if hosts.is_empty() {
                            format!("{} has no host with an address to try.", who(ev.from))
                        } else if *fixed {
                            format!("{} sends everything to its configured next hop, without asking for MX records: {list}.", who(ev.from))
                        } else if *implicit {
                            format!("There is no MX record, so {} uses the domain's own address as an implicit MX: {list}.", who(ev.from))
                        } else {
                            format!("With every address known, {} will try {list}.", who(ev.from))
                        };
                        if *shuffled {
                            s.push_str(" Records of equal preference are put in random order to share the load.");
                        }
                        if let Some(p) = pruned_from {
                            s.push_str(&format!(
                                " It found itself in the list at preference {p}, so it drops itself and everything worse: a backup never delivers to itself."
                            ));
                        }
                        s
                    });
                    let tech = if *fixed { format!("{from}: next hop {tech} (configured, no MX lookup)") } else { format!("{from}: MX order {tech}") };
                    n!(s, tech, Some(RFC5321_MX))
                }
                Plan::NullMx => n!(
                    "The only MX record is \"0 .\": a null MX. The domain says it accepts no mail, so there is nothing to try.".into(),
                    format!("{from}: null MX: 556 5.1.10"),
                    Some(RFC7505),
                ),
                Plan::LoopsToSelf => n!(
                    format!("{} is itself the best MX for this domain: sending would loop back to itself.", who(ev.from)),
                    format!("{from}: mail loops back to myself"),
                    Some(RFC5321_MX),
                ),
            },
            EventKind::HostSkipped { host, .. } => n!(
                format!("{host} has no usable address, so it is skipped."),
                format!("{from}: skipping {host}: no address"),
                Some(RFC5321_MX),
            ),
            EventKind::Connect { addr, host, .. } => n!(
                format!("{} opens a connection to {host} ({addr}) on port 25.", who(ev.from)),
                format!("connect to {host}[{addr}]:25"),
                None,
            ),
            EventKind::ConnectRefused { addr, .. } => n!(
                format!("{} refuses the connection: the machine is there but no mail service listens.", who(ev.from)),
                format!("connect to {from}[{addr}]:25: Connection refused"),
                Some(RFC5321_MX),
            ),
            EventKind::ConnectTimedOut { addr, host, waited_secs, .. } => n!(
                format!(
                    "{} gives up waiting: no answer from {addr} after {waited_secs} s. Nothing comes back from a server that is down or cut off.",
                    who(ev.from)
                ),
                // As Postfix logs it: the host, then its address.
                format!("connect to {host}[{addr}]:25: Connection timed out"),
                Some(RFC5321_MX),
            ),
            EventKind::ConnectionLost { .. } => n!(
                format!(
                    "The connection to {} breaks after the message was sent, before its final reply. It may well have kept the message, but the sender cannot know, so it must keep its copy and send it again: the message may arrive twice.",
                    who(ev.from)
                ),
                format!("lost connection with {from} while sending end of data -- message may be sent more than once"),
                Some(RFC5321_OWN),
            ),
            EventKind::HostIsAlias { host, target, .. } => n!(
                format!(
                    "{host} is an alias (CNAME) of {target}. An MX record must name a host, not an alias; most senders follow the alias anyway, and so does this one."
                ),
                format!(";; warning: MX host {host} is a CNAME for {target}"),
                Some(RFC2181_ALIAS),
            ),
            EventKind::DnsTimedOut { name, rtype, attempt, .. } => n!(
                format!(
                    "No answer from the authority for {name} after {} s (try {attempt}). An authority that is down or lame costs the resolver its timeout on every try before it gives up with SERVFAIL.",
                    self.sim.scenario().timing.dns_timeout_secs
                ),
                format!(";; connection timed out; no servers could be reached ({name} {}, try {attempt})", rtype.as_str()),
                Some(RFC5321_MX),
            ),
            EventKind::Command { env, command } => {
                let s = en!(match command {
                    Command::Ehlo => format!("{} introduces itself.", who(ev.from)),
                    Command::MailFrom => "The envelope sender: where problems will be reported.".into(),
                    Command::RcptTo => format!("The envelope recipient: {}.", env_to(*env)),
                    Command::Data => "Ready to send the message itself.".into(),
                    Command::Body => "The headers and body, ended by a line with a single dot.".into(),
                    Command::Quit => "Goodbye.".into(),
                });
                n!(s, format!("C: {}", self.command_line(ev.from, *env, *command)), Some(RFC5321_SMTP))
            }
            EventKind::Reply { env, reply, after, .. } => {
                let alone = *after == Some(Command::RcptTo) && !self.sim.fellow_recipients(*env).is_empty();
                let s = en!(if reply.is_success() {
                    match after {
                        None => format!("{} answers: ready.", who(ev.from)),
                        Some(Command::Body) => format!(
                            "{} says 250: from now on it owns the message and must not lose it.",
                            who(ev.from)
                        ),
                        Some(Command::Quit) => format!("{} says goodbye and closes the connection.", flabel.clone().unwrap_or_else(|| from.clone())),
                        _ => format!("{} says {}: go on.", flabel.clone().unwrap_or_else(|| from.clone()), reply.code),
                    }
                } else if alone && reply.is_temporary() {
                    format!(
                        "{} answers {} for {}: a temporary failure for this recipient alone. The session goes on for the others; {} will be tried at the next server or later.",
                        who(ev.from),
                        reply.code,
                        env_to(*env),
                        env_to(*env)
                    )
                } else if alone {
                    format!(
                        "{} answers {} for {}: a permanent failure for this recipient alone, who will be named in a bounce. The session goes on for the others.",
                        who(ev.from),
                        reply.code,
                        env_to(*env)
                    )
                } else if after.is_none() && reply.is_permanent() {
                    format!(
                        "{} answers {} at its greeting: it will not talk to this sender. Like Postfix, the sender takes it as a temporary failure: it tries another server or tries again later.",
                        who(ev.from),
                        reply.code
                    )
                } else if reply.is_temporary() {
                    format!(
                        "{} answers {}: a temporary failure. The sender will try another server or try again later.",
                        who(ev.from),
                        reply.code
                    )
                } else {
                    format!("{} answers {}: a permanent failure. No other server is tried; the message bounces.", who(ev.from), reply.code)
                });
                let tech = reply.line().lines().map(|l| format!("S: {l}")).collect::<Vec<_>>().join("\n");
                n!(s, tech, Some(RFC5321_SMTP))
            }
            EventKind::Deferred { env, reason, next_retry } => n!(
                format!(
                    "Not delivered: {}. {} keeps the message and tries again in {} ({next_retry}).",
                    reason_text(reason, lang),
                    who(ev.from),
                    Span(next_retry.since(ev.at))
                ),
                format!(
                    "{from}: to=<{}>, dsn={}, status=deferred ({})\n;; next try {next_retry}",
                    env_to(*env),
                    reason.status(),
                    reason.diagnostic()
                ),
                Some(RFC5321_RETRY),
            ),
            EventKind::Stored { env, user, file, .. } => n!(
                if self.sim.envelope(*env).copy_of.is_some() {
                    format!("{} writes the message into {user}'s folder as {file}. Its reply never reached the sender, so another copy is on its way.", who(ev.to))
                } else if self.sim.envelope(*env).is_bounce() {
                    format!("{} writes the bounce into {user}'s folder as {file}: the sender learns what failed.", who(ev.to))
                } else {
                    format!("{} writes the message into {user}'s folder as {file}. Delivered.", who(ev.to))
                },
                format!("{to}: to=<{}>, relay=virtual, dsn=2.0.0, status=sent (delivered to maildir /{user}/{file})", env_to(*env)),
                None,
            ),
            EventKind::Bounced { env, reason, .. } => n!(
                format!(
                    "{} gives up on the message to {}: {}. It sends a bounce from <> to the sender.",
                    who(ev.from),
                    env_to(*env),
                    reason_text(reason, lang)
                ),
                match reason {
                    Reason::Expired { .. } => format!("{from}: to=<{}>, dsn={}, status=expired, returned to sender", env_to(*env), reason.status()),
                    _ => format!("{from}: to=<{}>, dsn={}, status=bounced ({})", env_to(*env), reason.status(), reason.diagnostic()),
                },
                Some(RFC3464),
            ),
            // A bounce that cannot be delivered is dropped; so is any message
            // of a machine that sends no bounces (a spammer's): not a bounce.
            EventKind::Dropped { env, reason } if self.sim.envelope(*env).is_bounce() => n!(
                format!(
                    "The bounce itself cannot be delivered ({}). A bounce is never sent about a bounce, so it is dropped.",
                    reason_text(reason, lang)
                ),
                format!("{from}: status=undeliverable bounce discarded"),
                Some(RFC3464),
            ),
            EventKind::Dropped { env, reason } => n!(
                format!(
                    "{} gives up on the message ({}) and drops it: this machine sends no bounces, so its sender is never told.",
                    who(ev.from),
                    reason_text(reason, lang)
                ),
                format!("{from}: to=<{}>, dsn={}, status=undeliverable, discarded: no bounces sent from here", env_to(*env), reason.status()),
                Some(RFC3464),
            ),
            EventKind::HostDown => n!(format!("{} goes down.", who(ev.from)), format!("{from}: down"), None),
            EventKind::HostUp => n!(format!("{} is back up.", who(ev.from)), format!("{from}: up"), None),
            EventKind::FaultSet { mode } => n!(
                format!("{} is now {}.", who(ev.from), fault_label(*mode, lang)),
                format!("{from}: mode {mode:?}"),
                None,
            ),
            EventKind::ZoneChanged { zone } => n!(
                format!(
                    "The zone {} changes at its authoritative server. Resolvers that cached the old records keep using them until their TTL ends.",
                    zone.origin
                ),
                zone.records.iter().map(|r| rr_line(r, r.ttl)).collect::<Vec<_>>().join("\n"),
                Some(RFC1035_TTL),
            ),
        }
    }
}
