//! Built-in scenarios: the seed story first, then one per rule worth seeing
//! and one per misconception of rules.md section 7. Each carries the
//! outcome its explanation promises; `tests/presets.rs` checks every one.

use crate::model::dns::ZoneStatus;
use crate::model::retry::RetryPolicy;
use crate::model::scenario::{Action, MailServer, Message, Record, Scenario, Soa, TimedAction, Timing, Zone};
use crate::model::smtp::FaultMode;
use crate::model::world::Limits;
use crate::model::Simulation;

pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    /// The story's lesson in one line, said beside its outcome at the end.
    pub lesson: &'static str,
    build: fn() -> Scenario,
}

impl Preset {
    pub fn scenario(&self) -> Scenario {
        let mut s = (self.build)();
        s.title = self.title.to_string();
        s.explanation = self.explanation.to_string();
        s
    }

    /// The story run to its end.
    pub fn simulate(&self) -> Simulation {
        let world = self.scenario().validate(Limits::OUTSIDE).expect("every preset keeps the rules");
        let mut sim = Simulation::new(world);
        sim.run();
        sim
    }
}

pub const DEFAULT_PRESET: &str = "seed-story";

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

pub fn default_scenario() -> Scenario {
    PRESETS[0].scenario()
}

// ---- building blocks ----

pub const SENDER: &str = "mail.alice.example";
pub const MX1: &str = "mx1.example.com";
pub const MX2: &str = "mx2.example.com";
pub const SPAMMER: &str = "bot.spam.example";

fn mx(name: &str, preference: i64, host: &str, ttl: i64) -> Record {
    Record::MX { name: name.into(), ttl, preference, host: host.into() }
}
fn a(name: &str, address: &str, ttl: i64) -> Record {
    Record::A { name: name.into(), ttl, address: address.into() }
}
fn zone(origin: &str, records: Vec<Record>) -> Zone {
    Zone { origin: origin.into(), status: ZoneStatus::Ok, soa: Soa::default(), records }
}
/// A mail server with no role yet: no mailboxes, relays nothing, up and
/// working, the default resolver. Stories and tests add what they need.
pub fn server(host: &str, address: &str) -> MailServer {
    MailServer {
        host: host.into(),
        address: address.into(),
        resolver: crate::model::scenario::default_resolver(),
        mailboxes_for: vec![],
        mailboxes: vec![],
        busy_mailboxes: vec![],
        relay_for: vec![],
        relay_recipients: None,
        down: false,
        fault: FaultMode::Normal,
        retry: None,
        next_hop: None,
        sends_bounces: true,
        skip_5xx_greeting: true,
    }
}
fn final_server(host: &str, address: &str, domain: &str, users: &[&str]) -> MailServer {
    MailServer {
        mailboxes_for: vec![domain.into()],
        mailboxes: users.iter().map(|u| u.to_string()).collect(),
        ..server(host, address)
    }
}
fn backup(host: &str, address: &str, domain: &str, known: Option<&[&str]>) -> MailServer {
    MailServer {
        relay_for: vec![domain.into()],
        relay_recipients: known.map(|k| k.iter().map(|u| u.to_string()).collect()),
        ..server(host, address)
    }
}
fn message(at: f64, to: &str, subject: &str) -> Message {
    Message {
        at,
        from: "alice@alice.example".into(),
        to: vec![to.into()],
        subject: subject.into(),
        body: "Hi Bob,\n\nAre we still on for lunch on Friday?\n\nAlice\n".into(),
        via: None,
    }
}
fn at(secs: f64, action: Action) -> TimedAction {
    TimedAction { at: secs, action }
}
fn down(host: &str) -> Action {
    Action::Down { host: host.into() }
}
fn up(host: &str) -> Action {
    Action::Up { host: host.into() }
}

fn alice_zone() -> Zone {
    zone("alice.example", vec![mx("alice.example", 10, SENDER, 3600), a(SENDER, "192.0.2.25", 3600)])
}

fn example_com(ttl: i64) -> Zone {
    zone(
        "example.com",
        vec![
            mx("example.com", 10, MX1, ttl),
            mx("example.com", 20, MX2, ttl),
            a(MX1, "198.51.100.10", ttl),
            a(MX2, "203.0.113.20", ttl),
        ],
    )
}

