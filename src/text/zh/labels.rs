//! Short words for things on the stage and in menus, in Chinese: host
//! labels, fault modes, retry policies, DNS answers in a packet label. The
//! twin of `text/labels.rs`; stage words stay about as wide as the English.

use super::glossary as g;
use crate::model::dns::Answer;
use crate::model::edit::{self, Comparison};
use crate::model::event::EventKind;
use crate::model::host::{Host, Role};
use crate::model::retry::RetryPolicy;
use crate::model::smtp::FaultMode;
use crate::model::Scenario;
use crate::text::neutral;

/// What an answer without records says.
const NO_RECORDS: &str = "无记录";

/// "发件服务器", "MX1", "解析器", the zone's origin, "根 DNS"; `None` for a host
/// known only by its name.
pub fn host_label(host: &Host) -> Option<String> {
    match host.role {
        Role::Sender => Some(g::SENDER.into()),
        Role::Client => Some(g::CLIENT.into()),
        Role::Mx(rank) => Some(format!("MX{rank}")),
        Role::Mail => Some(g::MAIL_SERVER.into()),
        Role::Resolver => Some(g::RESOLVER.into()),
        Role::Zone => host.origin.as_deref().map(str::to_string),
        Role::Root => Some(g::ROOT_DNS.into()),
    }
}

pub fn fault_label(mode: FaultMode) -> &'static str {
    match mode {
        FaultMode::Normal => "正常运行",
        FaultMode::Refuse => "拒绝连接",
        FaultMode::Busy => "问候时繁忙（421）",
        FaultMode::GreetingRejected => "无 SMTP 服务（554）",
        FaultMode::ShuttingDown => "会话中途关闭（421）",
        FaultMode::SenderTempfail => "在 MAIL FROM 时失败（451）",
        FaultMode::SenderRejected => "拒绝发件人（550）",
        FaultMode::Greylist => "灰名单（450）",
        FaultMode::MailboxBusy => "邮箱繁忙（450）",
        FaultMode::Reject => "拒收邮件（550）",
        FaultMode::MailboxFull => "邮箱已满（452）",
        FaultMode::DataTempfail => "在 DATA 时失败（451）",
        FaultMode::DataRejected => "拒绝 DATA（554）",
        FaultMode::NoStorage => "收完正文后磁盘已满（452）",
        FaultMode::TooBig => "邮件过大（552）",
        FaultMode::BodyRejected => "拒收这封邮件（554）",
        FaultMode::ContentRejected => "因内容拒收邮件（550）",
        FaultMode::DropAfterBody => "在回复 250 之前断开连接",
    }
}

/// The status line under a server's name on the stage: short.
pub fn status_words(up: bool, fault: FaultMode) -> &'static str {
    if !up {
        return g::DOWN;
    }
    match fault {
        FaultMode::Normal => "运行中",
        FaultMode::Refuse => "运行中，拒绝连接",
        FaultMode::Busy => "运行中，421 繁忙",
        FaultMode::GreetingRejected => "运行中，554 拒绝",
        FaultMode::ShuttingDown => "运行中，会话中 421",
        FaultMode::SenderTempfail => "运行中，MAIL 451",
        FaultMode::SenderRejected => "运行中，MAIL 550",
        FaultMode::Greylist => "运行中，灰名单",
        FaultMode::MailboxBusy => "运行中，450 邮箱忙",
        FaultMode::Reject => "运行中，550 拒收",
        FaultMode::MailboxFull => "运行中，邮箱已满",
        FaultMode::DataTempfail => "运行中，DATA 451",
        FaultMode::DataRejected => "运行中，DATA 554",
        FaultMode::NoStorage => "运行中，452 无空间",
        FaultMode::TooBig => "运行中，552 过大",
        FaultMode::BodyRejected => "运行中，正文后 554",
        FaultMode::ContentRejected => "运行中，内容被拒 550",
        FaultMode::DropAfterBody => "运行中，250 前断开",
    }
}

pub fn retry_name(policy: &RetryPolicy) -> &'static str {
    match policy {
        RetryPolicy::Postfix(_) => "Postfix 默认",
        RetryPolicy::Exim(e) if e.is_default() => "Exim 默认",
        RetryPolicy::Exim(_) => "Exim 自定规则",
        RetryPolicy::RfcMinimum => "RFC 5321 最低要求",
        RetryPolicy::Custom { .. } => "自定义",
    }
}

