//! The Chinese twin of `text/beats.rs`: one sentence per grouped beat and
//! the "what to notice" line of each key moment.

use super::glossary as g;
use super::tidy;
use crate::beats::{Beat, BeatKind, Key};
use crate::model::dns::Answer;
use crate::model::event::EventKind;
use crate::model::smtp::Command;
use crate::model::{HostId, Simulation};
use super::duration::{clock, duration};
use crate::text::beat_facts::{addresses, answer_list, attempt_number, authority_zone, commands, deferral, expired_names, plan_or_repeat, plan_words, refused_recipients, PlanWords};
use crate::text::labels::host_label;
use crate::text::Lang;

/// A host as a grouped beat names it: its label ("MX2", "发件服务器"), which
/// the stage shows on its box, or its name.
fn short(sim: &Simulation, h: HostId) -> String {
    host_label(sim.host(h), Lang::Zh).unwrap_or_else(|| sim.host(h).name.to_string())
}

fn command(sim: &Simulation, env: Option<u32>, c: Command) -> String {
    let e = env.map(|e| sim.envelope(e));
    match (c, e) {
        (Command::MailFrom, Some(e)) => format!("MAIL\u{a0}FROM:<{}>", e.from_text()),
        (Command::RcptTo, Some(e)) => format!("RCPT\u{a0}TO:<{}>", e.to),
        (Command::Body, _) => "邮件正文".into(),
        (c, _) => c.name().to_string(),
    }
}

/// "mx1.example.com（优先级 10），然后是 mx2.example.com（优先级 20）".
fn in_order(list: &[(String, u16)]) -> String {
    list.iter().map(|(h, p)| format!("{h}（{} {p}）", g::PREFERENCE)).collect::<Vec<_>>().join("，然后是 ")
}

fn plan_sentence(sim: &Simulation, beat: &Beat, plan: Option<usize>, describe: &dyn Fn(usize) -> String) -> String {
    let told = |p: usize| match plan_words(sim, p) {
        PlanWords::Order(list) => format!("它将依次尝试 {}。", in_order(&list)),
        PlanWords::DropsItself { at, left } => format!(
            "它在列表中找到了自己（{pref} {at}），于是把自己及{pref}数值不小于 {at} 的主机全部排除（{backup} 绝不投递给自己），只剩 {}。",
            in_order(&left),
            pref = g::PREFERENCE,
            backup = g::BACKUP_MX
        ),
        PlanWords::Own => describe(p),
    };
    plan_or_repeat(sim, beat, plan, &told, |hosts| format!("它再次尝试 {hosts}。"))
}

