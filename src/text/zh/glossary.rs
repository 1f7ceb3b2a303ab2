//! The Chinese terms, as Chinese mail administrators write them, in one
//! place: every Chinese sentence uses these, so a term reads the same
//! everywhere (the narration, the stage, the panels, the stories).

pub const MX_RECORD: &str = "MX 记录";
pub const RESOLVER: &str = "解析器";
pub const RECURSIVE_RESOLVER: &str = "递归解析器";
pub const CACHE: &str = "缓存";
pub const TTL: &str = "TTL";
pub const BOUNCE: &str = "退信";
pub const QUEUE: &str = "队列";
pub const BACKUP_MX: &str = "备用 MX";
pub const PRIMARY_MX: &str = "主 MX";
pub const GREYLISTING: &str = "灰名单";
pub const AUTHORITATIVE: &str = "权威 DNS 服务器";
pub const MAIL_SERVER: &str = "邮件服务器";
pub const SENDER_SERVER: &str = "发件服务器";
pub const MAILBOX: &str = "邮箱";
/// The part of an address before the @ (the local part), not a mailbox.
pub const LOCAL_PART: &str = "用户名";
pub const FOLDER: &str = "邮件目录";
pub const DOMAIN: &str = "域名";
pub const ADDRESS: &str = "地址";
pub const ENVELOPE_SENDER: &str = "信封发件人";
pub const ENVELOPE_RECIPIENT: &str = "信封收件人";
pub const NULL_MX: &str = "空 MX";
pub const IMPLICIT_MX: &str = "隐式 MX";
pub const PREFERENCE: &str = "优先级";
pub const RETRY: &str = "重试";
pub const DEFERRED: &str = "延迟投递";
pub const CONNECTION: &str = "连接";
pub const TIMEOUT: &str = "超时";
pub const ALIAS: &str = "别名（CNAME）";
pub const FORWARDING_LOOP: &str = "转发环路";
pub const BACKSCATTER: &str = "反向散射（backscatter）";
pub const NEGATIVE_ANSWER: &str = "否定应答";
pub const ANSWER: &str = "应答";
pub const REPLY: &str = "回复";
pub const EXPIRED: &str = "过期";
pub const GROWTH_FACTOR: &str = "增长倍数";
pub const QUEUE_LIFETIME: &str = "队列保留时间";
pub const SENDER: &str = "发件服务器";
pub const CLIENT: &str = "客户端";
pub const ROOT_DNS: &str = "根 DNS";
pub const ZONE: &str = "区域";
pub const ATTEMPT: &str = "尝试";
pub const DOWN: &str = "宕机";
pub const OCTET: &str = "字节";
pub const SCENARIO: &str = "场景";
pub const STORY: &str = "故事";
