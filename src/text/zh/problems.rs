//! Bad input in Chinese words: what is wrong with a scenario, an address or
//! a name, and the rule it breaks. Field names stay as the format has them
//! (`zones[1].records[0].preference`), and so do RFC section labels. The
//! twin of `text/problems.rs`.

use super::glossary as g;
use super::tidy;
use crate::link::{LinkError, MAX_LINK};
use crate::model::address::{AddressError, DomainError, MAX_DOMAIN, MAX_LOCAL_PART, MAX_PATH};
use crate::model::retry::{RetryProblem, MAX_TRIES};
use crate::model::scenario::{FormatError, JsonError, JsonErrorKind, Problem, ScenarioError};
use crate::text::neutral::{field_rule, misfit, short, Expected, Found, Misfit};
use crate::player::{Notice, RunError};

/// "zones[0].records[1].preference：优先级 70000 超出 0 到 65535 的范围（RFC 5321 5.1：…）"
pub fn scenario_error(e: &ScenarioError) -> String {
    tidy(&format!("{}：{}（{}）", e.field, problem(&e.problem), rule(&e.problem)))
}

pub fn format_error(e: &FormatError) -> String {
    match e {
        FormatError::Json(e) => json_error(e),
        FormatError::Rule(e) => scenario_error(e),
    }
}

/// "zones[0].records[0].ttl：数字 1e30 不是整数（RFC 2181 8：…）"
pub fn json_error(e: &JsonError) -> String {
    if e.field.is_empty() || !matches!(e.kind, JsonErrorKind::Shape(_)) {
        tidy(&format!("不是有效的{}：{}", g::SCENARIO, json_detail(e)))
    } else {
        json_detail(e)
    }
}

pub fn json_detail(e: &JsonError) -> String {
    let JsonError { field, line, column, .. } = e;
    let s = match &e.kind {
        JsonErrorKind::Syntax => {
            format!("这不是 JSON（第 {line} 行第 {column} 列：缺少或多了一个逗号、引号或括号）")
        }
        JsonErrorKind::CutShort => {
            format!("文本在 JSON 结束之前就断了（第 {line} 行第 {column} 列）；是否被截断了？")
        }
        JsonErrorKind::Shape(shape) => {
            let what = match misfit(shape) {
                Misfit::Value { found, expected } => {
                    format!("{}不是{}", found_zh(&found), expected_zh(&expected))
                }
                Misfit::Length { expected } => format!("列表 [ … ] 不是{}", expected_zh(&expected)),
                Misfit::UnknownVariant { found, choices } => {
                    format!("{}不是 {} 之一", quoted(&short(found)), choices.join("、"))
                }
                Misfit::Missing(f) => format!("缺少字段 {f}"),
                Misfit::Duplicate(f) => format!("字段 {f} 出现了两次"),
                Misfit::Other(s) => s.to_string(),
            };
            let rule = field_rule(field).map(|p| format!("（{}）", rule(&p))).unwrap_or_default();
            if field.is_empty() { format!("{what}{rule}") } else { format!("{field}：{what}{rule}") }
        }
    };
    tidy(&s)
}

fn found_zh(f: &Found) -> String {
    match f {
        Found::Number(n) => format!("数字 {n} "),
        Found::Text(t) => format!("文本{}", quoted(&short(t))),
        Found::Bool(b) => format!("{b} "),
        Found::List => "列表 [ … ] ".into(),
        Found::Object => "对象 { … } ".into(),
        Found::Null => "null ".into(),
        Found::Other(o) => format!("{o} "),
    }
}

fn expected_zh(e: &Expected) -> String {
    match e {
        Expected::Whole => "大于等于 0 的整数".into(),
        Expected::Integer => "整数".into(),
        Expected::Number => "数字".into(),
        Expected::Text => "带引号的文本".into(),
        Expected::Bool => " true 或 false".into(),
        Expected::List => "列表 [ … ]".into(),
        Expected::Object => "对象 { … }".into(),
        Expected::Other(o) => format!(" {o}"),
    }
}