/// "10 mx1.example.com. 20 mx2.example.com.", "无记录", "NXDOMAIN".
pub fn answer_label(answer: &Answer) -> String {
    neutral::answer_label(answer, NO_RECORDS)
}

/// A DNS answer one record per item, for a table cell that may wrap.
pub fn answer_lines(answer: &Answer) -> Vec<String> {
    neutral::answer_lines(answer, NO_RECORDS)
}

/// A DNS answer as a stage label: "MX 10 mx1, 20 mx2", "mx2 = 203.0.113.20".
pub fn answer_pill(name: &str, answer: &Answer) -> String {
    neutral::answer_pill(name, answer, NO_RECORDS)
}

/// The two worlds of a comparison, this one first: "有备用 MX（mx2.example.com）", "没有备用 MX".
pub fn comparison_labels(c: Comparison, this: &Scenario, other: &Scenario) -> (String, String) {
    match c {
        Comparison::Backup => {
            let backups = edit::backups(this);
            let with = if backups.is_empty() {
                format!("这里也没有{}", g::BACKUP_MX)
            } else {
                super::tidy(&format!("有{}（{}）", g::BACKUP_MX, backups.join("、")))
            };
            (with, format!("没有{}", g::BACKUP_MX))
        }
        Comparison::Retry => (
            format!("{}：{}", g::RETRY, retry_name(&this.retry)),
            format!("{}：{}", g::RETRY, retry_name(&other.retry)),
        ),
        Comparison::Ttl => ("TTL 300 秒".into(), "TTL 86400 秒（一天）".into()),
    }
}

/// The choice in the comparison menu.
pub fn comparison_name(c: Comparison) -> &'static str {
    match c {
        Comparison::Backup => "有无备用 MX 的对比",
        Comparison::Retry => "Postfix 与 Exim 的重试对比",
        Comparison::Ttl => "TTL 300 秒与 86400 秒的对比",
    }
}

/// A few words for an event that happens at one host, for the stage.
pub fn event_tag(kind: &EventKind) -> String {
    match kind {
        EventKind::Enqueued { .. } => format!("已入{}", g::QUEUE),
        EventKind::AttemptStarted { attempt, .. } => format!("第 {attempt} 次{}", g::ATTEMPT),
        EventKind::DnsQuery { rtype, name, .. } => format!("{}? {name}", rtype.as_str()),
        EventKind::DnsAnswer { answer, .. } => answer_label(answer),
        EventKind::CacheHit { .. } => format!("{}命中", g::CACHE),
        EventKind::Cached { ttl, .. } => format!("{} {ttl} 秒", g::CACHE),
        EventKind::NotCached { .. } => format!("{} 0：不{}", g::TTL, g::CACHE),
        EventKind::CacheExpired { .. } => format!("{} 已过期", g::TTL),
        EventKind::CacheFlushed => format!("{}已清空", g::CACHE),
        EventKind::Planned { .. } => "MX 顺序".into(),
        EventKind::HostSkipped { .. } => format!("跳过：无{}", g::ADDRESS),
        EventKind::HostIsAlias { .. } => "MX 是别名".into(),
        EventKind::DnsTimedOut { attempt, .. } => format!("无应答（第 {attempt} 次）"),
        EventKind::ConnectionLost { .. } => format!("{}断开", g::CONNECTION),
        EventKind::Connect { .. } => "SYN :25".into(),
        EventKind::ConnectRefused { .. } => format!("拒绝{}", g::CONNECTION),
        EventKind::ConnectTimedOut { .. } => g::TIMEOUT.into(),
        EventKind::Command { .. } => "命令".into(),
        EventKind::Reply { reply, .. } => reply.code.to_string(),
        EventKind::Deferred { next_retry, .. } => format!("↻ {}", super::duration::clock(*next_retry)),
        EventKind::Stored { file, .. } => format!("{file}"),
        EventKind::Bounced { .. } => g::BOUNCE.into(),
        EventKind::Dropped { .. } => "已丢弃".into(),
        EventKind::HostDown => g::DOWN.into(),
        EventKind::HostUp => "已恢复".into(),
        EventKind::FaultSet { mode } => fault_label(*mode).into(),
        EventKind::ZoneChanged { .. } => format!("{}已变更", g::ZONE),
    }
}