pub fn sentence(sim: &Simulation, beat: &Beat, describe: &dyn Fn(usize) -> String) -> String {
    let trace = sim.trace();
    let lead = &trace[beat.lead];
    let authority = match authority_zone(sim, beat) {
        Some(zone) if zone.is_empty() => format!("{}服务器", g::ROOT_DNS),
        Some(zone) => format!("{zone} 的{}", g::AUTHORITATIVE),
        None => g::AUTHORITATIVE.to_string(),
    };
    let resolver = g::RESOLVER;
    let cache = g::CACHE;
    let s = match &beat.kind {
        BeatKind::One { event } => describe(*event),
        BeatKind::Lookup { answer, cached, attempt, .. } => {
            let again = attempt.map_or_else(String::new, |a| {
                format!("{} 第 {} 次{}投递。", short(sim, trace[a].from), attempt_number(&trace[a]), g::ATTEMPT)
            });
            let asker = if attempt.is_some() { "它".to_string() } else { short(sim, lead.from) };
            let how = if *cached { format!("{resolver}直接用{cache}里的{}作答", g::ANSWER) } else { format!("{resolver}转而查询 {authority}") };
            match &trace[*answer].kind {
                EventKind::DnsAnswer { name, rtype, answer: answer @ Answer::Records(rrs), .. }
                    if rtype.as_str() == "MX" && !rrs.iter().any(|r| r.is_null_mx()) =>
                {
                    let list = answer_list(answer, |h, p| format!("{h}（{} {p}）", g::PREFERENCE), "、");
                    format!(
                        "{again}{asker} 向 DNS 查询哪些服务器接收 {name} 的邮件，{how}，得到{}：{list}。注意：返回的是主机名而不是 IP {}；{}数值越小越优先。",
                        g::ANSWER,
                        g::ADDRESS,
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
            let plan = plan_sentence(sim, beat, *plan, describe);
            if answers.is_empty() {
                return plan;
            }
            let found = addresses(sim, answers).into_iter().map(|(h, a)| format!("{h} 是 {a}")).collect::<Vec<_>>().join("，");
            let how = if *cached { format!("（来自{resolver}的{cache}）") } else { String::new() };
            format!("{} 查出每台 MX 主机的{}{how}：{found}。{plan}", short(sim, lead.from), g::ADDRESS)
        }
        BeatKind::Retry { attempt, plan, .. } => {
            let a = &trace[*attempt];
            let start = match attempt_number(a) {
                1 => format!("{} 开始把邮件继续投递出去", short(sim, a.from)),
                n => format!("{} 第 {n} 次{}投递", short(sim, a.from), g::ATTEMPT),
            };
            format!("{start}：所有{}都还在{resolver}的{cache}里，无需再查询{}。{}", g::ANSWER, g::AUTHORITATIVE, plan_sentence(sim, beat, *plan, describe))
        }
        BeatKind::Talk { connect, last } => {
            let c = &trace[*connect];
            let (client, server) = (short(sim, c.from), short(sim, c.to));
            let cmds = commands(sim, *connect, *last);
            if cmds.is_empty() {
                format!("{client} 连接 {server} 的 25 端口，对方回复 220：准备就绪。")
            } else {
                let list = cmds.iter().map(|(cmd, env)| command(sim, Some(*env), *cmd)).collect::<Vec<_>>().join("、");
                let data = cmds.iter().any(|(c, _)| *c == Command::Data);
                let refused = refused_recipients(sim, *connect, *last);
                let each = match (data, refused.is_empty()) {
                    (true, true) => "对各条命令回复 250（成功），对 DATA 回复 354（请发送正文）".to_string(),
                    (false, true) => "对各条命令回复 250（成功）".to_string(),
                    (_, false) => {
                        let names = refused.iter().map(|(to, code)| format!("{to}（{code}）")).collect::<Vec<_>>().join("、");
                        let go_on = if data { "随后一次 DATA 把邮件发给它接受的收件人" } else { "没有剩下的收件人，所以不再发送 DATA" };
                        format!("只拒绝了 {names} 这一个收件人，其余都回复 250（成功）。{go_on}")
                    }
                };
                format!("{client} 连接 {server} 的 25 端口，依次发送 {list}；{server} {each}。")
            }
        }
        BeatKind::NoAnswer { connect, failure, deferred } => {
            let c = &trace[*connect];
            let EventKind::Connect { addr, host, .. } = &c.kind else { return describe(*failure) };
            let client = short(sim, c.from);
            let first = match &trace[*failure].kind {
                EventKind::ConnectTimedOut { waited_secs, .. } if beat.key == Some(Key::Silent) => format!(
                    "{client} 连接 {host}（{addr}）的 25 端口，等了 {waited_secs} 秒仍无响应：{}的服务器根本不会应答。",
                    g::DOWN
                ),
                EventKind::ConnectTimedOut { waited_secs, .. } => {
                    format!("{client} 连接 {host}（{addr}）的 25 端口，等了 {waited_secs} 秒仍无响应。")
                }
                _ => format!("{client} 连接 {host}（{addr}）的 25 端口，立刻被拒绝：机器在线，但没有邮件服务在监听。"),
            };
            match deferred.and_then(|d| deferral(sim, d)) {
                Some((wait, at)) => format!("{first}它保留这封邮件，{} 后（{}）再试。", duration(wait), clock(at)),
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
                    "{} 收下邮件后回复 250 并放入自己的{}：从此这封邮件由它负责，不得丢失；{} 随即删除自己的副本。",
                    short(sim, t.to),
                    g::QUEUE,
                    short(sim, t.from)
                )
            }
        },
        BeatKind::Expiry { count } if *count <= 1 => describe(beat.first),
        BeatKind::Expiry { .. } => {
            let names = expired_names(sim, beat).join("、");
            format!(
                "{resolver}{cache}里的记录（{names}）{ttl} 到期，已从{cache}中删除：下次查询须重新向 {} 查询。",
                g::AUTHORITATIVE,
                ttl = g::TTL
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
        Key::Stale => "区域已经改了，但解析器仍然用改动之前缓存的应答作答：旧的服务器。",
        Key::TtlOut => "在此之前每次查询得到的都是缓存里的应答，即使区域已经改了。",
        Key::LaterWorks => "之前说“稍后再试”的服务器这次收下了邮件：它要的只是重试。",
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
        Some(Key::MxAnswer) => "MX 查询结果",
        Some(Key::DnsFailed) => "DNS 说不",
        Some(Key::Addresses) => "查出地址",
        Some(Key::DropsItself) => "备用 MX 排除自身",
        Some(Key::Silent) => "没有回应",
        Some(Key::Refused) => "连接被拒绝",
        Some(Key::Said) => "服务器说不",
        Some(Key::Deferred) => "留待重试",
        Some(Key::Accepted) => "收入队列",
        Some(Key::Stale) => "缓存里的旧应答",
        Some(Key::TtlOut) => "TTL 到期",
        Some(Key::LaterWorks) => "稍后再试就成功",
        Some(Key::Forward) => "转发",
        Some(Key::Delivered) => "写入 .eml",
        Some(Key::Bounced) => "放弃投递",
    }
}

pub fn prompt(story: &str, key: Key) -> Option<&'static str> {
    Some(match (story, key) {
        ("seed-story", Key::MxAnswer) => "猜一猜：发件服务器会先尝试哪台服务器？点“继续”看答案。",
        ("seed-story", Key::Deferred) => "试一试：现在点击 MX1，让它恢复运行，再点“继续”。MX2 什么时候会发现？",
        ("ttl-change", Key::Change) => "猜一猜：下一封邮件在 T+2 分发出，它会到达 mx1 还是 mx-new？",
        ("greylisting", Key::Said) => "猜一猜：发件服务器会现在放弃，还是稍后再来？",
        _ => return None,
    })
}