/// Why a pasted log could not be replayed, in one clause.
pub fn log_error(e: &crate::replay::ReplayError) -> String {
    use crate::replay::LogError as L;
    use crate::replay::ReplayError as R;
    let s = match e {
        R::Log(L::TooLarge(n)) => format!("日志有 {n} 字节；一次最多读取 {} 字节", crate::replay::MAX_LOG_BYTES),
        R::Log(L::NotText) => "这不是文本：其中有日志不会包含的控制字符".into(),
        R::Log(L::NoDeliveryLines { lines }) => format!("它的 {lines} 行中没有一行是关于投递的 Postfix 日志（to=<…>、status=…）"),
        R::Log(L::ClockBackwards { line }) => format!("某台机器的时钟在第 {line} 行倒退了：请按各台机器自己的顺序粘贴它们的日志行"),
        R::Log(L::Exim { .. }) => "这是 Exim 自己的日志（mainlog）：重放读取的是 Postfix 的 mail.log，暂时还不读 Exim 的".into(),
        R::NoSubmission => "其中没有机器提交邮件（没有 pickup 行）：请把发件机器的日志行也粘贴进来".into(),
    };
    tidy(&s)
}

/// The twin of `text::problems::not_reproduced`: `apart` is the model's
/// nearest event of the line's kind (milliseconds away, later or not).
pub fn not_reproduced(gives_up: bool, stamp: &str, apart: Option<(u64, bool)>) -> String {
    let what = if gives_up { "放弃了这封邮件" } else { "有一次投递尝试" };
    let nearest = match apart {
        Some((ms, true)) => format!("；模型最接近的一次晚了 {}", super::duration::duration(ms)),
        Some((ms, false)) => format!("；模型最接近的一次早了 {}", super::duration::duration(ms)),
        None => "；模型里没有这一类事件".to_string(),
    };
    tidy(&format!("日志显示在 {stamp} {what}，推断出的设置不会产生它{nearest}"))
}

/// The rule a value breaks, for the message and for the editors' hints.
pub fn rule(p: &Problem) -> &'static str {
    match p {
        Problem::PreferenceOutOfRange(_) => "RFC 5321 5.1：MX 优先级是 16 位的数，范围 0 到 65535",
        Problem::TtlOutOfRange(_) => "RFC 2181 8：TTL 为 0 到 2147483647 秒",
        Problem::BadAddress(..) => "RFC 5321 4.1.2 和 4.5.3.1：格式为 local-part@domain，最多 64/255/256 字节",
        Problem::BadName(..) => "RFC 1035 2.3.1：标签由字母、数字和连字符组成，每个最多 63 字节",
        Problem::MxHostIsAddress(_) => "RFC 5321 5.1：MX 记录指向主机名，绝不能是地址",
        Problem::MxHostEmpty => "RFC 5321 5.1：MX 记录必须指向一台主机（单独一个“.”表示空 MX）",
        Problem::NullMxNotAlone => "RFC 7505 3：空 MX 必须是其域名唯一的 MX 记录",
        Problem::CnameNotAlone => "RFC 1034 3.6.2：别名（CNAME）所在的名字上不能有其他记录",
        Problem::Duplicate(_) => "每个名字只能出现一次",
        Problem::NameOutsideZone(..) => "一个区域只包含它的域名本身及其下级的名字",
        Problem::BadIp(_) => "A 记录存放 IPv4 地址，AAAA 记录存放 IPv6 地址",
        Problem::BadTime(_) => "时间是从开始算起的秒数，0 到 1 年",
        Problem::NoRecipients => "一封邮件至少要有一个收件人",
        Problem::UnknownHost(_) | Problem::SenderNotAServer(_) => "提到的每台主机都必须先声明",
        Problem::BadRetry(_) | Problem::BadLifetime(_) => "重试计划必须逐步推进并且有终点（RFC 5321 4.5.4.1）",
        Problem::TimingOutOfRange(_) => "时间参数必须为正；SERVFAIL 最多缓存 300 秒（RFC 2308 7.1）",
        Problem::TooLarge(..) => "场景必须足够小，才能播放动画",
    }
}

/// A value the reader typed, in Chinese quotation marks: “mx9”. Control
/// characters are escaped, so that a tab or a newline can be seen.
fn quoted(v: &str) -> String {
    let shown: String = v.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
    format!("“{shown}”")
}