fn sender_server() -> MailServer {
    final_server(SENDER, "192.0.2.25", "alice.example", &["alice"])
}

/// Alice's server, example.com with MX1 (final, bob) and MX2 (backup).
fn world(backup_knows: Option<&[&str]>) -> Scenario {
    Scenario {
        title: String::new(),
        explanation: String::new(),
        seed: 1,
        sender: SENDER.into(),
        zones: vec![alice_zone(), example_com(3600)],
        servers: vec![
            sender_server(),
            final_server(MX1, "198.51.100.10", "example.com", &["bob"]),
            backup(MX2, "203.0.113.20", "example.com", backup_knows),
        ],
        messages: vec![],
        timeline: vec![],
        retry: RetryPolicy::postfix(),
        queue_lifetime: None,
        hop_limit: crate::model::scenario::default_hop_limit(),
        timing: Timing::default(),
    }
}

// ---- the presets ----

/// Tuned so that each thing happens on its own: the cached answers (TTL 30
/// minutes) run out while MX2 waits between two tries, and MX1 comes back
/// (at 50 minutes) some minutes before MX2's next try, which it does not
/// notice before.
fn seed_story() -> Scenario {
    let mut s = world(Some(&["bob"]));
    s.zones[1] = example_com(1800);
    s.messages = vec![message(1.0, "bob@example.com", "Lunch on Friday?")];
    s.timeline = vec![at(0.0, down(MX1)), at(3000.0, up(MX1))];
    s
}

fn ttl_change() -> Scenario {
    let mut s = world(Some(&["bob"]));
    s.zones[1] = example_com(300);
    s.servers.push(final_server("mx-new.example.com", "198.51.100.99", "example.com", &["bob"]));
    let mut moved = example_com(300);
    moved.records[0] = mx("example.com", 10, "mx-new.example.com", 300);
    moved.records.push(a("mx-new.example.com", "198.51.100.99", 300));
    s.messages = vec![
        message(1.0, "bob@example.com", "Before the change"),
        message(120.0, "bob@example.com", "Right after the change"),
        message(420.0, "bob@example.com", "After the TTL ran out"),
    ];
    s.timeline = vec![at(60.0, Action::SetZone { zone: moved })];
    s
}

fn implicit_mx() -> Scenario {
    let mut s = world(None);
    s.zones.push(zone("example.net", vec![a("example.net", "198.51.100.50", 3600)]));
    s.servers.push(final_server("example.net", "198.51.100.50", "example.net", &["carol"]));
    s.messages = vec![message(1.0, "carol@example.net", "No MX, no problem")];
    s
}

fn null_mx() -> Scenario {
    let mut s = world(None);
    s.zones.push(zone("example.org", vec![mx("example.org", 0, ".", 3600)]));
    s.messages = vec![message(1.0, "info@example.org", "Hello?")];
    s
}

fn nxdomain_vs_servfail() -> Scenario {
    let mut s = world(None);
    let mut broken = zone("broken.example", vec![mx("broken.example", 10, "mx.broken.example", 3600), a("mx.broken.example", "198.51.100.77", 3600)]);
    broken.status = ZoneStatus::Servfail;
    s.zones.push(broken);
    s.servers.push(final_server("mx.broken.example", "198.51.100.77", "broken.example", &["dave"]));
    s.messages = vec![
        message(1.0, "bob@no-such-domain.example", "To a domain that does not exist"),
        message(2.0, "dave@broken.example", "To a domain whose DNS is failing"),
    ];
    s.timeline = vec![at(1200.0, Action::ZoneStatus { origin: "broken.example".into(), status: ZoneStatus::Ok })];
    s
}

fn equal_preferences() -> Scenario {
    let mut s = world(None);
    s.zones[1] = zone(
        "example.com",
        vec![
            mx("example.com", 10, "mxa.example.com", 0),
            mx("example.com", 10, "mxb.example.com", 0),
            a("mxa.example.com", "198.51.100.11", 3600),
            a("mxb.example.com", "198.51.100.12", 3600),
        ],
    );
    s.servers = vec![
        sender_server(),
        final_server("mxa.example.com", "198.51.100.11", "example.com", &["bob"]),
        final_server("mxb.example.com", "198.51.100.12", "example.com", &["bob"]),
    ];
    s.seed = 3;
    s.messages = (0..6).map(|i| message(1.0 + 30.0 * f64::from(i), "bob@example.com", "Load sharing")).collect();
    s
}

