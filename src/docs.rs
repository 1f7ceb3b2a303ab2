//! The text of docs/scenario.md, generated from the presets so that every
//! example in it is a scenario the model really runs. `tests/docs.rs` fails
//! when the file differs; `cargo run --example write_docs` rewrites it.

use crate::presets::PRESETS;
use std::fmt::Write;

const INTRO: &str = r#"# The scenario format

A scenario is everything a run of mxviz starts from, as JSON: the DNS zones,
the mail servers, the messages alice sends, and a timeline of faults and
changes. The same scenario (with the same `seed`) always gives the same run,
event for event. Load one with **Scenario file → Load** (a file, a drop or a
paste), download the current one from the same dialog, or put it in a link
(`#s=` followed by the JSON in URL-safe base64; the **Share** button does it).

Invalid input is refused with the field and the rule it breaks, for example
`zones[1].records[0].preference: preference 70000 is outside 0 to 65535 (RFC
5321 5.1: an MX preference is a 16-bit number, 0 to 65535)`; nothing of it is
applied. A field this version does not know (a newer version's) is left out,
and the page names it; a byte-order mark and white space around the JSON are
fine.

## Fields

| field | meaning |
| --- | --- |
| `title`, `explanation` | shown above the stage (optional) |
| `seed` | seeds the one random choice: the order of MX records of equal preference |
| `sender` | host name of alice's mail server (one of `servers`) |
| `zones[]` | DNS zones as their authoritative servers hold them |
| `zones[].origin` | the zone's domain, e.g. `example.com` |
| `zones[].status` | `ok`, `nxdomain` (the domain does not exist), `servfail` (its DNS fails) or `timeout` (its DNS does not answer at all) |
| `zones[].soa` | `{ "ttl": 3600, "minimum": 300 }`: negative answers are cached for the smaller (RFC 2308) |
| `zones[].records[]` | `{ "type": "MX", "name", "ttl", "preference", "host" }`, `{ "type": "A", "name", "ttl", "address" }`, `AAAA`, or `{ "type": "CNAME", "name", "ttl", "target" }`; `"host": "."` with preference 0 is the null MX |
| `servers[]` | mail servers: `host`, `address` (where the A record points), `resolver` |
| `servers[].mailboxes_for`, `mailboxes` | domains it delivers into folders, and the users that exist (postmaster always does) |
| `servers[].busy_mailboxes` | users whose mailbox is busy: RCPT TO for them answers 450 4.2.0 while the others are taken |
| `servers[].relay_for`, `relay_recipients` | domains it backs up; without `relay_recipients` it accepts anybody (backscatter) |
| `servers[].down`, `fault` | down at the start (silent: clients time out); `normal`, `refuse`, `busy` (421 greeting), `greeting_rejected` (554), `shutting_down` (421 mid-session), `sender_tempfail` (451 to MAIL), `sender_rejected` (550 to MAIL), `greylist` (450), `mailbox_busy` (450), `reject` (550), `mailbox_full` (452), `data_tempfail` (451 to DATA), `data_rejected` (554 to DATA), `no_storage` (452 after the body), `too_big` (552), `body_rejected` (554 after the body), `content_rejected` (550 5.7.1 after the body: a content filter), `drop_after_body` (the line drops before the 250) |
| `servers[].retry` | this server's own retry policy (else the scenario's) |
| `servers[].next_hop` | a fixed next hop (Postfix `transport_maps`): mail for its `relay_for` domains, or all its mail if it relays for none, goes there without MX lookups |
| `servers[].sends_bounces` | `false` for a machine that reports no failures (a spammer's); default `true` |
| `servers[].skip_5xx_greeting` | `false` for a sender that takes a 5yz greeting as final and bounces at once (Postfix `smtp_skip_5xx_greeting = no`); default `true`: it defers and tries again |
| `messages[]` | `{ "at": seconds, "from", "to": [addresses], "subject", "body", "via" }`; `via` names the server it is handed to (default: `sender`) |
| `timeline[]` | `{ "at": seconds, "do": ... }` with `down`/`up` (`host`), `fault` (`host`, `mode`), `set_zone` (`zone`), `zone_status` (`origin`, `status`), `flush_cache` (`resolver`), `send` (`message`) |
| `retry` | `{ "policy": "postfix" }` (optionally `minimal_backoff_time`, `maximal_backoff_time`, `queue_run_delay`, `maximal_queue_lifetime`), `{ "policy": "exim" }` (optionally `rules` in Exim's notation, e.g. `"F,2h,15m; G,16h,1h,1.5; F,4d,6h"`, and `queue_run`, the seconds between queue runs), `"rfc_minimum"`, or `{ "policy": "custom", "first", "factor", "max", "lifetime", "by_age", "scan" }` (seconds) |
| `queue_lifetime` | overrides the policy's lifetime, in seconds |
| `hop_limit` | `Received:` headers a server accepts before it calls it a forwarding loop (default 50, Postfix `hopcount_limit`) |
| `timing` | `dns_ms`, `smtp_ms`, `connect_timeout_secs`, `greylist_delay_secs`, `servfail_cache_secs`, `dns_timeout_secs`, `dns_tries` |

Limits for scenarios from outside: 32 zones, 256 records a zone, 16 servers,
200 messages, 500 timeline entries, and at most 200,000 events in a run.

## One example per preset

Each block below is the complete scenario of a built-in story, exactly as the
app runs it (open it with `#preset=ID`).
"#;

/// The whole of docs/scenario.md.
pub fn scenario_md() -> String {
    let mut out = INTRO.to_string();
    for p in PRESETS {
        let json = serde_json::to_string_pretty(&p.scenario()).expect("a scenario serialises");
        let _ = write!(out, "\n### {} (`{}`)\n\n{}\n\n```json\n{}\n```\n", p.title, p.id, p.explanation, json);
    }
    out
}
