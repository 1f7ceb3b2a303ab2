//! Postfix's log lines, read into what they say about a delivery. A line is
//! `<time> <host> <program>[<pid>]: <queue id>: <fields>` with the time in
//! syslog's form (`Dec  6 21:51:33`) or RFC 3339's (`2026-12-06T21:51:33.1+00:00`).
//! Every other line, and every Postfix line that says nothing about a
//! delivery, is kept as skipped, with why: a log is pasted whole.

use std::net::IpAddr;

/// What one Postfix line says.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `starting the Postfix mail system`: the machine's Postfix (re)starts.
    Started,
    /// `pickup`: a local submission (`uid=0 from=<alice@alice.example>`).
    Submitted { from: String },
    /// `smtpd`: the client that handed it over (`client=mx2.example.com[127.0.0.13]`).
    Client { host: String, addr: Option<IpAddr> },
    MessageId(String),
    /// `qmgr`: the message enters the active queue for a try.
    Active { from: String, recipients: u32 },
    /// `to=<…>, relay=…, dsn=…, status=…`: one recipient's outcome of a try.
    Delivery { to: String, relay: Relay, dsn: String, status: Status, text: String },
    /// `qmgr`: `from=<…>, status=expired, returned to sender`: the queue
    /// lifetime ran out for every recipient left.
    Expired { from: String },
    /// `connect to mx1.example.com[127.0.0.12]:25: Connection refused` (or timed out).
    ConnectFailed { host: String, addr: Option<IpAddr>, timed_out: bool },
    /// `host mx1.example.com[…] said: 450 … (in reply to RCPT TO command)`, or
    /// at the greeting `refused to talk to me: 554 …` (`command` None).
    HostSaid { host: String, addr: Option<IpAddr>, reply: String, command: Option<String> },
    /// `smtpd`: `NOQUEUE: reject: RCPT from mail.alice.example[…]: 450 …;
    /// from=<…> to=<…>`: this server refused a command of a client.
    Rejected { client: String, addr: Option<IpAddr>, command: String, reply: String, to: String },
    /// `sender non-delivery notification: <queue id of the bounce>`.
    BounceNotice { bounce: String },
    Removed,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Relay {
    /// `relay=mx2.example.com[127.0.0.13]:25`
    Host { host: String, addr: Option<IpAddr> },
    /// `relay=virtual`, `local`: written into a mailbox here.
    Mailbox,
    /// `relay=none`: no host took the connection.
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Sent,
    Deferred,
    Bounced,
    /// The queue lifetime ran out (`status=expired, returned to sender`).
    Expired,
}

/// One Postfix line about a delivery.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Its number in the text, from 1.
    pub number: usize,
    /// Seconds on the log's own clock (from the start of its year).
    pub secs: f64,
    /// The syslog host field: which machine wrote it.
    pub host: String,
    /// `postfix-mx2/qmgr` → `qmgr`; `postfix/relay/smtp` → `smtp`.
    pub service: String,
    pub queue_id: Option<String>,
    pub event: Event,
}

/// Why a line was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// No time, host and program in front.
    NotALogLine,
    /// A log line of another program.
    NotPostfix,
    /// Postfix, but nothing about a delivery (start, warnings, connects…).
    NoDelivery,
    /// A line of Exim's own log (its `mainlog`), which the replay does not read.
    Exim,
}

pub fn parse_line(number: usize, text: &str) -> Result<Line, Skip> {
    if is_exim(text) {
        return Err(Skip::Exim);
    }
    let (secs, rest) = time(text).ok_or(Skip::NotALogLine)?;
    let mut words = rest.splitn(3, ' ');
    let (host, program, body) = (words.next().ok_or(Skip::NotALogLine)?, words.next().ok_or(Skip::NotALogLine)?, words.next().unwrap_or(""));
    let program = program.strip_suffix(':').ok_or(Skip::NotALogLine)?;
    let program = program.split('[').next().unwrap_or(program);
    if !program.starts_with("postfix") {
        return Err(Skip::NotPostfix);
    }
    let service = program.rsplit('/').next().unwrap_or(program).to_string();
    let (queue_id, fields) = match body.split_once(": ") {
        Some(("NOQUEUE", fields)) => (None, fields),
        Some((id, fields)) if is_queue_id(id) => (Some(id.to_string()), fields),
        _ => (None, body),
    };
    let event = event(&service, fields).ok_or(Skip::NoDelivery)?;
    Ok(Line { number, secs, host: host.to_string(), service, queue_id, event })
}

