//! The Chinese twin of `text/beats.rs`: one sentence per grouped beat and
//! the "what to notice" line of each key moment.

use super::glossary as g;
use super::tidy;
use crate::beats::{Beat, BeatKind, Key};
use crate::model::dns::Answer;
use crate::model::event::EventKind;
use crate::model::smtp::Command;
use crate::model::{HostId, Simulation};
use crate::text::beat_facts::{addresses, answer_list, attempt_number, authority_asked, commands, expired_names, plan_or_repeat};
use crate::text::labels::host_label;
use crate::text::Lang;

/// "MX2（mx2.example.com）", or the name alone for a host without a label.
fn who(sim: &Simulation, h: HostId) -> String {
    let host = sim.host(h);
    match host_label(host, Lang::Zh) {
        Some(label) => format!("{label}（{}）", host.name),
        None => host.name.to_string(),
    }
}

fn short(sim: &Simulation, h: HostId) -> String {
    host_label(sim.host(h), Lang::Zh).unwrap_or_else(|| sim.host(h).name.to_string())
}

fn command(c: Command) -> &'static str {
    match c {
        Command::Ehlo => "EHLO（报上自己的主机名）",
        Command::MailFrom => "MAIL FROM（信封发件人）",
        Command::RcptTo => "RCPT TO（信封收件人）",
        Command::Data => "DATA",
        Command::Body => "邮件正文",
        Command::Quit => "QUIT",
    }
}

pub fn sentence(sim: &Simulation, beat: &Beat, describe: &dyn Fn(usize) -> String) -> String {
    let trace = sim.trace();
    let lead = &trace[beat.lead];
    let authority = authority_asked(sim, beat).map_or_else(|| g::AUTHORITATIVE.to_string(), |a| format!("{} {a}", g::AUTHORITATIVE));
    let resolver = g::RESOLVER;
    let cache = g::CACHE;
    let s = match &beat.kind {
        BeatKind::One { event } => describe(*event),
        BeatKind::Lookup { answer, cached, attempt, .. } => {
            let again = attempt.map_or_else(String::new, |a| {
                format!("{} 第 {} 次{}投递。", who(sim, trace[a].from), attempt_number(&trace[a]), g::ATTEMPT)
            });
            let asker = if attempt.is_some() { "它".to_string() } else { who(sim, lead.from) };
            let how = if *cached { format!("{resolver}直接用{cache}里的{}作答", g::ANSWER) } else { format!("{resolver}去问{authority}") };
            match &trace[*answer].kind {
                EventKind::DnsAnswer { name, rtype, answer: answer @ Answer::Records(rrs), .. }
                    if rtype.as_str() == "MX" && !rrs.iter().any(|r| r.is_null_mx()) =>
                {
                    let list = answer_list(answer, |h, p| format!("{h}（{} {p}）", g::PREFERENCE), "、");
                    format!(
                        "{again}{asker} 向 DNS 查询哪些服务器接收 {name} 的邮件，{how}：{list}。这些是主机名；{}数值越小越优先。",
                        g::PREFERENCE
                    )
                }
                EventKind::DnsAnswer { name, rtype, .. } => {
                    format!("{again}{asker} 向 DNS 查询 {name} 的 {} 记录，{how}。{}", rtype.as_str(), describe(*answer))
                }
                _ => describe(*answer),
            }
        }
        BeatKind::Addresses { answers, cached, plan } => {
            let plan = plan_or_repeat(sim, beat, *plan, describe, |hosts| format!("它再次尝试 {hosts}。"));
            if answers.is_empty() {
                return plan;
            }
            let found = addresses(sim, answers).into_iter().map(|(h, a)| format!("{h} 是 {a}")).collect::<Vec<_>>().join("，");
            let how = if *cached { format!("{resolver}用{cache}作答") } else { format!("{resolver}去问{authority}") };
            format!("{} 查出每台 MX 主机的{}（{how}）：{found}。{plan}", who(sim, lead.from), g::ADDRESS)
        }
        BeatKind::Retry { attempt, plan, .. } => {
            let a = &trace[*attempt];
            let start = match attempt_number(a) {
                1 => format!("{} 开始把邮件继续投递出去", who(sim, a.from)),
                n => format!("{} 第 {n} 次{}投递", who(sim, a.from), g::ATTEMPT),
            };
            let plan = plan_or_repeat(sim, beat, *plan, describe, |hosts| format!("它再次尝试 {hosts}。"));
            format!("{start}：{mx}和{addr}都还在{resolver}的{cache}里，所以不用再问别人。{plan}", mx = g::MX_RECORD, addr = g::ADDRESS)
        }
        BeatKind::Talk { connect, last } => {
            let c = &trace[*connect];
            let cmds = commands(sim, *connect, *last);
            if cmds.is_empty() {
                format!("{} 连接 {} 的 25 端口，对方回复 220：准备就绪。", who(sim, c.from), who(sim, c.to))
            } else {
                let list = cmds.iter().map(|c| command(*c)).collect::<Vec<_>>().join("、");
                let data = if cmds.contains(&Command::Data) { "（DATA 之后是 354：请开始发送正文）" } else { "" };
                format!(
                    "{} 连接 {} 的 25 端口，用 SMTP 依次发送 {list}；{} 每一步都回复 250：好的{data}。",
                    who(sim, c.from),
                    who(sim, c.to),
                    short(sim, c.to)
                )
            }
        }
        BeatKind::NoAnswer { connect, failure, deferred } => {
            let c = &trace[*connect];
            let EventKind::Connect { addr, host, .. } = &c.kind else { return describe(*failure) };
            let first = match &trace[*failure].kind {
                EventKind::ConnectTimedOut { waited_secs, .. } if beat.key == Some(Key::Silent) => format!(
                    "{} 连接 {host}（{addr}）的 25 端口，等了 {waited_secs} 秒也没有任何回应：{}的服务器什么也不会说。",
                    who(sim, c.from),
                    g::DOWN
                ),
                EventKind::ConnectTimedOut { waited_secs, .. } => {
                    format!("{} 连接 {host}（{addr}）的 25 端口，等了 {waited_secs} 秒也没有任何回应。", who(sim, c.from))
                }
                _ => format!(
                    "{} 连接 {host}（{addr}）的 25 端口，立刻被拒绝：机器在线，但没有邮件服务在监听。",
                    who(sim, c.from)
                ),
            };
            match deferred {
                Some(d) => format!("{first}{}", describe(*d)),
                None => first,
            }
        }
        BeatKind::Refusal { reply, deferred } => match deferred {
            Some(d) => format!("{}{}", describe(*reply), describe(*d)),
            None => describe(*reply),
        },
        BeatKind::Accepted { took, .. } => match &trace[*took].kind {
            EventKind::Stored { .. } => describe(*took),
            _ => {
                let t = &trace[*took];
                format!(
                    "{} 对邮件正文回复 250，把它放进自己的{}：从现在起邮件归它负责，绝不能弄丢；{} 可以不再管它了。",
                    who(sim, t.to),
                    g::QUEUE,
                    sim.host(t.from).name
                )
            }
        },
        BeatKind::Expiry { count } if *count <= 1 => describe(beat.first),
        BeatKind::Expiry { .. } => {
            let names = expired_names(sim, beat).join("、");
            format!(
                "{resolver}{cache}里的记录（{names}）{ttl} 耗尽，已{expired}并被删除：下次查询必须重新去问{}。",
                g::AUTHORITATIVE,
                ttl = g::TTL,
                expired = g::EXPIRED
            )
        }
    };
    tidy(&s)
}

