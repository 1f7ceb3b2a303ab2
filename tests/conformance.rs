//! Conformance: the model against real Postfix 3.7 and Exim 4.96. Each
//! story folder of `tests/fixtures/realmta/` holds one recording of the lab
//! (its README.md, and EXIM.md for the `exim-` stories, say how it was
//! made) and `scenario.json`, the same world in the model's format. This test runs the scenario and compares it with the recording,
//! aspect by aspect. The recording is the truth: where the model differs on
//! purpose, `INTENDED` names the difference and only that item is skipped;
//! every other difference fails the story's test.
//!
//! Time: `scenario.json` starts (T+0) when the Postfix instance that queues
//! and retries the message was started, because Postfix's queue manager scans
//! its deferred queue every `queue_run_delay` from its own start, and the
//! model scans every `queue_run_delay` from T+0. Its first message is sent at
//! the recorded submission time after that start; all times below are seconds
//! after that first submission.
#![cfg(not(target_arch = "wasm32"))]

use mxviz::model::event::Via;
use mxviz::model::host::HostKind;
use mxviz::model::{EventKind, HostId, Limits, Scenario, Simulation, Time};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aspect {
    /// a. The DNS questions clients ask their resolver, in order.
    Dns,
    /// b. The servers each attempt connected to.
    Hosts,
    /// c. The servers' replies, first line, queue ids stripped.
    Replies,
    /// d. When each attempt of each holder started.
    RetryTimes,
    /// e. Who got the message (the `250 ... queued as`), and when.
    Holders,
    /// f. The `Received:` headers of the delivered file.
    Received,
    /// g. The DSN of a bounce: `Status:` and `Diagnostic-Code:`.
    Bounce,
}

/// A difference between Postfix and the model that the model makes on purpose.
struct Intended {
    /// A story, or "*" for a difference built into how the recording is read.
    story: &'static str,
    aspect: Aspect,
    recorded: &'static str,
    model: &'static str,
    why: &'static str,
}

const INTENDED: &[Intended] = &[
    // Exim 4.96 writes its own bounces; the model's bounces are Postfix's.
    Intended { story: "exim-sender-rcpt-5xx", aspect: Aspect::Bounce, recorded: "Status: 5.0.0", model: "Status: 5.1.1",
        why: "Exim's bounce reports Status 5.0.0 for any permanent failure; the model, like Postfix, gives the reply's own enhanced status (RFC 3463)" },
    Intended { story: "exim-sender-queue-gives-up", aspect: Aspect::Bounce, recorded: "Status: 5.0.0", model: "Status: 4.4.1",
        why: "Exim reports a retry timeout as Status 5.0.0; the model, like Postfix, keeps the last temporary status" },
    Intended { story: "exim-sender-queue-gives-up", aspect: Aspect::Bounce, recorded: "Diagnostic-Code: (none)",
        model: "Diagnostic-Code: X-Postfix; connect to mx2.example.com[127.0.0.13]:25: Connection refused",
        why: "Exim's bounce for a retry timeout says `retry timeout exceeded` in its text and has no Diagnostic-Code; the model's is Postfix's" },
    Intended { story: "exim-backup-queue-gives-up", aspect: Aspect::Bounce, recorded: "Status: 5.0.0", model: "Status: 4.4.1",
        why: "Exim reports a retry timeout as Status 5.0.0; the model, like Postfix, keeps the last temporary status" },
    Intended { story: "exim-backup-queue-gives-up", aspect: Aspect::Bounce, recorded: "Diagnostic-Code: (none)",
        model: "Diagnostic-Code: X-Postfix; connect to mx1.example.com[127.0.0.12]:25: Connection refused",
        why: "Exim's bounce for a retry timeout says `retry timeout exceeded` in its text and has no Diagnostic-Code; the model's is Postfix's" },
    Intended { story: "null-mx", aspect: Aspect::Bounce, recorded: "Status: 5.1.0", model: "Status: 5.1.10",
        why: "RFC 7505 3.2 gives 5.1.10 for a domain with a null MX; Postfix 3.7 reports 5.1.0. The model follows the RFC." },
    Intended { story: "*", aspect: Aspect::Dns,
        recorded: "a PTR question about the client, then an A question about the name it gave", model: "no such questions",
        why: "the receiving smtpd's client-name check decides nothing in these stories, and the model leaves it out; \
              the recording's PTR question and the A question after it are not compared" },
    Intended { story: "*", aspect: Aspect::Replies,
        recorded: "the EHLO reply's lines after the first (summarize.py keeps three lines a packet)", model: "its own extension list",
        why: "extensions decide nothing in these stories: only the first line of every reply is compared" },
    Intended { story: "*", aspect: Aspect::Dns,
        recorded: "the same question again at once after a SERVFAIL", model: "asked once a try",
        why: "the system's stub resolver (glibc, attempts:2) repeats a question its resolver answered SERVFAIL; \
              the model's client asks once: the repeat is not compared" },
    Intended { story: "*", aspect: Aspect::Replies,
        recorded: "after a refused RCPT: 554 5.5.1 to the pipelined DATA, 250 to RSET, 221 to QUIT", model: "QUIT, not waited for",
        why: "the model sends one command at a time (no PIPELINING) and ends a failed session without waiting \
              for the 221: the recording's replies after a refusal, up to the next greeting, are not compared" },
    Intended { story: "*", aspect: Aspect::RetryTimes,
        recorded: "Postfix's real latencies and its qmgr's start-up time", model: "15 ms a DNS leg, 40 ms an SMTP leg, scans from T+0",
        why: "attempt starts are compared within the queue scan interval (10 s) plus 2 s" },
    Intended { story: "*", aspect: Aspect::Holders,
        recorded: "a hand-over a few milliseconds into its attempt", model: "about half a second a session into it (40 ms an SMTP leg, one command at a time)",
        why: "the time from an attempt's start to its hand-over is compared within 1.5 s, room for two sessions in one attempt \
              (several-recipients) (the start itself within 12 s, aspect d)" },
];

