//! The message as the final server writes it to disk: one `Received:` header
//! per hop, newest on top (rules.md 6.3), then alice's headers and body.

use super::event::Reason;
use super::envelope::Envelope;
use super::time::{rfc5322_date, Time};
use std::fmt::Write;

/// Header values come from user text: a line break there would forge headers.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The file as Postfix's virtual delivery agent writes it: `Received:`
/// headers newest first (`from … by … (Postfix) with ESMTP id …`, and last the
/// submission's `by … (Postfix, from userid 1000)`, or a bounce's `by …
/// (Postfix)` from the server that wrote it), then alice's headers.
pub fn render(e: &Envelope, delivered: Time) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Return-Path: <{}>", e.from_text());
    let _ = writeln!(out, "Delivered-To: {}", e.to);
    for hop in e.hops.iter().rev() {
        match &hop.from_host {
            Some(from) => {
                let addr = hop.from_addr.map_or_else(String::new, |a| format!(" [{a}]"));
                let _ = writeln!(out, "Received: from {from} ({from}{addr})");
                let _ = writeln!(out, "\tby {} (Postfix) with ESMTP id {}", hop.by, hop.id);
                let _ = writeln!(out, "\tfor <{}>; {}", e.to, rfc5322_date(hop.at));
            }
            // A bounce starts at the server that wrote it, as Postfix's
            // bounce daemon marks it (recorded, issue 21).
            None if e.is_bounce() => {
                let _ = writeln!(out, "Received: by {} (Postfix)", hop.by);
                let _ = writeln!(out, "\tid {}; {}", hop.id, rfc5322_date(hop.at));
            }
            None => {
                let _ = writeln!(out, "Received: by {} (Postfix, from userid 1000)", hop.by);
                let _ = writeln!(out, "\tid {}; {}", hop.id, rfc5322_date(hop.at));
            }
        }
    }
    let _ = writeln!(out, "From: {}", one_line(&e.header_from));
    let _ = writeln!(out, "To: {}", one_line(&e.header_to));
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

/// A delivery status notification (RFC 3464) in the words of Postfix's
/// bounce daemon, for every recipient in `failed` (address, reason): the
/// cause as Postfix logs it, then per recipient `Action: failed`, the status
/// of the reply or of the last temporary error.
pub fn bounce_body(e: &Envelope, holder: &str, failed: &[(String, &Reason)]) -> String {
    let mut out = format!(
        "This is the mail system at host {holder}.\n\n\
         I'm sorry to have to inform you that your message could not\n\
         be delivered to one or more recipients.\n\n"
    );
    for (to, reason) in failed {
        let _ = writeln!(out, "<{to}>: {}\n", reason.diagnostic());
    }
    let _ = writeln!(out, "Reporting-MTA: dns; {holder}\n");
    for (to, reason) in failed {
        let diagnostic = match reason.reply() {
            Some(reply) => format!("smtp; {}", reply.first_line()),
            None => format!("X-Postfix; {}", reason.diagnostic()),
        };
        let _ = writeln!(
            out,
            "Final-Recipient: rfc822; {to}\nAction: failed\nStatus: {}\nDiagnostic-Code: {diagnostic}\n",
            reason.status()
        );
    }
    let _ = writeln!(out, "Original message: Subject: {}", one_line(&e.subject));
    out
}
