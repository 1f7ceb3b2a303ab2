//! The narration in Simplified Chinese: for every event, the plain sentence
//! of `Narrator::describe` for a reader who has never run a mail server,
//! and `reason_text` for why a delivery failed. The technical line and the
//! rule are language-neutral and stay in `text/narrate.rs`, which calls
//! these for `Lang::Zh`.
//!
//! Protocol text is never translated: reply lines (`250 2.0.0 Ok`), commands
//! (`RCPT TO`), record types (`MX`, `A`, `AAAA`, `CNAME`), `NXDOMAIN`,
//! `SERVFAIL`, host names and addresses; the Chinese explains them.

use super::duration::duration;
use super::glossary as g;
use super::tidy;
use crate::model::dns::{Answer, RData, RType};
use crate::model::event::{Event, EventKind, Reason, Via};
use crate::model::host::{HostKind, Role};
use crate::model::mx::Plan;
use crate::model::smtp::Command;
use crate::model::Simulation;
use crate::text::labels::{answer_label, fault_label, host_label};
use crate::text::Lang;

/// The packet labels that are words rather than protocol lines
/// (`Narrator::packet_label`).
pub const PACKET_REFUSED: &str = "RST（拒绝）";
pub const PACKET_LOST: &str = "✂ 连接断开";

/// A command by its name on the wire; the end of the body has none.
fn command_name(c: Command) -> &'static str {
    match c {
        Command::Body => "正文结束标记（.）",
        Command::Ehlo | Command::MailFrom | Command::RcptTo | Command::Data | Command::Quit => c.name(),
    }
}

/// Why a delivery failed, in plain Chinese words.
pub fn reason_text(reason: &Reason) -> String {
    let s = match reason {
        Reason::Reply { host, reply, after: None, .. } => {
            format!("{host} 在问候阶段就拒绝通信（{}）", reply.first_line())
        }
        Reason::Greeting { host, reply, .. } => {
            format!("{host} 在问候阶段就拒绝通信（{}），这台发件服务器把它当作最终结果", reply.first_line())
        }
        Reason::Reply { host, reply, after: Some(c), .. } => {
            format!("{host} 对 {} 的回复是 {}", command_name(*c), reply.first_line())
        }
        Reason::Refused { host, .. } => format!("{host} 拒绝了{}", g::CONNECTION),
        Reason::TimedOut { host, .. } => format!("{host} 没有回应"),
        Reason::LostConnection { host, .. } => format!(
            "与 {host} 的{}在它给出最终回复之前断开了，所以这封邮件可能会收到两次",
            g::CONNECTION
        ),
        Reason::DnsTempfail { name, rtype } => {
            format!("对 {} {name} 的 DNS 查询暂时失败", rtype.as_str())
        }
        Reason::NotFound { name, .. } => format!("{name} 不存在（NXDOMAIN）"),
        Reason::NullMx { domain } => format!("{domain} 声明它不接收任何邮件（{}）", g::NULL_MX),
        Reason::NoAddress { domain } => {
            format!("{domain} 的{}没有一台有{}", g::MAIL_SERVER, g::ADDRESS)
        }
        Reason::LoopsToSelf { domain } => {
            format!("本服务器就是 {domain} 最优先的 MX，邮件会绕回到它自己这里")
        }
        Reason::UnknownUser { user } => format!("不存在名为 {user} 的{}", g::MAILBOX),
        Reason::Expired { after_secs, last } => {
            format!("已连续失败 {}，最后一次错误：{}", duration(after_secs * 1000), reason_text(last))
        }
    };
    tidy(&s)
}