/// The resolver of every lab instance (`/etc/resolv.conf`). Questions to other
/// addresses are the resolver's own (dnsmasq to unbound to a REFUSED server).
const RESOLVER: &str = "127.0.0.1";
const RETRY_TOLERANCE_SECS: f64 = 10.0 + 2.0;
const HOLDER_TOLERANCE_SECS: f64 = 1.5;
/// summarize.py cuts every SMTP line to 110 characters.
const SUMMARIZE_CUT: usize = 110;

#[derive(Clone, Debug, PartialEq)]
struct Attempt {
    holder: String,
    /// Seconds after the first submission.
    start: f64,
    tried: Vec<String>,
}

/// What one story shows, read from the recording or from the model's trace.
#[derive(Debug, Default)]
struct Story {
    /// "example.com MX", in the order asked.
    dns: Vec<String>,
    attempts: Vec<Attempt>,
    /// "mx1: 250 2.1.0 Ok": server and the first line of its reply.
    replies: Vec<String>,
    /// The server that answered `250 2.0.0 Ok: queued as`, and when.
    holders: Vec<(String, f64)>,
    /// "from -> by", newest first, of the file delivered to bob.
    received: Option<Vec<String>>,
    /// "Status: 5.1.1" and "Diagnostic-Code: smtp; 550 ..." of each bounce.
    bounces: Vec<(String, String)>,
    /// When the recording stopped with mail still queued: compare up to then.
    stopped_at: Option<f64>,
}

// ---- reading the recording ----

fn read(story: &str, file: &str) -> Option<String> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realmta").join(story).join(file)).ok()
}

/// The instance that runs Exim in an `exim-` story: the sender or the backup.
fn exim_instance(story: &str) -> Option<&'static str> {
    if story.starts_with("exim-sender-") {
        Some("sender")
    } else if story.starts_with("exim-backup-") {
        Some("mx2")
    } else {
        None
    }
}

/// The instances' logs, Postfix's maillog or Exim's mainlog: (instance,
/// [(seconds after submission, rounded down to the log's whole second for
/// Postfix, line)]).
fn maillogs(story: &str) -> Vec<(&'static str, Vec<(f64, String)>)> {
    let timeline = read(story, "timeline.txt").expect("timeline.txt");
    let submit = timeline.lines().find(|l| l.contains(" submit")).and_then(|l| l.split_whitespace().next()?.parse::<f64>().ok());
    let submit_of_day = submit.expect("a submit line in timeline.txt") % 86_400.0;
    // Postfix: `Dec 06 21:51:33 host ...`; Exim: `2026-12-06 22:01:18.108 [pid] ...`.
    let since_submit = |l: &str| {
        let words: Vec<&str> = l.split_whitespace().take(3).collect();
        let clock = if words.first().is_some_and(|w| w.len() == 10 && w.as_bytes()[4] == b'-') { words.get(1) } else { words.get(2) };
        let hms: Vec<f64> = clock?.split(':').filter_map(|x| x.parse().ok()).collect();
        (hms.len() == 3).then(|| hms[0] * 3600.0 + hms[1] * 60.0 + hms[2] - submit_of_day)
    };
    let log = |name| read(story, &format!("{name}.log")).map(|text| text.lines().filter_map(|l| Some((since_submit(l)?, l.to_string()))).collect());
    ["sender", "mx1", "mx2"].into_iter().filter_map(|name| Some((name, log(name)?))).collect()
}