fn greylisting() -> Scenario {
    let mut s = world(None);
    s.zones[1] = zone("example.com", vec![mx("example.com", 10, MX1, 3600), a(MX1, "198.51.100.10", 3600)]);
    s.servers.truncate(2);
    s.servers[1].fault = FaultMode::Greylist;
    s.messages = vec![message(1.0, "bob@example.com", "First contact")];
    s
}

fn all_down_bounce() -> Scenario {
    let mut s = world(Some(&["bob"]));
    s.servers[1].down = true;
    s.servers[2].down = true;
    s.messages = vec![message(1.0, "bob@example.com", "Anyone there?")];
    s
}

fn backscatter() -> Scenario {
    let mut s = world(None);
    s.messages = vec![Message {
        via: None,
        at: 1.0,
        from: "alice@alice.example".into(),
        to: vec!["nobody@example.com".into()],
        subject: "To a user who does not exist".into(),
        body: "This address does not exist at example.com.\n".into(),
    }];
    s.timeline = vec![at(0.0, down(MX1)), at(1800.0, up(MX1))];
    s
}

fn mx_holds_names() -> Scenario {
    let mut s = world(Some(&["bob"]));
    s.messages = vec![message(1.0, "bob@example.com", "Names, then addresses")];
    s
}

fn lower_is_first() -> Scenario {
    let mut s = world(Some(&["bob"]));
    // Listed with the higher number first: order in the zone means nothing.
    s.zones[1].records.swap(0, 1);
    s.messages = vec![message(1.0, "bob@example.com", "Which one first?")];
    s
}

fn no_mx_still_mail() -> Scenario {
    implicit_mx()
}

fn backup_forwards() -> Scenario {
    let mut s = world(Some(&["bob"]));
    s.messages = vec![message(1.0, "bob@example.com", "Via the backup")];
    s.timeline = vec![at(0.0, down(MX1)), at(2.0 * 3600.0, up(MX1))];
    s
}

/// A spammer's machine (its own resolver, no bounces) that sends straight
/// to MX2, as spammers do to skip the primary's filters, forging alice as
/// the sender, to a user who does not exist.
fn spam_to_backup(knows: Option<&[&str]>) -> Scenario {
    let mut s = world(knows);
    let mut bot = server(SPAMMER, "192.0.2.66");
    bot.resolver = "resolver.spam.example".into();
    bot.next_hop = Some(MX2.into());
    bot.sends_bounces = false;
    s.servers.push(bot);
    s.messages = vec![Message {
        via: Some(SPAMMER.into()),
        to: vec!["nobody@example.com".into()],
        subject: "You have won".into(),
        body: "Click here.\n".into(),
        ..message(1.0, "nobody@example.com", "")
    }];
    s
}
fn spam_to_open_backup() -> Scenario {
    spam_to_backup(None)
}
fn spam_to_strict_backup() -> Scenario {
    spam_to_backup(Some(&["bob"]))
}

/// MX2's address is published a second time, under another name, at a
/// better preference than MX2's own record (rules.md 2.8).
fn backup_known_by_address() -> Scenario {
    let mut s = world(None);
    s.zones[1].records.push(mx("example.com", 15, "relay.example.com", 1800));
    s.zones[1].records.push(a("relay.example.com", "203.0.113.20", 1800));
    s.messages = vec![message(1.0, "bob@example.com", "Via the backup, twice named")];
    s.timeline = vec![at(0.0, down(MX1)), at(1200.0, up(MX1))];
    s
}

/// Two relays whose fixed next hops point at each other (Postfix
/// `transport_maps`): the message goes round until the hop limit.
fn forwarding_loop() -> Scenario {
    let mut s = world(None);
    let (r1, r2) = ("relay1.loop.example", "relay2.loop.example");
    s.zones.push(zone("loop.example", vec![mx("loop.example", 10, r1, 3600), a(r1, "198.51.100.61", 3600), a(r2, "198.51.100.62", 3600)]));
    let mut one = backup(r1, "198.51.100.61", "loop.example", None);
    one.next_hop = Some(r2.into());
    let mut two = backup(r2, "198.51.100.62", "loop.example", None);
    two.next_hop = Some(r1.into());
    s.servers.extend([one, two]);
    s.hop_limit = 10;
    s.messages = vec![message(1.0, "carol@loop.example", "Round and round")];
    s
}