fn is_queue_id(s: &str) -> bool {
    (6..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit() || b.is_ascii_alphanumeric())
}

/// The value of `name=` up to the next `, ` (or the end).
fn field<'a>(fields: &'a str, name: &str) -> Option<&'a str> {
    let start = fields.find(&format!("{name}="))? + name.len() + 1;
    let value = &fields[start..];
    Some(value.split(", ").next().unwrap_or(value))
}

fn angle(v: &str) -> String {
    v.trim_start_matches('<').trim_end_matches('>').to_string()
}

/// `mx1.example.com[127.0.0.12]:25` → the name and the address.
fn host_addr(v: &str) -> (String, Option<IpAddr>) {
    match v.split_once('[') {
        Some((host, rest)) => (host.to_string(), rest.split(']').next().and_then(|a| a.parse().ok())),
        None => (v.to_string(), None),
    }
}

fn event(service: &str, f: &str) -> Option<Event> {
    if f == "starting the Postfix mail system" {
        return Some(Event::Started);
    }
    if let Some(rest) = f.strip_prefix("reject: ") {
        let (command, rest) = rest.split_once(" from ")?;
        let (client, rest) = rest.split_once(": ")?;
        let (host, addr) = host_addr(client);
        let (reply, _) = rest.split_once("; from=<").unwrap_or((rest, ""));
        let to = rest.split_once(" to=<").map(|(_, t)| t.split('>').next().unwrap_or("").to_string()).unwrap_or_default();
        return Some(Event::Rejected { client: host, addr, command: command.to_string(), reply: reply.to_string(), to });
    }
    if let Some(rest) = f.strip_prefix("connect to ") {
        let (target, why) = rest.split_once(": ")?;
        let (host, addr) = host_addr(target);
        return Some(Event::ConnectFailed { host, addr, timed_out: why.contains("timed out") });
    }
    if let Some(rest) = f.strip_prefix("host ") {
        let (target, said) = rest.split_once(' ')?;
        let (host, addr) = host_addr(target);
        let (reply, command) = if let Some(r) = said.strip_prefix("said: ") {
            match r.rsplit_once(" (in reply to ") {
                Some((reply, cmd)) => (reply.to_string(), Some(cmd.trim_end_matches(" command)").to_string())),
                None => (r.to_string(), None),
            }
        } else {
            (said.strip_prefix("refused to talk to me: ")?.to_string(), None)
        };
        return Some(Event::HostSaid { host, addr, reply, command });
    }
    if let Some(id) = f.strip_prefix("sender non-delivery notification: ") {
        return Some(Event::BounceNotice { bounce: id.trim().to_string() });
    }
    if f == "removed" {
        return Some(Event::Removed);
    }
    if let Some(id) = f.strip_prefix("message-id=") {
        return Some(Event::MessageId(angle(id.trim())));
    }
    if let Some(client) = f.strip_prefix("client=") {
        let (host, addr) = host_addr(client.split(", ").next().unwrap_or(client));
        return Some(Event::Client { host, addr });
    }
    if service == "pickup" {
        return Some(Event::Submitted { from: angle(field(f, "from")?) });
    }
    if let Some(to) = field(f, "to") {
        let relay = match field(f, "relay")? {
            "none" => Relay::None,
            "virtual" | "local" => Relay::Mailbox,
            r => {
                let (host, addr) = host_addr(r);
                Relay::Host { host, addr }
            }
        };
        let status_text = f.split_once("status=")?.1;
        let (word, text) = status_text.split_once(' ').unwrap_or((status_text, ""));
        let status = match word.trim_end_matches(',') {
            "sent" => Status::Sent,
            "deferred" => Status::Deferred,
            "bounced" => Status::Bounced,
            "expired" => Status::Expired,
            _ => return None,
        };
        // The reason, without the one pair of brackets around it.
        let text = text.trim();
        let text = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(text).to_string();
        return Some(Event::Delivery { to: angle(to), relay, dsn: field(f, "dsn").unwrap_or("").to_string(), status, text });
    }
    if let (Some(from), Some("expired")) = (field(f, "from"), field(f, "status")) {
        return Some(Event::Expired { from: angle(from) });
    }
    if let (Some(from), Some(n)) = (field(f, "from"), field(f, "nrcpt")) {
        let recipients = n.split(' ').next()?.parse().ok()?;
        return Some(Event::Active { from: angle(from), recipients });
    }
    None
}