/// The Chinese sentence for one event of `sim`'s trace.
pub fn sentence(sim: &Simulation, ev: &Event) -> String {
    let from = sim.host(ev.from).name.to_string();
    let to = sim.host(ev.to).name.to_string();
    let flabel = host_label(sim.host(ev.from), Lang::Zh);
    // "MX2（mx2.example.com）", or the name alone for a host without a label.
    let who = |h: u16| {
        let host = sim.host(h);
        match host_label(host, Lang::Zh) {
            Some(label) => format!("{label}（{}）", host.name),
            None => host.name.to_string(),
        }
    };
    let env_to = |env: u32| sim.envelope(env).to.to_string();

    // The glossary's terms, by short names for the sentences below.
    let resolver = g::RESOLVER;
    let authority = g::AUTHORITATIVE;
    let cache = g::CACHE;
    let ttl_word = g::TTL;
    let queue = g::QUEUE;
    let bounce_word = g::BOUNCE;
    let mx_record = g::MX_RECORD;
    let address = g::ADDRESS;
    let domain = g::DOMAIN;
    let local_part = g::LOCAL_PART;
    let answer_word = g::ANSWER;
    let sender = g::SENDER;
    let preference = g::PREFERENCE;
    let connection = g::CONNECTION;
    let retry = g::RETRY;

    let s = match &ev.kind {
        EventKind::Enqueued { env, via } => {
            let e = sim.envelope(*env);
            match via {
                Via::Submission if ev.from != sim.sender() => format!(
                    "{} 开始发送一封给 {} 的邮件。它把发件人伪造成 {}：SMTP 本身不会核验这一点。",
                    who(ev.from),
                    e.to,
                    e.from_text()
                ),
                Via::Submission if sim.fellow_recipients(*env).first().is_some_and(|f| f < env) => {
                    format!("同一封邮件也发给 {}：同一个{queue}文件里多了一个收件人。", e.to)
                }
                Via::Submission => format!(
                    "{} 点击了“发送”：她的邮件程序把这封发给 {} 的邮件交给她的服务器 {from}，服务器把它放进{queue}。{}",
                    e.from_text(),
                    e.to,
                    and_fellows(sim, *env, "这封邮件同时发给多个收件人，队列里每人一项：")
                ),
                Via::Smtp => format!(
                    "现在由 {} 把这封邮件存放在自己的{queue}里，并对它负责；{from} 可以不再管它了。",
                    who(ev.to)
                ),
                Via::Bounce => format!("{} 把一封发给 {} 的{bounce_word}放进{queue}。", who(ev.to), e.to),
            }
        }
        EventKind::AttemptStarted { env, attempt } => {
            let e = sim.envelope(*env);
            if *attempt == 1 && sim.fellow_recipients(*env).first().is_some_and(|f| f < env) {
                format!("{} 属于同一个{domain} {}：同一次尝试、同一个会话把它一起带上。", e.to, e.to.domain)
            } else if *attempt == 1 {
                format!(
                    "{} 把 {} 拆成两部分：{local_part}（本地部分）{} 只对最终那台服务器有意义；{domain} {} 决定邮件发往哪里，所以发件服务器在 DNS 中查询这个{domain}。",
                    who(ev.from),
                    e.to,
                    e.to.local,
                    e.to.domain
                ) + &and_fellows(sim, *env, "一次尝试、一个会话同时带上：")
            } else {
                format!("{} {retry}投递给 {}（第 {attempt} 次尝试）。", who(ev.from), e.to)
            }
        }
        EventKind::DnsQuery { name, rtype, .. } => match (rtype, sim.host(ev.to).kind) {
            (RType::MX, HostKind::Resolver) => format!(
                "{} 问它的{resolver}：哪些服务器接收 {name} 的邮件？（一次 MX 查询）",
                who(ev.from)
            ),
            (_, HostKind::Authority) if sim.host(ev.to).role == Role::Root => {
                format!("{resolver}的{cache}里没有仍然有效的{answer_word}，所以它去问根 DNS 服务器。")
            }
            (_, HostKind::Authority) => {
                format!("{resolver}的{cache}里没有仍然有效的{answer_word}，所以它去问{authority} {to}。")
            }
            _ => format!(
                "{} 查询 {name} 的{address}（{} 查询）：{mx_record}写的是主机名，不是{address}；发送邮件的一方（这里是 {}）在第一次连接之前，会先查出每台 MX 主机的{address}。",
                who(ev.from),
                rtype.as_str(),
                host_label(sim.host(ev.from), Lang::Zh).unwrap_or_else(|| sim.host(ev.from).name.to_string())
            ),
        },
        EventKind::CacheHit { name, rtype, answer, elapsed_secs, .. } => {
            let when = match elapsed_secs {
                0 => "刚才".to_string(),
                n => format!("{}前", duration(u64::from(*n) * 1000)),
            };
            let what = match answer {
                Answer::Records(_) => format!("{name} 的 {} {answer_word}", rtype.as_str()),
                Answer::NoData { .. } => format!("{name} 的{}：没有 {} 记录", g::NEGATIVE_ANSWER, rtype.as_str()),
                Answer::NxDomain { .. } => format!("{name} 的 NXDOMAIN {answer_word}"),
                Answer::ServFail => format!("{name} 的 SERVFAIL 结果"),
            };
            format!("{resolver}的{cache}里还留着 {when}得到的 {what}，所以它立即{answer_word}，不用去问任何人。")
        }
        EventKind::DnsAnswer { name, rtype, answer, .. } => match answer {
            Answer::Records(rrs) if *rtype == RType::MX && rrs.iter().any(|r| r.is_null_mx()) => format!(
                "{name} 的 MX {answer_word}：{}（{}）。",
                answer_label(answer, Lang::Zh),
                g::NULL_MX
            ),
            // Each host with its preference, so that a line break never parts them.
            Answer::Records(rrs) if *rtype == RType::MX => format!(
                "{name} 的 MX {answer_word}：{}；{preference}数值越小越优先。",
                rrs.iter()
                    .filter_map(|r| match &r.data {
                        RData::Mx { preference: p, host } => Some(format!("{host}（{preference} {p}）")),
                        RData::Addr(_) | RData::Cname(_) => None,
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            Answer::Records(rrs) => {
                let target = rrs.iter().find_map(|r| match &r.data {
                    RData::Cname(t) => Some(t),
                    RData::Mx { .. } | RData::Addr(_) => None,
                });
                let addrs: Vec<String> = rrs
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::Addr(a) => Some(a.to_string()),
                        RData::Mx { .. } | RData::Cname(_) => None,
                    })
                    .collect();
                match target {
                    Some(t) if addrs.is_empty() => format!("{name} 是指向 {t} 的 CNAME。"),
                    Some(t) => format!("{name} 是指向 {t} 的 CNAME，{address}是 {}。", addrs.join("、")),
                    None => format!("{name} 的{address}是 {}。", answer_label(answer, Lang::Zh)),
                }
            }
            Answer::NoData { .. } => format!("{name} 存在，但没有 {} 记录。", rtype.as_str()),
            Answer::NxDomain { .. } => format!("{name} 不存在（NXDOMAIN）。"),
            Answer::ServFail => format!("查询 {name} 失败（SERVFAIL）：这是暂时的问题。"),
        },
        EventKind::Cached { name, rtype, answer, ttl } => match answer {
            Answer::ServFail => {
                format!("{resolver}会把 {name} 的 SERVFAIL 结果{cache} {ttl} 秒，在此之前不会再去查询。")
            }
            Answer::NoData { .. } | Answer::NxDomain { .. } => format!(
                "{resolver}会把 {name} 的这个{}{cache} {ttl} 秒，在此之前不会再去查询。",
                g::NEGATIVE_ANSWER
            ),
            Answer::Records(_) => format!(
                "{resolver}把 {name} 的 {} 记录{cache} {}（即它的 {ttl_word}）；在此期间即使记录有变，也不会再去查询。",
                rtype.as_str(),
                duration(u64::from(*ttl) * 1000)
            ),
        },
        EventKind::NotCached { name, rtype } => format!(
            "{} {name} 的 {ttl_word} 是 0：{resolver}只用这个{answer_word}一次，不会{cache}它。",
            rtype.as_str()
        ),
        EventKind::CacheExpired { name, rtype } => {
            let what = match rtype {
                Some(t) => format!("的 {} {name}", t.as_str()),
                None => format!(" {name} 的 NXDOMAIN {answer_word}"),
            };
            format!(
                "{cache}里{what} 已{}（{ttl_word} 耗尽）；下次查询会重新去问{authority}。",
                g::EXPIRED
            )
        }
        EventKind::CacheFlushed => format!("{resolver}的{cache}被清空了：每个{answer_word}都要重新查询。"),
        EventKind::Planned { plan, .. } => match plan {
            Plan::Try { hosts, shuffled, implicit, pruned_from, fixed } => {
                let list = hosts
                    .iter()
                    .map(|c| format!("{}（{preference} {}）", c.host, c.preference))
                    .collect::<Vec<_>>()
                    .join("，然后是 ");
                let mut s = if hosts.is_empty() {
                    format!("{} 没有任何带{address}的主机可以尝试。", who(ev.from))
                } else if *fixed {
                    format!(
                        "{} 把所有邮件都发往配置好的下一跳，不查询 {mx_record}：{list}。",
                        who(ev.from)
                    )
                } else if *implicit {
                    format!(
                        "没有 {mx_record}，所以 {} 把这个{domain}自己的{address}当作{}：{list}。",
                        who(ev.from),
                        g::IMPLICIT_MX
                    )
                } else if hosts.len() == 1 {
                    format!("所有{address}都已查到，{} 将尝试：{list}。", who(ev.from))
                } else {
                    format!("所有{address}都已查到，{} 将依次尝试：{list}。", who(ev.from))
                };
                if *shuffled {
                    s.push_str(&format!("{preference}相同的记录会被随机排序，以分担负载。"));
                }
                if let Some(p) = pruned_from {
                    s.push_str(&format!(
                        "它在列表中发现了自己（{preference} {p}），于是去掉自己以及排在自己后面的所有主机：{} 绝不会把邮件投递给自己。",
                        g::BACKUP_MX
                    ));
                }
                s
            }
            Plan::NullMx => format!(
                "唯一的 {mx_record}是“0 .”，也就是{}。这个{domain}声明它不接收任何邮件，所以没有可以尝试的服务器。",
                g::NULL_MX
            ),
            Plan::LoopsToSelf => format!(
                "{} 自己就是这个{domain}最优先的 MX：如果发出去，邮件会绕回到它自己这里。",
                who(ev.from)
            ),
        },
        EventKind::HostSkipped { host, .. } => format!("{host} 没有可用的{address}，所以跳过它。"),
        EventKind::HostIsAlias { host, target, .. } => format!(
            "{host} 是 {target} 的{}。{mx_record}必须指向真正的主机名，不能指向别名；不过大多数发件服务器仍会顺着别名找下去，这台也一样。",
            g::ALIAS
        ),
        EventKind::DnsTimedOut { name, attempt, .. } => format!(
            "{authority}在 {} 秒内没有{answer_word} {name} 的查询（第 {attempt} 次尝试）。如果{authority}宕机或配置错误，{resolver}每次尝试都要白等一个{}时间，最后返回 SERVFAIL。",
            sim.scenario().timing.dns_timeout_secs,
            g::TIMEOUT
        ),
        EventKind::Connect { addr, host, .. } => {
            format!("{} 向 {host}（{addr}）的 25 端口发起{connection}。", who(ev.from))
        }
        EventKind::ConnectRefused { .. } => format!(
            "{} 拒绝了{connection}：机器是在线的，但没有邮件服务在监听。",
            who(ev.from)
        ),
        EventKind::ConnectTimedOut { addr, waited_secs, .. } => format!(
            "{} {connection}{}，放弃等待：{addr} 在 {waited_secs} 秒内没有任何回应。服务器宕机或网络不通时，什么也不会传回来。",
            who(ev.from),
            g::TIMEOUT
        ),
        EventKind::ConnectionLost { .. } => format!(
            "与 {} 的{connection}在邮件发完之后、最终回复到达之前断开了。对方很可能已经收下了邮件，但{sender}无从知道，所以必须保留自己的副本并重新发送：这封邮件可能会收到两次。",
            who(ev.from)
        ),
        EventKind::Command { env, command } => match command {
            Command::Ehlo => format!("{} 发送 EHLO，报上自己的主机名。", who(ev.from)),
            Command::MailFrom => format!("{}：出了问题时，要通知的就是这个{address}。", g::ENVELOPE_SENDER),
            Command::RcptTo => format!("{}：{}。", g::ENVELOPE_RECIPIENT, env_to(*env)),
            Command::Data => "准备发送邮件内容。".into(),
            Command::Body => "邮件头和正文，以只有一个点（.）的一行结束。".into(),
            Command::Quit => "发送 QUIT，结束会话。".into(),
        },
        EventKind::Reply { env, reply, after, .. } => {
            let alone = *after == Some(Command::RcptTo) && !sim.fellow_recipients(*env).is_empty();
            if reply.is_success() {
                match after {
                    None => format!("{} {} {}：准备就绪。", who(ev.from), g::REPLY, reply.code),
                    Some(Command::Body) => format!(
                        "{} 回复 250：从现在起这封邮件归它负责，它绝不能把邮件弄丢。",
                        who(ev.from)
                    ),
                    Some(Command::Quit) => format!(
                        "{} 说再见，并关闭{connection}。",
                        flabel.clone().unwrap_or_else(|| from.clone())
                    ),
                    Some(Command::Data) => format!(
                        "{} 回复 {}：请开始发送正文，以单独一行“.”结束。",
                        flabel.clone().unwrap_or_else(|| from.clone()),
                        reply.code
                    ),
                    Some(Command::Ehlo | Command::MailFrom | Command::RcptTo) => format!(
                        "{} 回复 {}：好的。",
                        flabel.clone().unwrap_or_else(|| from.clone()),
                        reply.code
                    ),
                }
            } else if alone && reply.is_temporary() {
                format!(
                    "{} 对 {} 回复 {}：只是这个收件人临时失败。会话继续处理其他收件人；{} 会改投下一台服务器，或者稍后再试。",
                    who(ev.from),
                    env_to(*env),
                    reply.code,
                    env_to(*env)
                )
            } else if alone {
                format!(
                    "{} 对 {} 回复 {}：只是这个收件人永久失败，{bounce_word}里会写明它。会话继续处理其他收件人。",
                    who(ev.from),
                    env_to(*env),
                    reply.code
                )
            } else if after.is_none() && reply.is_permanent() {
                format!(
                    "{} 在问候时回复 {}：它不愿和这个{sender}通信。和 Postfix 一样，{sender}把它当作临时失败：改试另一台服务器，或者稍后再试。",
                    who(ev.from),
                    reply.code
                )
            } else if reply.is_temporary() {
                format!(
                    "{} 回复 {}：临时失败。{sender}会改试另一台服务器，或者稍后再试。",
                    who(ev.from),
                    reply.code
                )
            } else {
                format!(
                    "{} 回复 {}：永久失败。不会再试其他服务器，这封邮件会被{bounce_word}。",
                    who(ev.from),
                    reply.code
                )
            }
        }
        EventKind::Deferred { reason, next_retry, .. } => format!(
            "暂未送达，稍后重试：{}。{} 保留这封邮件（{}），将在 {}后（{}）{retry}。",
            reason_text(reason),
            who(ev.from),
            g::DEFERRED,
            duration(next_retry.since(ev.at)),
            super::duration::clock(*next_retry)
        ),
        EventKind::Stored { env, user, file, .. } => {
            if sim.envelope(*env).copy_of.is_some() {
                format!(
                    "{} 把邮件写入 {user} 的{}，文件名为 {file}。它的回复没能传回{sender}，所以另一份副本正在路上。",
                    who(ev.to),
                    g::FOLDER
                )
            } else if sim.envelope(*env).is_bounce() {
                format!("{} 把{bounce_word}写入 {user} 的{}，文件名为 {file}：发件人由此得知哪里失败了。", who(ev.to), g::FOLDER)
            } else {
                format!("{} 把邮件写入 {user} 的{}，文件名为 {file}。投递成功。", who(ev.to), g::FOLDER)
            }
        }
        EventKind::Bounced { env, reason, .. } => format!(
            "{} 放弃投递这封发给 {} 的邮件：{}。它以空的{} <> 向原发件人发出一封{bounce_word}。",
            who(ev.from),
            env_to(*env),
            reason_text(reason),
            g::ENVELOPE_SENDER
        ),
        EventKind::Dropped { env, reason } if sim.envelope(*env).is_bounce() => format!(
            "这封{bounce_word}本身也无法投递，原因：{}。不会为{bounce_word}再发{bounce_word}，所以它被丢弃。",
            reason_text(reason)
        ),
        EventKind::Dropped { reason, .. } => format!(
            "{} 放弃了这封邮件并把它丢弃，原因：{}。这台机器从不发{bounce_word}，所以发件人永远不会得知。",
            who(ev.from),
            reason_text(reason)
        ),
        EventKind::HostDown => format!("{} 宕机了。", who(ev.from)),
        EventKind::HostUp => format!("{} 恢复运行了。", who(ev.from)),
        EventKind::FaultSet { mode } => {
            format!("{} 的状态变为：{}。", who(ev.from), fault_label(*mode, Lang::Zh))
        }
        EventKind::ZoneChanged { zone } => format!(
            "{} {} 的记录在它的{authority}上改变了。已经{cache}了旧记录的{resolver}会继续使用旧记录，直到 {ttl_word} {}。",
            g::ZONE,
            zone.origin,
            g::EXPIRED
        ),
    };
    tidy(&s)
}

/// "收件人：bob@example.com、carol@example.com 和 dave@example.com。" when
/// `env` is the first of several recipients of its message at one domain.
fn and_fellows(sim: &Simulation, env: u32, intro: &str) -> String {
    let fellows = sim.fellow_recipients(env);
    if fellows.is_empty() || fellows[0] < env {
        return String::new();
    }
    let mut all: Vec<String> = std::iter::once(env).chain(fellows).map(|e| sim.envelope(e).to.to_string()).collect();
    let last = all.pop().unwrap_or_default();
    format!("{intro}{} 和 {last}。", all.join("、"))
}
