//! The pieces of text that read the same in every language: DNS answers
//! written as records ("10 mx1.example.com."), countdown clocks, and a
//! link's value quoted in a message.
//! Both languages' labels use them, so they live apart from either (a
//! language's file may not call back into the English file that calls it).
//! The one word in an answer, for an answer with no records, is passed in.

use crate::model::dns::{Answer, RData};

/// A value of a link as the reader wrote it, for a message: the browser's
/// percent-encoding undone (`%3Cb%3E` reads `<b>`; the page shows it as
/// text), control characters escaped, at most 40 characters.
pub fn link_value(v: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(v).decode_utf8_lossy();
    decoded.chars().take(40).map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// A short summary of an answer for a packet label: "10 mx1.example.com. 20 mx2.example.com."
pub fn answer_label(answer: &Answer, no_records: &str) -> String {
    match answer {
        Answer::Records(rrs) => rrs
            .iter()
            .map(|r| match &r.data {
                RData::Mx { preference, host } if host.is_empty() => format!("{preference} ."),
                RData::Mx { preference, host } => format!("{preference} {host}."),
                RData::Addr(a) => a.to_string(),
                RData::Cname(target) => format!("CNAME {target}."),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Answer::NoData { .. } => no_records.into(),
        Answer::NxDomain { .. } => "NXDOMAIN".into(),
        Answer::ServFail => "SERVFAIL".into(),
    }
}

/// A DNS answer one record per item, for a table cell that may wrap.
pub fn answer_lines(answer: &Answer, no_records: &str) -> Vec<String> {
    match answer {
        Answer::Records(rrs) => {
            rrs.iter().map(|r| answer_label(&Answer::Records(std::rc::Rc::from([r.clone()])), no_records)).collect()
        }
        other => vec![answer_label(other, no_records)],
    }
}

/// A DNS answer as a stage label (about 20 characters): hosts by their first
/// label, and an address with the name it belongs to: "MX 10 mx1, 20 mx2",
/// "mx2 = 203.0.113.20".
pub fn answer_pill(name: &str, answer: &Answer, no_records: &str) -> String {
    let short = |host: &str| host.split('.').next().unwrap_or(host).to_string();
    match answer {
        Answer::Records(rrs) if !rrs.is_empty() && rrs.iter().all(|r| matches!(r.data, RData::Mx { .. })) => {
            let hosts: Vec<String> = rrs
                .iter()
                .filter_map(|r| match &r.data {
                    RData::Mx { preference, host } if host.is_empty() => Some(format!("{preference} .")),
                    RData::Mx { preference, host } => Some(format!("{preference} {}", short(host))),
                    _ => None,
                })
                .collect();
            format!("MX {}", hosts.join(", "))
        }
        Answer::Records(rrs) if !rrs.is_empty() && rrs.iter().all(|r| matches!(r.data, RData::Addr(_))) => {
            format!("{} = {}", short(name), answer_label(answer, no_records))
        }
        _ => answer_label(answer, no_records),
    }
}

/// "29:51", or "1:02:03" past an hour: a countdown that keeps running
/// during a fast-forward.
pub fn countdown(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}