/// MX1 keeps the message but the connection breaks before its 250: the
/// sender cannot know, keeps its copy and sends it again.
fn dropped_after_body() -> Scenario {
    let mut s = greylisting();
    s.servers[1].fault = FaultMode::DropAfterBody;
    s.messages = vec![message(1.0, "bob@example.com", "Did it arrive?")];
    s.timeline = vec![at(120.0, Action::Fault { host: MX1.into(), mode: FaultMode::Normal })];
    s
}

/// One message to three users of example.com: MX1 knows bob and dave, not
/// carol (rules.md 4.10).
fn several_recipients() -> Scenario {
    let mut s = world(Some(&["bob", "dave"]));
    s.servers[1].mailboxes = vec!["bob".into(), "dave".into()];
    let mut m = message(1.0, "bob@example.com", "Lunch on Friday?");
    m.to = vec!["bob@example.com".into(), "carol@example.com".into(), "dave@example.com".into()];
    m.body = "Hi all,\n\nAre we still on for lunch on Friday?\n\nAlice\n".into();
    s.messages = vec![m];
    s
}

/// The MX record names an alias (CNAME) of the real host.
fn mx_is_an_alias() -> Scenario {
    let mut s = world(None);
    s.zones[1] = zone(
        "example.com",
        vec![
            mx("example.com", 10, "mail.example.com", 3600),
            Record::CNAME { name: "mail.example.com".into(), ttl: 3600, target: MX1.into() },
            a(MX1, "198.51.100.10", 3600),
        ],
    );
    s.servers.truncate(2);
    s.messages = vec![message(1.0, "bob@example.com", "Through an alias")];
    s
}

/// The authoritative server of broken.example does not answer at all for
/// ten minutes: each lookup costs the resolver its timeouts.
fn dns_timeout() -> Scenario {
    let mut s = world(None);
    let mut broken = zone("broken.example", vec![mx("broken.example", 10, "mx.broken.example", 3600), a("mx.broken.example", "198.51.100.77", 3600)]);
    broken.status = ZoneStatus::Timeout;
    s.zones.push(broken);
    s.servers.push(final_server("mx.broken.example", "198.51.100.77", "broken.example", &["dave"]));
    s.messages = vec![message(1.0, "dave@broken.example", "To a domain whose DNS is silent")];
    s.timeline = vec![at(600.0, Action::ZoneStatus { origin: "broken.example".into(), status: ZoneStatus::Ok })];
    s
}

fn retry_is_slow() -> Scenario {
    let mut s = greylisting();
    s.servers[1].fault = FaultMode::Normal;
    s.messages = vec![message(1.0, "bob@example.com", "Patience")];
    s.timeline = vec![at(0.0, down(MX1)), at(3.0 * 3600.0, up(MX1))];
    s
}