/// What there are too many of, by the format's field (the field itself if
/// it is not one of these).
fn many(what: &str) -> String {
    match what {
        "zones" => g::ZONE.into(),
        "servers" => "服务器".into(),
        "messages" => "邮件".into(),
        "timeline" => "时间线事件".into(),
        "records" => "记录".into(),
        "recipients" => "收件人".into(),
        "characters" => "字符".into(),
        other => format!("{other} 中的条目"),
    }
}

pub fn problem(p: &Problem) -> String {
    let s = match p {
        Problem::UnknownHost(h) => format!("没有名为{}的服务器或{}", quoted(h), g::RESOLVER),
        Problem::PreferenceOutOfRange(p) => format!("{} {p} 超出 0 到 65535 的范围", g::PREFERENCE),
        Problem::TtlOutOfRange(t) => format!("TTL {t} 超出 0 到 2147483647 的范围"),
        Problem::BadAddress(a, why) => format!("{}不是有效的{}：{}", quoted(a), g::ADDRESS, address_error(why)),
        Problem::BadName(n, why) => format!("{}不是有效的主机名：{}", quoted(n), domain_error(why)),
        Problem::MxHostIsAddress(a) => format!("{}是 IP {}；MX 必须指向主机名", quoted(a), g::ADDRESS),
        Problem::MxHostEmpty => "MX 主机为空".into(),
        Problem::Duplicate(n) => format!("{}出现了两次", quoted(n)),
        Problem::NullMxNotAlone => format!("{}（“0 .”）与其他 MX 记录混在一起", g::NULL_MX),
        Problem::CnameNotAlone => format!("{}与另一条记录同名", g::ALIAS),
        Problem::NameOutsideZone(n, o) => format!("{}不在{}{}之内", quoted(n), g::ZONE, quoted(o)),
        Problem::BadIp(a) => format!("{}不是这种记录所需的{}", quoted(a), g::ADDRESS),
        Problem::BadTime(_) => "时间不是 0 到 31536000 之间的秒数".into(),
        Problem::NoRecipients => "没有收件人".into(),
        Problem::SenderNotAServer(h) => format!("{}{}不在已声明的服务器之中", g::SENDER, quoted(h)),
        Problem::BadRetry(why) => retry_problem(*why),
        Problem::BadLifetime(_) => retry_problem(RetryProblem::BadLifetime),
        Problem::TimingOutOfRange(which) => format!("{which} 超出范围"),
        Problem::TooLarge(what, n) => format!("{}太多（最多 {n} 个）", many(what)),
    };
    tidy(&s)
}

pub fn retry_problem(p: RetryProblem) -> String {
    match p {
        RetryProblem::WaitTooShort => "等待时间至少为 1 秒".into(),
        RetryProblem::BadFactor => format!("{}必须在 1 到 100 之间", g::GROWTH_FACTOR),
        RetryProblem::BadLifetime => format!("{}必须在 1 秒到 1 年之间", g::QUEUE_LIFETIME),
        RetryProblem::MaxBelowFirst => "最长等待时间不能短于第一次等待".into(),
        RetryProblem::TooManyTries => format!(
            "这个计划会{}超过 {MAX_TRIES} 次：请把最长等待时间调长，或把{}调短",
            g::ATTEMPT,
            g::QUEUE_LIFETIME
        ),
    }
}

pub fn address_error(e: &AddressError) -> String {
    let (m, d, b) = (g::LOCAL_PART, g::DOMAIN, g::OCTET);
    let s = match e {
        AddressError::MissingAt => format!("{}需要在{m}和{d}之间有一个 @", g::ADDRESS),
        AddressError::EmptyLocalPart => format!("@ 之前的部分（{m}）为空"),
        AddressError::EmptyDomain => format!("@ 之后的部分（{d}）为空"),
        AddressError::LocalPartTooLong(n) => {
            format!("{m}（本地部分）长 {n} {b}；RFC 5321 4.5.3.1.1 最多允许 {MAX_LOCAL_PART} {b}")
        }
        AddressError::DomainTooLong(n) => format!("{d}长 {n} {b}；RFC 5321 4.5.3.1.2 最多允许 {MAX_DOMAIN} {b}"),
        AddressError::PathTooLong(n) => {
            format!("{}连同 <> 长 {n} {b}；RFC 5321 4.5.3.1.3 最多允许 {MAX_PATH} {b}", g::ADDRESS)
        }
        AddressError::BadDomain(e) => domain_error(e),
        AddressError::BadCharacter(' ') => format!("{}中不能包含空格", g::ADDRESS),
        AddressError::BadCharacter(c) => format!("{}中不能包含{}", g::ADDRESS, quoted(&c.to_string())),
    };
    tidy(&s)
}

