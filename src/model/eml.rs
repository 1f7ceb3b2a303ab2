//! The message as the final server writes it to disk: one `Received:` header
//! per hop, newest on top (DELIVERY-RULES 6.3), then alice's headers and body.

use super::event::Reason;
use super::envelope::Envelope;
use super::time::{rfc5322_date, Span, Time};
use std::fmt::Write;

/// Header values come from user text: a line break there would forge headers.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

pub fn render(e: &Envelope, delivered: Time) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Return-Path: <{}>", e.from_text());
    let _ = writeln!(out, "Delivered-To: {}", e.to);
    for hop in e.hops.iter().rev() {
        let addr = hop.from_addr.map_or_else(String::new, |a| format!(" [{a}]"));
        let _ = writeln!(out, "Received: from {} ({}{})", hop.from_host, hop.from_host, addr);
        let _ = writeln!(out, "        by {} with ESMTP id {}", hop.by, hop.id);
        let _ = writeln!(out, "        for <{}>; {}", e.to, rfc5322_date(hop.at));
    }
    let _ = writeln!(out, "From: {}", one_line(&e.header_from));
    let _ = writeln!(out, "To: {}", e.to);
    let _ = writeln!(out, "Subject: {}", one_line(&e.subject));
    let _ = writeln!(out, "Date: {}", rfc5322_date(e.submitted));
    let _ = writeln!(out, "Message-ID: {}", e.message_id);
    let _ = writeln!(out, "X-Delivered-At: {delivered}");
    out.push('\n');
    out.push_str(&e.body);
    if !e.body.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A plain-text delivery status notification, in the spirit of RFC 3464.
pub fn bounce_body(e: &Envelope, holder: &str, reason: &Reason) -> String {
    let (code, status) = reason.status();
    let why = match reason {
        Reason::Reply { host, reply } => format!("host {host} said: {}", reply.line()),
        Reason::Unreachable => "no mail server for the domain answered".into(),
        Reason::DnsServFail { name } => format!("DNS lookups for {name} kept failing (SERVFAIL)"),
        Reason::NxDomain { name } => format!("the domain {name} does not exist (NXDOMAIN)"),
        Reason::NullMx => "the domain publishes a null MX: it accepts no mail (RFC 7505)".into(),
        Reason::NoAddress => "no mail server of the domain has an address".into(),
        Reason::LoopsToSelf => format!("mail for {} loops back to {holder}", e.to.domain),
        Reason::Expired { after_secs, last } => {
            let (c, s) = last.status();
            format!("delivery temporarily failed for {} ({c} {s}); giving up", Span(after_secs * 1000))
        }
    };
    format!(
        "This is the mail system at host {holder}.\n\n\
         Your message could not be delivered to one or more recipients.\n\n\
         <{to}>: {why}\n\n\
         Final-Recipient: rfc822; {to}\n\
         Action: failed\n\
         Status: {status}\n\
         Diagnostic-Code: smtp; {code} {status}\n\n\
         Original message: Subject: {subject}\n",
        to = e.to,
        subject = one_line(&e.subject),
    )
}