pub static PRESETS: &[Preset] = &[
    Preset {
        id: "seed-story",
        title: "MX1 is down, MX2 keeps the message",
        explanation: "Alice writes to bob@example.com. Her server asks DNS for the MX records of example.com and gets two host names, mx1 (preference 10) and mx2 (20), then looks up the address of each. MX1 is down, so after a 30-second timeout the sender tries MX2, a backup that accepts the message into its queue. MX2 then retries MX1 on Postfix's schedule: it waits as long as the message has been queued (at least 5 minutes) and starts at the next 5-minute scan of its queue, so the tries fall at 10, 25 and 55 minutes. At 30 minutes the resolver's cached answers run out and are asked for again at the next try. MX1 is back at 50 minutes, but MX2 does not notice until its next try; then it forwards the message, and only MX1 writes it into bob's folder, with three Received: headers that show the way: alice's server, MX2, MX1.",
        lesson: "A backup MX only holds the message; it still goes to the best MX, and only that one writes the .eml.",
        build: seed_story,
    },
    Preset {
        id: "ttl-change",
        title: "A DNS change waits for the TTL",
        explanation: "example.com moves its mail to mx-new at T+1m, but the resolver cached the old MX answer for 300 seconds. The message sent at T+2m still goes to the old mx1, because the cache keeps the old answer until its TTL ends. Only the message sent at T+7m, after the entry expired, asks again and reaches mx-new. Lowering a TTL before a migration shortens this lag.",
        lesson: "The old answer was used until its TTL ran out, minutes after the change: lower the TTL before you move.",
        build: ttl_change,
    },
    Preset {
        id: "implicit-mx",
        title: "No MX record: the implicit MX",
        explanation: "example.net publishes no MX record at all, only an A record. The name exists, so the answer is empty rather than NXDOMAIN, and the sender falls back to an implicit MX of preference 0 pointing at example.net itself (RFC 5321 5.1). The message is delivered to the host at example.net's own address.",
        lesson: "No MX record is not \"no mail\": the domain's own address becomes the implicit MX.",
        build: implicit_mx,
    },
    Preset {
        id: "null-mx",
        title: "Null MX: a domain that takes no mail",
        explanation: "example.org publishes a single MX record \"0 .\", the null MX of RFC 7505: it accepts no mail. The sender does not queue or retry; it bounces at once with status 5.1.10 (RFC 7505 asks for that code; real Postfix 3.7 writes 5.1.0), and the bounce lands in alice's own mailbox.",
        lesson: "A null MX (\"0 .\") says no mail at all: the sender bounces at once, with no retries.",
        build: null_mx,
    },
    Preset {
        id: "nxdomain-vs-servfail",
        title: "NXDOMAIN bounces, SERVFAIL waits",
        explanation: "Two messages leave together. no-such-domain.example does not exist: the answer is NXDOMAIN, the sender (as Postfix does) asks for the domain's own address too, gets NXDOMAIN again from its resolver's cache, and the first message bounces at once (5.4.4, host not found). broken.example exists but its DNS fails with SERVFAIL: that is temporary, so the second message stays queued and is retried. At T+20m the DNS is fixed and the next try delivers it.",
        lesson: "NXDOMAIN means the name does not exist (bounce now); SERVFAIL means try again later.",
        build: nxdomain_vs_servfail,
    },
    Preset {
        id: "equal-preferences",
        title: "Equal preferences share the load",
        explanation: "example.com has two MX records of the same preference 10, mxa and mxb, with TTL 0 so that every message asks again. For each message the sender shuffles records of equal preference (with the scenario's seed, so the run replays), so the six messages are spread over both servers instead of always going to the first one listed.",
        lesson: "Equal preferences are tried in random order, so the load is shared.",
        build: equal_preferences,
    },
    Preset {
        id: "greylisting",
        title: "Greylisting: come back later",
        explanation: "MX1 greylists (postgrey): it answers 450 4.2.0 \"Greylisted\" to a client it has not seen with this sender and recipient before. A real mail server keeps the message and comes back; spam software often does not. Postfix's next try comes at its next queue scan after at least 5 minutes: at T+5m, a second before postgrey's 300 seconds are up (Postfix takes a message up to a second early), so it is greylisted again; the try after, at T+10m, is accepted.",
        lesson: "Greylisting refuses a first try with a 4xx; a real server comes back later and gets in.",
        build: greylisting,
    },
    Preset {
        id: "all-down-bounce",
        title: "Every MX down: five days, then a bounce",
        explanation: "MX1 and MX2 are both down and stay down. The sender keeps the message and retries on Postfix's schedule: it waits as long as the message has been queued (at least 5 minutes, at most 4000 seconds) and starts at its next queue scan, for five days (maximal_queue_lifetime). Then it gives up and sends alice a bounce (delivery status notification) from the null sender <>, with the status of the last error.",
        lesson: "With every MX down the message waits in the queue for days; only then does the sender get a bounce.",
        build: all_down_bounce,
    },
    Preset {
        id: "backscatter",
        title: "Backscatter from an open backup",
        explanation: "MX2 is a backup that does not know which users exist, so while MX1 is down it accepts mail for nobody@example.com. When MX1 returns it rejects the message with 550 5.1.1, and MX2, now responsible for it, must bounce it to the envelope sender. If that sender was forged, the bounce hits an innocent address: backscatter. A backup that knows the valid recipients rejects at RCPT time instead.",
        lesson: "A backup that accepts mail for unknown users must bounce it later, to a forged sender: backscatter.",
        build: backscatter,
    },
    Preset {
        id: "myth-mx-holds-addresses",
        title: "Myth: MX records hold IP addresses",
        explanation: "Watch the two lookups: the MX answer for example.com holds host names (mx1.example.com, mx2.example.com), never addresses. Only a second lookup, an A query for the chosen host, gives the address to connect to.",
        lesson: "An MX record names a host; its address comes from a second, A lookup.",
        build: mx_holds_names,
    },
    Preset {
        id: "myth-lower-is-less-important",
        title: "Myth: a lower preference means a less important server",
        explanation: "The zone lists \"20 mx2\" before \"10 mx1\". The order in the zone does not matter and a lower number is not a lesser server: the sender sorts by preference and tries 10 (mx1) first, which takes the message.",
        lesson: "The lower the preference number, the sooner the server is tried.",
        build: lower_is_first,
    },
    Preset {
        id: "myth-no-mx-no-mail",
        title: "Myth: no MX record means no mail",
        explanation: "example.net has no MX record, yet mail arrives: the sender falls back to the domain's own A record, an implicit MX (RFC 5321 5.1). Refusing mail takes an explicit null MX.",
        lesson: "Without an MX record mail still arrives, at the domain's own address.",
        build: no_mx_still_mail,
    },
    Preset {
        id: "myth-equal-in-listed-order",
        title: "Myth: equal preferences are tried in listed order",
        explanation: "mxa is listed before mxb with the same preference, but senders shuffle equal preferences, so both servers receive some of the six messages.",
        lesson: "Records of equal preference are shuffled, whatever order DNS lists them in.",
        build: equal_preferences,
    },
    Preset {
        id: "myth-backup-delivers",
        title: "Myth: the backup MX delivers to the mailbox",
        explanation: "MX1 is down for two hours. MX2 accepts the message, but it has no mailboxes: it only queues and forwards. When MX1 returns, MX2 hands the message over and MX1 writes it into bob's folder; MX2 never stores it.",
        lesson: "A backup MX hands the message on to the primary; it does not write it into the mailbox.",
        build: backup_forwards,
    },
    Preset {
        id: "myth-nxdomain-is-servfail",
        title: "Myth: NXDOMAIN and SERVFAIL both mean failure",
        explanation: "NXDOMAIN is an authoritative \"this domain does not exist\": bounce now. SERVFAIL is \"I could not find out\": keep the message and retry. The first message bounces at once; the second is delivered after the DNS is repaired.",
        lesson: "NXDOMAIN bounces at once; SERVFAIL keeps the message for another try.",
        build: nxdomain_vs_servfail,
    },
    Preset {
        id: "myth-dns-change-instant",
        title: "Myth: a DNS change is seen everywhere at once",
        explanation: "The MX record changes at T+1m, but the resolver keeps the old answer until its TTL ends: the second message still goes to the old server, and only the third, after expiry, to the new one.",
        lesson: "A DNS change reaches each resolver only when its cached answer's TTL runs out.",
        build: ttl_change,
    },
    Preset {
        id: "myth-retry-every-few-seconds",
        title: "Myth: senders retry every few seconds forever",
        explanation: "The only MX is down for three hours. Postfix waits as long as the message has been queued, at least 5 minutes and at most 4000 s (about an hour), and starts each try at the next 5-minute scan of its queue: the tries fall minutes, then hours apart, and it would give up after five days. Here the server returns and the next try delivers.",
        lesson: "Retries grow further apart (minutes, then hours) and stop after the queue lifetime.",
        build: retry_is_slow,
    },
    Preset {
        id: "spam-to-open-backup",
        title: "Spam straight to an open backup: backscatter",
        explanation: "A spammer's machine skips the primary and sends straight to MX2, the backup, as spammers do to avoid the primary's filters. It forges alice as the sender and writes to nobody@example.com, who does not exist. MX2 does not know which users exist, so it accepts the message and later forwards it to MX1, which rejects it (550 5.1.1). MX2 now holds a message it cannot deliver and bounces it to the sender it was given: alice, who never sent it. This misdirected bounce is backscatter, and it is why many domains drop their backup MX.",
        lesson: "Spam sent straight to an open backup turns into bounces to innocent, forged senders.",
        build: spam_to_open_backup,
    },
    Preset {
        id: "spam-to-strict-backup",
        title: "Spam straight to a backup that knows its users",
        explanation: "The same spam, sent straight to MX2, but this MX2 has the list of valid recipients (Postfix relay_recipient_maps). It rejects nobody@example.com at RCPT time with 550 5.1.1, before it takes any responsibility. The spammer's machine sends no bounce, and nobody else receives one: no backscatter.",
        lesson: "A backup that knows the valid users refuses spam during the SMTP session: no bounce.",
        build: spam_to_strict_backup,
    },
    Preset {
        id: "backup-known-by-address",
        title: "A backup listed under another name",
        explanation: "example.com lists MX1 (10), relay.example.com (15) and MX2 (20), but relay.example.com is only another name for MX2's address. MX1 is down, so the sender reaches MX2 through relay.example.com. When MX2 sends the message on, it looks up every MX host, finds its own address at preference 15, and drops that record and everything worse, by address as well as by name (RFC 5321 5.1). It tries only MX1, never itself, and delivers when MX1 is back: no loop.",
        lesson: "A backup must recognise itself in the MX list, whatever name it is listed under.",
        build: backup_known_by_address,
    },
    Preset {
        id: "forwarding-loop",
        title: "A forwarding loop ends at the hop limit",
        explanation: "Two relays are each configured to send loop.example's mail to the other (a fixed next hop, as Postfix transport_maps can do). The message goes back and forth, one Received: header more at each hop. When a server counts as many Received: headers as its limit, its own included (Postfix's hopcount_limit is 50; this story lowers it to 10 to stay short), it refuses the message at the end of DATA with 554 5.4.0 Error: too many hops, and the relay that sent it bounces it to alice (RFC 5321 6.3).",
        lesson: "Each hop adds a Received: line; at the hop limit the loop ends in a bounce.",
        build: forwarding_loop,
    },
    Preset {
        id: "dropped-after-body",
        title: "The line drops before the 250: the message arrives twice",
        explanation: "MX1 receives the whole message, but the connection breaks before its final 250 reaches the sender. MX1 keeps what it has and writes it to bob's folder. The sender cannot know that: only the 250 would have told it (RFC 5321 6.1). It must keep its copy and try again later, and the second try delivers the same message a second time. Duplicates are the price of never losing mail.",
        lesson: "A connection lost before the final 250 makes the sender send again: the message can arrive twice.",
        build: dropped_after_body,
    },
    Preset {
        id: "several-recipients",
        title: "One message, three recipients, one session",
        explanation: "Alice writes to bob, carol and dave at example.com. Her server does not open three connections: it sends the message once, in one SMTP session with MX1, with one MAIL FROM, a RCPT TO for each recipient, and DATA once for those MX1 accepted. MX1 knows bob and dave but not carol: it answers 250 to their RCPT TO and 550 5.1.1 User unknown to hers. The message crosses the wire once and MX1 writes one .eml into bob's folder and one into dave's, while alice gets one bounce that names carol alone.",
        lesson: "One session carries every recipient of a domain; a refused recipient gets a bounce, the others the message.",
        build: several_recipients,
    },
    Preset {
        id: "mx-is-an-alias",
        title: "An MX record that names an alias",
        explanation: "example.com's MX record names mail.example.com, which is an alias (CNAME) of mx1.example.com. RFC 2181 10.3 and RFC 5321 5.1 say an MX must name a host, not an alias. Most senders follow the alias anyway, as this one does, but they may log a warning, and some refuse: point MX records at real host names.",
        lesson: "An MX must name a real host, not an alias; most senders follow the alias anyway.",
        build: mx_is_an_alias,
    },
    Preset {
        id: "dns-timeout",
        title: "A DNS server that does not answer",
        explanation: "The authoritative server of broken.example is down: it does not answer at all, which is not the same as SERVFAIL. The resolver waits out its timeout (5 s) and tries again, three times, before it tells the sender 'temporary failure'. The sender keeps the message and tries again later; after ten minutes the server answers again and the message is delivered. A silent DNS server costs every lookup its timeouts.",
        lesson: "An authority that does not answer costs a timeout on every try, then SERVFAIL: the message waits.",
        build: dns_timeout,
    },
];