pub fn domain_error(e: &DomainError) -> String {
    let b = g::OCTET;
    let s = match e {
        DomainError::Empty => "名字为空".into(),
        DomainError::TooLong(n) => format!("名字长 {n} {b}；最多允许 {MAX_DOMAIN} {b}"),
        DomainError::EmptyLabel => "名字中有空标签（连续两个点，或以点开头）".into(),
        DomainError::LabelTooLong(l) => format!("标签{}超过 63 {b}（RFC 1035 2.3.4）", quoted(l)),
        DomainError::BadLabel(l) => format!("标签{}只能包含字母、数字和中间的连字符（RFC 1035 2.3.1）", quoted(l)),
        DomainError::IsAnAddress(a) => format!("{a} 是 IP {}，但这里必须是主机名（RFC 5321 5.1）", g::ADDRESS),
    };
    tidy(&s)
}

/// Why a link could not be opened, in one clause.
pub fn link_error(e: &LinkError) -> String {
    let shown = crate::text::neutral::link_value;
    let s = match e {
        LinkError::TooLong(n) => format!("链接长 {n} 个字符；最多接受 {MAX_LINK} 个"),
        LinkError::UnknownPreset(p) => format!("没有名为“{}”的{}", shown(p), g::STORY),
        LinkError::NotBase64 => format!("链接中的{}已损坏（不是有效的 base64；链接是否被截断了？）", g::SCENARIO),
        LinkError::NotText => format!("链接中的{}已损坏：它不是文本", g::SCENARIO),
        LinkError::NotJson(e) => format!("链接中的{}已损坏：{}", g::SCENARIO, json_detail(e)),
        LinkError::BreaksARule(e) => format!("链接中的{}无法使用：{}", g::SCENARIO, scenario_error(e)),
        LinkError::NotALog(e) => format!("链接中的邮件日志无法重放：{}", log_error(e)),
        LinkError::BadValue { key, value } => {
            // The link's own keys stay; `e=` is named by what it is.
            let key = if *key == "position" { "位置" } else { key };
            format!("链接中的 {key} 值“{}”不是可接受的值", shown(value))
        }
        LinkError::Both => format!("链接同时指定了预设{}和{}", g::STORY, g::SCENARIO),
    };
    tidy(&s)
}

/// The one notice for a link that cannot be opened.
pub fn bad_link_notice(e: &LinkError) -> String {
    tidy(&format!("无法打开这个链接：{}。改为显示默认{}。", link_error(e), g::STORY))
}

/// Why a scenario cannot be animated.
pub fn run_error(e: &RunError) -> String {
    match e {
        RunError::Rule(e) => scenario_error(e),
        RunError::TooManyEvents(n) => format!(
            "它会产生超过 {n} 个事件，太多了，无法播放动画；请减少邮件数量，或缩短{}",
            g::QUEUE_LIFETIME
        ),
    }
}

/// The page's notice for a refused link, file, edit or comparison.
pub fn notice(n: &Notice) -> String {
    let s = match n {
        Notice::BadLink(e) => bad_link_notice(e),
        Notice::NoSuchPreset(id) => format!("没有名为{}的预设{}。", quoted(id), g::STORY),
        Notice::ScenarioRefused(e) => format!("无法使用这个{}：{}", g::SCENARIO, run_error(e)),
        Notice::ChangeRefused(e) => format!("这项修改没有生效：{}", run_error(e)),
        Notice::OtherWorldRefused(e) => format!("无法显示用于对比的另一个{}：{}", g::SCENARIO, run_error(e)),
        Notice::FieldsIgnored(fields) => format!("这个{}包含本版本不认识的设置，已略去：{}。其余部分与分享时一致。", g::SCENARIO, fields.join("、")),
    };
    tidy(&s)
}