impl Line {
    /// What the line says, and what a status line's reason quotes in turn
    /// (`status=deferred (connect to mx1…: Connection refused)`, `… (host
    /// mx1… said: 450 …)`): the same observation, logged once either way.
    pub fn events(&self) -> Vec<Event> {
        let mut out = vec![self.event.clone()];
        if let Event::Delivery { text, .. } = &self.event
            && let Some(e) = event("smtp", text).filter(|e| matches!(e, Event::ConnectFailed { .. } | Event::HostSaid { .. }))
        {
            out.push(e);
        }
        out
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn clock(hms: &str) -> Option<f64> {
    let p: Vec<&str> = hms.split(':').collect();
    let [h, m, s] = p.as_slice() else { return None };
    let (h, m, s): (f64, f64, f64) = (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?);
    (h < 24.0 && m < 60.0 && s < 61.0).then_some(h * 3600.0 + m * 60.0 + s)
}

/// The line's time and the rest. A syslog time has no year: the log's
/// own year is assumed (2001, not a leap year); only differences matter.
fn time(text: &str) -> Option<(f64, &str)> {
    let text = text.trim_start();
    // RFC 3339: 2026-12-06T21:51:33.123456+00:00
    if text.len() > 19 && text.as_bytes()[4] == b'-' && text.as_bytes()[10] == b'T' {
        let (stamp, rest) = text.split_once(' ')?;
        if stamp.len() < 11 || !stamp.is_char_boundary(10) {
            return None;
        }
        let (date, time) = stamp.split_at(10);
        let d: Vec<i64> = date.split('-').filter_map(|x| x.parse().ok()).collect();
        let [y, mo, da] = d.as_slice() else { return None };
        let time = &time[1..];
        let cut = time.find(['+', '-', 'Z']).unwrap_or(time.len());
        let offset = match &time[cut..] {
            "" | "Z" => 0.0,
            z => {
                let sign = if z.starts_with('-') { -1.0 } else { 1.0 };
                sign * clock(&format!("{}:00", &z[1..]))?
            }
        };
        let secs = days_from_civil(*y, *mo, *da) as f64 * 86_400.0 + clock(&time[..cut])? - offset;
        return Some((secs, rest));
    }
    // syslog: Dec  6 21:51:33
    let month = MONTHS.iter().position(|m| text.starts_with(m))? as i64 + 1;
    let rest = text[3..].trim_start();
    let (day, rest) = rest.split_once(' ')?;
    let (hms, rest) = rest.trim_start().split_once(' ')?;
    let secs = days_from_civil(2001, month, day.parse().ok()?) as f64 * 86_400.0 + clock(hms)?;
    Some((secs, rest))
}

/// Exim's mainlog: `2026-12-06 22:01:18.086 [14812] 1xaKII-0003qu-0G <= …`,
/// a date and time, maybe a process id, then a message id, or words of the
/// daemon (`exim 4.96 daemon started`, `Start queue run`).
fn is_exim(line: &str) -> bool {
    let b = line.as_bytes();
    let dated = b.len() > 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b' ' && b[13] == b':' && b[16] == b':';
    if !dated {
        return false;
    }
    let rest = line.get(19..).unwrap_or("").trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start();
    let rest = match rest.strip_prefix('[') {
        Some(r) => r.split_once("] ").map_or("", |(_, r)| r),
        None => rest,
    };
    let id = rest.split(' ').next().unwrap_or("");
    let is_id = id.len() == 16 && id.split('-').map(str::len).eq([6, 6, 2]) && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    is_id || rest.starts_with("exim ") || rest.starts_with("Start queue run") || rest.starts_with("End queue run")
}

/// A line's time of day as its log wrote it (`21:51:33`), for the page:
/// the first `hh:mm:ss` near its start, or nothing.
pub fn stamp(line: &str) -> &str {
    let head = &line.as_bytes()[..line.len().min(40)];
    let is_clock = |w: &[u8]| {
        w.iter().enumerate().all(|(i, b)| if i % 3 == 2 { *b == b':' } else { b.is_ascii_digit() })
    };
    head.windows(8).position(is_clock).map_or("", |i| &line[i..i + 8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exims_own_lines_are_told_apart() {
        for l in [
            "2026-12-06 22:01:18.086 [14812] 1xaKII-0003qu-0G <= alice@alice.example U=root P=local S=409",
            "2026-12-06 22:01:18 1xaKII-0003qu-0G => bob@example.com R=dnslookup T=remote_smtp",
            "2026-12-06 22:01:14.440 [14178] exim 4.96 daemon started: pid=14178, -q10s",
            "2026-12-06 22:01:24.683 [15617] Start queue run: pid=15617",
        ] {
            assert_eq!(parse_line(1, l).unwrap_err(), Skip::Exim, "{l}");
        }
        assert_ne!(parse_line(1, "2026-12-06T21:51:33.5+00:00 mail postfix/pickup[1]: 9E64F9D4514: uid=0 from=<a@b.example>"), Err(Skip::Exim));
        assert!(!is_exim("é"));
    }

    #[test]
    fn a_stamp_is_the_time_of_day_as_written() {
        assert_eq!(stamp("Dec  6 21:51:33 mail postfix/smtp[1]: x"), "21:51:33");
        assert_eq!(stamp("2026-12-06T21:51:33.5+01:00 mail postfix/smtp[1]: x"), "21:51:33");
        assert_eq!(stamp("no time here"), "");
        assert_eq!(stamp("é12:00:00"), "12:00:00");
    }

    #[test]
    fn postfix_lines_read_as_what_they_say() {
        let l = parse_line(1, "Nov 30 04:16:20 mx2 postfix/relay/smtp[23219]: 6F3B599A253: to=<bob@example.com>, relay=mx1.example.com[127.0.0.12]:25, delay=117, delays=117/0/0.01/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9669099A061)").unwrap();
        assert_eq!((l.host.as_str(), l.service.as_str(), l.queue_id.as_deref()), ("mx2", "smtp", Some("6F3B599A253")));
        assert_eq!(
            l.event,
            Event::Delivery {
                to: "bob@example.com".into(),
                relay: Relay::Host { host: "mx1.example.com".into(), addr: "127.0.0.12".parse().ok() },
                dsn: "2.0.0".into(),
                status: Status::Sent,
                text: "250 2.0.0 Ok: queued as 9669099A061".into()
            }
        );
        let l = parse_line(2, "2026-12-06T21:51:33.500+01:00 mail postfix/smtp[1]: connect to mx1.example.com[127.0.0.12]:25: Connection timed out").unwrap();
        assert_eq!(l.event, Event::ConnectFailed { host: "mx1.example.com".into(), addr: "127.0.0.12".parse().ok(), timed_out: true });
        assert_eq!(l.secs, days_from_civil(2026, 12, 6) as f64 * 86_400.0 + 20.0 * 3600.0 + 51.0 * 60.0 + 33.5);
        let l = parse_line(3, "Dec 06 21:51:44 mail postfix-sender/smtp[20481]: 085A59D4706: host mx1.example.com[127.0.0.12] said: 450 4.2.0 <dave@example.com>: Recipient address rejected: Mailbox busy, try again later (in reply to RCPT TO command)").unwrap();
        assert!(matches!(l.event, Event::HostSaid { ref reply, command: Some(ref c), .. } if reply.starts_with("450 4.2.0") && c == "RCPT TO"));
        assert_eq!(parse_line(4, "Dec 06 21:51:44 mail sshd[1]: Accepted key"), Err(Skip::NotPostfix));
        assert_eq!(parse_line(5, "hello"), Err(Skip::NotALogLine));
        assert_eq!(parse_line(6, "Nov 30 04:16:22 mx1 postfix-mx1/postfix-script[28736]: the Postfix mail system is running: PID: 26850"), Err(Skip::NoDelivery));
    }
}
