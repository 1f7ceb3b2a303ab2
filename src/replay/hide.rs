//! "Hide addresses": a pasted log with every name a reader may not want to
//! share replaced, consistently, before it is replayed or put in a link:
//! mailboxes (`bob@corp.example` → `user1@domain1.example`), domains and
//! host names (`mx1.corp.example` → `host1.domain1.example`), IP addresses
//! (→ the documentation range 192.0.2.0/24, then 198.51.100.0/24), and each
//! line's syslog host (`mail` → `machine1`). Only what the log's lines are
//! read to contain is replaced, so Postfix's own words stay; and only the
//! lines the replay reads are kept, so a name in a skipped line (a warning,
//! another program) never leaks.

use super::parse::{parse_line, Event, Relay};
use litemap::LiteMap;

/// The log with its names replaced; the same name always becomes the same
/// stand-in, so the replay is the same world under other names.
pub fn hide_addresses(text: &str) -> String {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    let parsed: Vec<Option<super::Line>> = lines.iter().map(|(i, l)| parse_line(i + 1, l).ok()).collect();
    let mut names = Names::default();
    for line in parsed.iter().flatten() {
        names.machine(&line.host);
        for e in line.events() {
            match e {
                Event::Submitted { from } | Event::Active { from, .. } | Event::Expired { from } => names.mailbox(&from),
                Event::Delivery { to, relay, .. } => {
                    names.mailbox(&to);
                    if let Relay::Host { host, addr } = relay {
                        names.host(&host);
                        names.ip(addr);
                    }
                }
                Event::Client { host, addr } | Event::ConnectFailed { host, addr, .. } | Event::HostSaid { host, addr, .. } => {
                    names.host(&host);
                    names.ip(addr);
                }
                Event::Rejected { client, addr, to, .. } => {
                    names.host(&client);
                    names.ip(addr);
                    names.mailbox(&to);
                }
                Event::MessageId(id) => {
                    if let Some((_, domain)) = id.rsplit_once('@') {
                        names.host(domain);
                    }
                }
                Event::Started | Event::BounceNotice { .. } | Event::Removed => {}
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for ((_, raw), line) in lines.iter().zip(&parsed) {
        if line.is_none() {
            continue;
        }
        let mut l = names.replace(raw);
        // The syslog host is one word: replaced where it stands, after the
        // time (in every line of that shape, read or skipped).
        let host = line.as_ref().map(|p| p.host.clone()).or_else(|| {
            names.machines.keys().find(|m| l.find(&format!(" {m} ")).is_some_and(|at| at < 40)).cloned()
        });
        if let Some(host) = host
            && let Some(stand_in) = names.machines.get(&host)
            && let Some(at) = l.find(&format!(" {host} ")).filter(|at| *at < 40)
        {
            l.replace_range(at + 1..at + 1 + host.len(), stand_in);
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[derive(Default)]
struct Names {
    /// Longer names first when replacing, so `mx1.corp.example` goes before `corp.example`.
    map: LiteMap<String, String>,
    domains: LiteMap<String, String>,
    machines: LiteMap<String, String>,
    users: usize,
    hosts: usize,
    ips: usize,
}

impl Names {
    fn machine(&mut self, syslog: &str) {
        let n = self.machines.len() + 1;
        self.machines.entry(syslog.to_string()).or_insert_with(|| format!("machine{n}"));
    }

    fn domain(&mut self, domain: &str) -> String {
        let d = domain.to_ascii_lowercase();
        let n = self.domains.len() + 1;
        let stand_in = self.domains.entry(d.clone()).or_insert_with(|| format!("domain{n}.example")).clone();
        self.map.insert(d, stand_in.clone());
        stand_in
    }

    fn mailbox(&mut self, address: &str) {
        let Some((local, domain)) = address.rsplit_once('@') else { return };
        if self.map.contains_key(address) || local.is_empty() {
            return;
        }
        let d = self.domain(domain);
        self.users += 1;
        self.map.insert(address.to_string(), format!("user{}@{d}", self.users));
    }

    /// A host name keeps its place under its domain (its last two labels).
    fn host(&mut self, host: &str) {
        let h = host.trim_end_matches('.').to_ascii_lowercase();
        if h.is_empty() || h == "none" || self.map.contains_key(&h) || h.parse::<std::net::IpAddr>().is_ok() {
            return;
        }
        let labels: Vec<&str> = h.split('.').collect();
        if labels.len() <= 2 {
            self.domain(&h);
            return;
        }
        let d = self.domain(&labels[labels.len() - 2..].join("."));
        self.hosts += 1;
        self.map.insert(h, format!("host{}.{d}", self.hosts));
    }

    fn ip(&mut self, addr: Option<std::net::IpAddr>) {
        let Some(a) = addr else { return };
        let key = a.to_string();
        if self.map.contains_key(&key) {
            return;
        }
        self.ips += 1;
        let stand_in = if self.ips < 255 { format!("192.0.2.{}", self.ips) } else { format!("198.51.100.{}", self.ips % 254 + 1) };
        self.map.insert(key, stand_in);
    }

    /// Every known name in `line`, longest first, at word boundaries.
    fn replace(&self, line: &str) -> String {
        let mut keys: Vec<&String> = self.map.keys().collect();
        crate::model::sort::sort_by_rank(&mut keys, |k| u128::MAX - k.len() as u128);
        let mut out = line.to_string();
        for k in keys {
            out = replace_word(&out, k, &self.map[k]);
        }
        out
    }
}

/// Replaces `from` where it is not part of a longer name (no letter, digit,
/// dot or hyphen on either side), in any case.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = lower[i..].find(from) {
        let at = i + found;
        let end = at + from.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        // A trailing dot ends a sentence, not a name; in a path (a URL's
        // `/help/example.com.html`) the name is hidden too.
        let in_path = before == Some('/') && after == Some('.');
        let after_is_part = part(after) && !in_path && !(after == Some('.') && !part(text[end + 1..].chars().next()));
        out.push_str(&text[i..at]);
        if part(before) || after_is_part {
            out.push_str(&text[at..end]);
        } else {
            out.push_str(to);
        }
        i = end;
    }
    out.push_str(&text[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_consistently_and_postfix_words_stay() {
        let log = "Nov 30 04:14:23 mail postfix/smtp[1]: 605EF99A1F8: to=<bob@corp.example>, relay=mx2.corp.example[10.1.2.3]:25, delay=0.07, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 6F3B599A253)\n\
                   Nov 30 04:14:50 mx2 postfix/smtp[2]: 6F3B599A253: to=<bob@corp.example>, relay=none, delay=27, dsn=4.4.1, status=deferred (connect to mx1.corp.example[10.1.2.4]:25: Connection refused)\n\
                   Nov 30 04:14:51 mail postfix/postfix-script[3]: the Postfix mail system is running\n";
        let hidden = hide_addresses(log);
        for secret in ["bob@", "corp.example", "10.1.2", ":51 mail ", ":23 mail ", " mx2 "] {
            assert!(!hidden.contains(secret), "{secret} left in:\n{hidden}");
        }
        assert!(hidden.contains("to=<user1@domain1.example>, relay=host1.domain1.example[192.0.2.1]:25"), "{hidden}");
        assert!(hidden.contains("connect to host2.domain1.example[192.0.2.2]:25: Connection refused"), "{hidden}");
        assert!(!hidden.contains("is running"), "a skipped line is left out: {hidden}");
        assert_eq!(hide_addresses(&hidden), hidden.replace("machine", "machine"), "idempotent enough: names already hidden stay hidden");
    }
}