/// A reply line summarize.py cut short, whole again from the maillogs, where
/// Postfix logged it (`NOQUEUE: reject: ... 450 ...; from=<`, `said: 450 ... (in reply to`).
fn complete(text: &str, logs: &[(&str, Vec<(f64, String)>)]) -> String {
    if text.chars().count() < SUMMARIZE_CUT {
        return text.to_string();
    }
    let logged = logs.iter().flat_map(|(_, ls)| ls).find_map(|(_, l)| l.find(text).map(|i| &l[i..]));
    let whole = logged.unwrap_or_else(|| panic!("reply cut by summarize.py and not in any maillog: {text}"));
    let end = ["; from=<", "; proto=", " (in reply to "].iter().filter_map(|m| whole.find(m)).min().unwrap_or(whole.len());
    whole[..end].to_string()
}

/// A reply without its queue id: `250 2.0.0 Ok: queued as`; Postfix's
/// answer to BDAT names the size (`Ok: 425 bytes queued as`), Exim's reply
/// reads `250 OK id=…`.
fn strip_queue_id(line: &str) -> String {
    for marker in ["Ok: queued as", "queued as", "OK id="] {
        if let Some(i) = line.find(marker) {
            let kept = &line[..i + marker.len()];
            // `Ok: 425 bytes queued as` reads as the DATA's `Ok: queued as`.
            return match kept.find("Ok: ").filter(|_| marker == "queued as") {
                Some(ok) => format!("{}Ok: queued as", &kept[..ok]),
                None => kept.to_string(),
            };
        }
    }
    line.to_string()
}