pub fn notice(key: Key) -> &'static str {
    match key {
        Key::Down => "看看当首选服务器没有回应时，发件服务器会怎么做。",
        Key::Up => "没有人通知其他服务器：它们要等下一次尝试时才会发现。",
        Key::Change => "模型从这里开始重新计算；之前看到的保持不变。",
        Key::Split => "决定邮件去向的只有 @ 后面的域名。",
        Key::MxAnswer => "DNS 给出的是主机名而不是地址；优先级数值越小越优先。",
        Key::DnsFailed => "一个 DNS 应答就可能在询问任何邮件服务器之前结束投递。",
        Key::Addresses => "第一次连接之前，每台 MX 主机的地址都要先查出来。",
        Key::DropsItself => "备用 MX 绝不会投递给自己，也不会投递给比自己优先级更低的 MX。",
        Key::Silent => "宕机的服务器从不说“不”：发件服务器只能等到超时。",
        Key::Refused => "拒绝连接很快：25 端口上没有任何服务在监听。",
        Key::Said => "4xx 回复表示稍后再试；5xx 回复表示放弃。",
        Key::Deferred => "邮件没有丢：它在队列里等待下一次尝试。",
        Key::Accepted => "收到这个 250 之后，发件服务器就不再管这封邮件：投递由备用 MX 负责。",
        Key::TtlOut => "在此之前每次查询得到的都是缓存里的应答，即使区域已经改了。",
        Key::Forward => "主 MX 一恢复回应，备用 MX 就把邮件转交给它。",
        Key::Delivered => "只有最终服务器会写入 .eml 文件；每一跳都加上了自己的 Received: 行。",
        Key::Bounced => "发件人是从自己邮箱里的一封退信得知失败的。",
    }
}

pub fn chapter_title(key: Option<Key>) -> &'static str {
    match key {
        None => "故事开始",
        Some(Key::Down) => "服务器宕机",
        Some(Key::Up) => "服务器恢复",
        Some(Key::Change) => "一处改动",
        Some(Key::Split) => "拆分地址",
        Some(Key::MxAnswer) => "MX 应答",
        Some(Key::DnsFailed) => "DNS 说不",
        Some(Key::Addresses) => "查出地址",
        Some(Key::DropsItself) => "备用 MX 去掉自己",
        Some(Key::Silent) => "没有回应",
        Some(Key::Refused) => "连接被拒绝",
        Some(Key::Said) => "服务器说不",
        Some(Key::Deferred) => "留待重试",
        Some(Key::Accepted) => "放进队列",
        Some(Key::TtlOut) => "TTL 耗尽",
        Some(Key::Forward) => "转交",
        Some(Key::Delivered) => "写入 .eml",
        Some(Key::Bounced) => "放弃投递",
    }
}