/// A header or DSN field, its folded lines joined, runs of blanks as one space.
fn field(text: &str, name: &str) -> Option<String> {
    let prefix = format!("{name}: ");
    let mut lines = text.lines().skip_while(|l| !l.starts_with(&prefix));
    let mut value = lines.next()?[prefix.len()..].to_string();
    for more in lines.take_while(|l| l.starts_with([' ', '\t'])) {
        value.push(' ');
        value.push_str(more);
    }
    Some(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The `Received:` headers of a file, newest first, as "from -> by".
fn received(eml: &str) -> Vec<String> {
    let head = eml.split("\n\n").next().unwrap_or_default();
    let mut headers: Vec<String> = Vec::new();
    for line in head.lines() {
        match headers.last_mut() {
            Some(h) if line.starts_with([' ', '\t']) => h.push_str(&format!(" {}", line.trim())),
            _ => headers.push(line.to_string()),
        }
    }
    headers
        .iter()
        .filter_map(|h| h.strip_prefix("Received:"))
        .map(|v| {
            let w: Vec<&str> = v.split_whitespace().collect();
            // Exim marks a local submission `from root by … with local`.
            let local = w.windows(2).any(|p| p == ["with", "local"]);
            let from = if w.first() == Some(&"from") && !local { w[1] } else { "local submission" };
            let by = w.iter().position(|x| *x == "by").map_or("?", |i| w[i + 1]);
            format!("{from} -> {by}")
        })
        .collect()
}

fn bounce_of(text: &str) -> (String, String) {
    let get = |name| format!("{name}: {}", field(text, name).unwrap_or_else(|| "(none)".into()));
    (get("Status"), get("Diagnostic-Code"))
}

/// An SMTP session as the recording shows it: the commands not yet answered,
/// in order, and what the replies so far settled.
#[derive(Default)]
struct Session {
    pending: std::collections::VecDeque<String>,
    greeted: bool,
    /// A RCPT TO was answered 250.
    accepted: bool,
    /// The session failed: what follows is its closing.
    failed: bool,
}

/// Reads events.txt (summarize.py of packets.jsonl), the maillogs and the
/// delivered or bounced file.
fn recorded(story: &str) -> Story {
    let logs = maillogs(story);
    let exim = exim_instance(story);
    let mut s = Story::default();
    let (mut last_question, mut skip_next_a, mut in_multiline) = (None::<(f64, String)>, false, false);
    // The attempt each DNS question of `s.dns` was asked in.
    let mut dns_attempt: Vec<usize> = Vec::new();
    // Per (client, server): the SMTP session under way.
    let mut sessions: BTreeMap<(String, String), Session> = BTreeMap::new();
    let mut last_timeline = (0.0, String::new());
    for line in read(story, "events.txt").expect("events.txt").lines() {
        let mut parts = line.trim_start().splitn(2, char::is_whitespace);
        let t: f64 = parts.next().unwrap_or_default().parse().expect("a time");
        let rest = parts.next().unwrap_or_default().trim_start();
        let (kind, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let rest = rest.trim_start();
        match kind {
            "timeline:" => last_timeline = (t, rest.to_string()),
            "dns" => {
                let w: Vec<&str> = rest.split_whitespace().collect();
                if !(w.len() == 6 && w[1] == "->" && w[2] == RESOLVER && w[3] == "?") {
                    continue; // an answer, or the resolver's own question upstream
                }
                // INTENDED "exim" Dns: Exim, a dual-stack resolver user, asks
                // AAAA before A for every host; the model asks A (AAAA only
                // when a host has no A record). Its AAAA questions are not compared.
                if exim.is_some() && w[5] == "AAAA" {
                    continue;
                }
                // INTENDED "*" Dns: the receiving smtpd's PTR question and the A after it.
                if w[5] == "PTR" {
                    skip_next_a = true;
                    continue;
                }
                if skip_next_a && w[5] == "A" {
                    skip_next_a = false;
                    continue;
                }
                let question = format!("{} {}", w[4], w[5]);
                // An MX question starts an attempt; the stub resolver asking the
                // same again at once (after a SERVFAIL) is still the same attempt.
                let repeated = last_question.as_ref().is_some_and(|(lt, q)| *q == question && t - lt < 0.5);
                if w[5] == "MX" && !repeated {
                    s.attempts.push(Attempt { holder: String::new(), start: t, tried: vec![] });
                }
                // INTENDED "*" Dns: the stub resolver's second asking after a SERVFAIL.
                if repeated {
                    continue;
                }
                last_question = Some((t, question.clone()));
                s.dns.push(question);
                dns_attempt.push(s.attempts.len().saturating_sub(1));
            }
            "tcp" => {
                let Some((client, server)) = rest.strip_suffix(":25 SYN").and_then(|x| x.split_once(" -> ")) else { continue };
                sessions.insert((client.to_string(), server.to_string()), Session::default());
                let a = s.attempts.iter_mut().rev().find(|a| a.holder.is_empty() || a.holder == client);
                let a = a.unwrap_or_else(|| panic!("{story}: a SYN at {t} before any MX question"));
                a.holder = client.to_string();
                a.tried.push(server.to_string());
            }
            "smtp" => {
                let Some((way, text)) = rest.split_once(": ") else { continue };
                let Some((from, to)) = way.split_once(" -> ") else { continue };
                let b = text.as_bytes();
                let is_reply = b.len() > 3 && b[..3].iter().all(u8::is_ascii_digit) && (b[3] == b' ' || b[3] == b'-');
                if !is_reply {
                    // A command from the client, answered in order (pipelined or not).
                    in_multiline = false;
                    let word = text.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                    sessions.entry((from.to_string(), to.to_string())).or_default().pending.push_back(word);
                    continue;
                }
                // A line after a `NNN-` line belongs to the same reply (its last
                // line may be missing: summarize.py prints three lines a packet).
                let continues = in_multiline;
                in_multiline = b[3] == b'-';
                if continues {
                    continue;
                }
                let server = from;
                let session = sessions.entry((to.to_string(), from.to_string())).or_default();
                let answers = if session.greeted { session.pending.pop_front().unwrap_or_default() } else { "GREETING".to_string() };
                session.greeted = true;
                let mut reply = strip_queue_id(&complete(text, &logs));
                // INTENDED "exim" Replies: an Exim server's words (`250 Accepted`,
                // `354 Enter message…`) are its own; the model words every
                // server's replies as Postfix 3.7 does: compared by their code.
                if exim == Some(server) {
                    reply = format!("{} (Exim's words)", &reply[..3]);
                }
                let refused = reply.starts_with(['4', '5']);
                // INTENDED "*" Replies: the model sends one command at a time and
                // ends a failed session at once, so the answers Postfix gets to
                // its pipelined DATA when no recipient was accepted, to RSET,
                // and, after a failure, to QUIT, are not compared. A refused
                // RCPT TO is that recipient's alone: the session goes on.
                let compared = match answers.as_str() {
                    "RSET" => false,
                    "QUIT" => !session.failed,
                    "DATA" | "BDAT" if !session.accepted => {
                        session.failed = true;
                        false
                    }
                    "DATA" if reply.starts_with("354") => {
                        session.pending.push_front("BODY".into());
                        !session.failed
                    }
                    // INTENDED "exim" Replies: Exim sends the message with BDAT
                    // (CHUNKING, RFC 3030) where the server offers it, one
                    // command and one reply; the model sends DATA, then the
                    // message: BDAT's reply is read as the model's 354 and 250.
                    "BDAT" if !session.failed => {
                        s.replies.push(format!("{server}: 354 End data with <CR><LF>.<CR><LF>"));
                        session.failed |= refused;
                        true
                    }
                    "RCPT" => {
                        session.accepted |= !refused;
                        !session.failed
                    }
                    _ => {
                        let compared = !session.failed;
                        session.failed |= refused;
                        compared
                    }
                };
                if !compared {
                    continue;
                }
                if reply.starts_with("250 2.0.0 Ok: queued as") || (exim == Some(server) && reply.starts_with("250") && text.contains(" id=")) {
                    s.holders.push((server.to_string(), t));
                }
                s.replies.push(format!("{server}: {reply}"));
            }
            _ => {}
        }
    }
    // INTENDED "exim" Attempts, Dns: Exim routes a deferred message again
    // at every queue run, asking DNS, before it finds that no host's retry
    // time has come (`retry time not reached`) and does not connect; the
    // model looks up only when it tries. Those routings are not attempts,
    // and their questions are not compared.
    if let Some(instance) = exim {
        let exim_log = logs.iter().find(|(n, _)| *n == instance).map(|(_, ls)| ls.as_slice()).unwrap_or_default();
        let routed_only = |a: &Attempt| {
            a.tried.is_empty()
                && exim_log.iter().any(|(lt, l)| l.contains("retry time not reached") && (a.start - lt).abs() <= 1.0)
        };
        let dropped: Vec<bool> = s.attempts.iter().map(routed_only).collect();
        let kept_dns = s.dns.iter().zip(&dns_attempt).filter(|(_, a)| !dropped.get(**a).copied().unwrap_or(false));
        s.dns = kept_dns.map(|(q, _)| q.clone()).collect();
        let mut i = 0;
        s.attempts.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
    }
    // An attempt without a connection (a DNS failure, a null MX): its holder
    // is the instance whose smtp client logged a result in that second.
    for a in s.attempts.iter_mut().filter(|a| a.holder.is_empty()) {
        let logged = |ls: &Vec<(f64, String)>| {
            ls.iter().any(|(lt, l)| l.contains("/smtp[") && l.contains(" status=") && (a.start - (lt + 0.5)).abs() <= 1.0)
        };
        a.holder = logs.iter().find(|(_, ls)| logged(ls)).map_or("?", |(n, _)| n).to_string();
    }
    s.stopped_at = last_timeline.1.starts_with("stop").then_some(last_timeline.0);
    s.received = read(story, "delivered.eml").map(|e| received(&e));
    s.bounces = read(story, "bounce.eml").map(|e| bounce_of(&e)).into_iter().collect();
    s
}

// ---- reading the model ----

/// "mx1" for mx1.example.com, "sender" for alice's server: the recording's names.
fn short(name: &str) -> String {
    match name.split('.').next().unwrap_or(name) {
        "mail" => "sender".to_string(),
        first => first.to_string(),
    }
}

fn modelled(sim: &Simulation, offset: f64, stopped_at: Option<f64>, exim: Option<&str>) -> Story {
    let name = |h: HostId| short(&sim.host(h).name);
    let secs = |t: Time| t.millis() as f64 / 1000.0 - offset;
    let mut s = Story::default();
    // The attempt under way per (envelope, client).
    let mut open: BTreeMap<(u32, HostId), usize> = BTreeMap::new();
    let mut started: Option<(HostId, Time)> = None;
    for ev in sim.trace().iter().take_while(|e| stopped_at.is_none_or(|stop| secs(e.at) <= stop)) {
        let t = secs(ev.at);
        match &ev.kind {
            EventKind::DnsQuery { name: q, rtype, .. } if sim.host(ev.to).kind == HostKind::Resolver => {
                s.dns.push(format!("{q} {}", rtype.as_str()))
            }
            // The recipients a holder starts at one instant share one attempt.
            EventKind::AttemptStarted { env, .. } => {
                let joins = s.attempts.len().checked_sub(1).filter(|_| started == Some((ev.from, ev.at)));
                let i = joins.unwrap_or_else(|| {
                    s.attempts.push(Attempt { holder: name(ev.from), start: t, tried: vec![] });
                    s.attempts.len() - 1
                });
                started = Some((ev.from, ev.at));
                open.insert((*env, ev.from), i);
            }
            EventKind::Connect { env, .. } => {
                let i = open[&(*env, ev.from)];
                s.attempts[i].tried.push(name(ev.to));
            }
            // (An Exim server's replies are compared by their code, as read.)
            EventKind::Reply { reply, .. } if exim == Some(name(ev.from).as_str()) => {
                s.replies.push(format!("{}: {} (Exim's words)", name(ev.from), reply.code))
            }
            EventKind::Reply { reply, .. } => s.replies.push(format!("{}: {}", name(ev.from), strip_queue_id(&reply.first_line()))),
            EventKind::Enqueued { via: Via::Smtp, .. } => s.holders.push((name(ev.to), t)),
            EventKind::Stored { .. } if ev.from != ev.to => s.holders.push((name(ev.to), t)),
            EventKind::Bounced { bounce, reason, .. } => {
                let (_, diagnostic) = bounce_of(&sim.envelope(*bounce).body);
                s.bounces.push((format!("Status: {}", reason.status()), diagnostic));
            }
            _ => {}
        }
    }
    let mx1 = sim.host_id("mx1.example.com").expect("mx1 in every story");
    let bob = sim.state().hosts[mx1 as usize].mailboxes.get("bob").and_then(|files| files.first());
    s.received = bob.filter(|f| stopped_at.is_none_or(|stop| secs(f.at) <= stop)).map(|f| received(&f.eml));
    s
}

// ---- comparing, one function per aspect ----

struct Check {
    story: &'static str,
    problems: Vec<String>,
}

impl Check {
    /// Equal, or a difference `INTENDED` names for this story; else a problem.
    fn same(&mut self, aspect: Aspect, what: &str, recorded: &str, model: &str) {
        if recorded == model {
            return;
        }
        let intended = INTENDED.iter().find(|i| {
            i.story == self.story && i.aspect == aspect && i.recorded == recorded && i.model == model
        });
        match intended {
            Some(i) => println!("  {} {aspect:?}: intended difference, recorded `{recorded}`, model `{model}`: {}", self.story, i.why),
            None => self.problems.push(format!("{} {aspect:?} {what}: recorded `{recorded}`, model `{model}`", self.story)),
        }
    }

    /// Two sequences: every run of items only one side has is a difference
    /// of its own; on any, both are printed whole.
    fn sequence(&mut self, aspect: Aspect, recorded: &[String], model: &[String]) {
        if recorded == model {
            return;
        }
        let join = |v: &[String]| if v.is_empty() { "(nothing)".to_string() } else { v.join(" | ") };
        for (at, r, m) in hunks(recorded, model) {
            self.same(aspect, &format!("at recorded item {at} of {}", recorded.len()), &join(&r), &join(&m));
        }
        println!("  {} {aspect:?}, recorded:\n      {}", self.story, recorded.join("\n      "));
        println!("  {} {aspect:?}, model:\n      {}", self.story, model.join("\n      "));
    }
}

/// A diff by longest common subsequence: (where in the recording, from 1;
/// the recorded items there; the model's items there) for every run that differs.
fn hunks(r: &[String], m: &[String]) -> Vec<(usize, Vec<String>, Vec<String>)> {
    let (n, k) = (r.len(), m.len());
    let mut lcs = vec![vec![0usize; k + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..k).rev() {
            lcs[i][j] = if r[i] == m[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out, mut run) = (0, 0, Vec::new(), None::<(usize, Vec<String>, Vec<String>)>);
    while i < n || j < k {
        if i < n && j < k && r[i] == m[j] {
            out.extend(run.take());
            (i, j) = (i + 1, j + 1);
            continue;
        }
        let h = run.get_or_insert_with(|| (i + 1, vec![], vec![]));
        if j < k && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            h.2.push(m[j].clone());
            j += 1;
        } else {
            h.1.push(r[i].clone());
            i += 1;
        }
    }
    out.extend(run);
    out
}

/// a. INTENDED "*" Dns: the recording is read without the receiving smtpd's PTR + A.
fn dns(c: &mut Check, rec: &Story, model: &Story) -> usize {
    c.sequence(Aspect::Dns, &rec.dns, &model.dns);
    rec.dns.len()
}

/// b. Per attempt: the client, and the servers it connected to in order.
fn hosts(c: &mut Check, rec: &Story, model: &Story) -> usize {
    let tried = |s: &Story| s.attempts.iter().map(|a| format!("{}: [{}]", a.holder, a.tried.join(", "))).collect::<Vec<_>>();
    c.sequence(Aspect::Hosts, &tried(rec), &tried(model));
    rec.attempts.len()
}

/// c. INTENDED "*" Replies: first lines only.
fn replies(c: &mut Check, rec: &Story, model: &Story) -> usize {
    c.sequence(Aspect::Replies, &rec.replies, &model.replies);
    rec.replies.len()
}

/// d. Per holder, the start of every attempt; INTENDED "*" RetryTimes gives the tolerance.
fn retry_times(c: &mut Check, rec: &Story, model: &Story) -> usize {
    let per_holder = |s: &Story| {
        let mut m: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        s.attempts.iter().for_each(|a| m.entry(a.holder.clone()).or_default().push(a.start));
        m
    };
    let (r, m) = (per_holder(rec), per_holder(model));
    let show = |v: &[f64]| v.iter().map(|t| format!("{t:.2}")).collect::<Vec<_>>().join(", ");
    for holder in r.keys().chain(m.keys().filter(|h| !r.contains_key(*h))) {
        let (rt, mt) = (r.get(holder).cloned().unwrap_or_default(), m.get(holder).cloned().unwrap_or_default());
        println!("  {} RetryTimes of {holder}: recorded {}; model {}", c.story, show(&rt), show(&mt));
        let close = rt.len() == mt.len() && rt.iter().zip(&mt).all(|(a, b)| (a - b).abs() <= RETRY_TOLERANCE_SECS);
        if !close {
            c.same(Aspect::RetryTimes, &format!("of {holder} (s, within {RETRY_TOLERANCE_SECS} s)"), &show(&rt), &show(&mt));
        }
    }
    rec.attempts.len()
}

/// e. Who got the message over SMTP, and when. A hand-over ends an attempt,
/// whose start aspect d compares, so it is timed from that start; INTENDED
/// "*" Holders gives the tolerance.
fn holders(c: &mut Check, rec: &Story, model: &Story) -> usize {
    let timed = |s: &Story| -> Vec<(String, f64, f64)> {
        let start = |t: f64| s.attempts.iter().map(|a| a.start).rfind(|st| *st <= t + 1e-6).unwrap_or(0.0);
        s.holders.iter().map(|(h, t)| (h.clone(), *t, t - start(*t))).collect()
    };
    let (r, m) = (timed(rec), timed(model));
    let show = |v: &[(String, f64, f64)]| {
        let v: Vec<String> = v.iter().map(|(h, t, into)| format!("{h} at {t:.2} ({into:.2} s into its attempt)")).collect();
        if v.is_empty() { "(none)".to_string() } else { v.join(", ") }
    };
    println!("  {} Holders: recorded {}; model {}", c.story, show(&r), show(&m));
    let close = r.len() == m.len() && r.iter().zip(&m).all(|(a, b)| a.0 == b.0 && (a.2 - b.2).abs() <= HOLDER_TOLERANCE_SECS);
    if !close {
        c.same(Aspect::Holders, &format!("(within {HOLDER_TOLERANCE_SECS} s)"), &show(&r), &show(&m));
    }
    rec.holders.len()
}

/// f. The delivered file's `Received:` headers, newest first.
fn received_headers(c: &mut Check, rec: &Story, model: &Story) -> usize {
    let show = |r: &Option<Vec<String>>| r.as_ref().map_or_else(|| "(nothing delivered)".to_string(), |v| v.join("; "));
    c.same(Aspect::Received, "(from -> by, newest first)", &show(&rec.received), &show(&model.received));
    rec.received.as_ref().map_or(0, Vec::len)
}

/// g. Every bounce's status and diagnostic.
fn bounces(c: &mut Check, rec: &Story, model: &Story) -> usize {
    if rec.bounces.len() != model.bounces.len() {
        let n = |s: &Story| format!("{} bounce(s)", s.bounces.len());
        c.same(Aspect::Bounce, "count", &n(rec), &n(model));
    }
    for ((rs, rd), (ms, md)) in rec.bounces.iter().zip(&model.bounces) {
        c.same(Aspect::Bounce, "status", rs, ms);
        c.same(Aspect::Bounce, "diagnostic", rd, md);
    }
    rec.bounces.len()
}

fn conform(story: &'static str) {
    let text = read(story, "scenario.json").unwrap_or_else(|| panic!("{story}/scenario.json is missing"));
    let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{story}/scenario.json: {e:?}"));
    let offset = scenario.messages.first().map_or(0.0, |m| m.at);
    let mut sim = Simulation::new(scenario.validate(Limits::OUTSIDE).expect("a valid scenario"));
    sim.run();

    let rec = recorded(story);
    let model = modelled(&sim, offset, rec.stopped_at, exim_instance(story));
    let mut c = Check { story, problems: Vec::new() };
    let n_dns = dns(&mut c, &rec, &model);
    let n_attempts = hosts(&mut c, &rec, &model);
    let n_replies = replies(&mut c, &rec, &model);
    let n_retries = retry_times(&mut c, &rec, &model);
    let n_holders = holders(&mut c, &rec, &model);
    let n_received = received_headers(&mut c, &rec, &model);
    let n_bounces = bounces(&mut c, &rec, &model);
    let verdict = if c.problems.is_empty() { "all agree".to_string() } else { format!("{} disagreement(s)", c.problems.len()) };
    println!(
        "conformance {story}: {n_dns} DNS questions, {n_attempts} attempts, {n_replies} replies, {n_retries} retry times, \
         {n_holders} holders, {n_received} Received headers, {n_bounces} bounces: {verdict}"
    );
    for p in &c.problems {
        println!("  DISAGREES: {p}");
    }
    assert!(c.problems.is_empty(), "the model disagrees with the recording:\n{}", c.problems.join("\n"));
}

macro_rules! stories {
    ($($test:ident: $story:literal),*) => { $(#[test] fn $test() { conform($story) })* };
}
stories!(seed: "seed", rcpt_4xx: "rcpt-4xx", rcpt_5xx: "rcpt-5xx", greylisting: "greylisting", null_mx: "null-mx",
    nxdomain_servfail: "nxdomain-servfail", queue_gives_up: "queue-gives-up", greeting_421: "greeting-421",
    greeting_554: "greeting-554", greeting_554_noskip: "greeting-554-noskip", content_rejected: "content-rejected", data_554: "data-554", too_many_hops: "too-many-hops",
    several_recipients: "several-recipients", exim_sender_seed: "exim-sender-seed", exim_sender_rcpt_4xx: "exim-sender-rcpt-4xx",
    exim_sender_rcpt_5xx: "exim-sender-rcpt-5xx", exim_sender_queue_gives_up: "exim-sender-queue-gives-up",
    exim_backup_seed: "exim-backup-seed", exim_backup_queue_gives_up: "exim-backup-queue-gives-up");

/// The reading of the recording itself, on lines of the fixtures' own shapes.
#[test]
fn the_recording_is_read_as_written() {
    assert_eq!(strip_queue_id("250 2.0.0 Ok: queued as 6F3B599A253"), "250 2.0.0 Ok: queued as");
    let eml = "Received: from mx2.example.com (mx2.example.com [127.0.0.13])\n\tby mx1.example.com (Postfix) with ESMTP id 9\n\
               Received: by mail.alice.example (Postfix, from userid 0)\n\tid 6; Mon\nFrom: a\n\nbody\nReceived: no\n";
    assert_eq!(received(eml), ["mx2.example.com -> mx1.example.com", "local submission -> mail.alice.example"]);
    let dsn = "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <b@x>: Recipient address rejected:\n    User unknown\n\nx";
    let (status, diagnostic) = bounce_of(dsn);
    assert_eq!((status.as_str(), diagnostic.as_str()), ("Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 <b@x>: Recipient address rejected: User unknown"));
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(hunks(&s(&["a", "b", "c", "d"]), &s(&["a", "c", "e"])), [(2, s(&["b"]), s(&[])), (4, s(&["d"]), s(&["e"]))]);
    assert_eq!(short("mail.alice.example"), "sender");
    assert_eq!(short("mx2.example.com"), "mx2");
}
