//! The stories' titles and explanations in Simplified Chinese, by story id.
//! `text::stories` picks them by id; its test checks that every story has both.

/// (id, title, explanation), one per entry of `crate::presets::PRESETS`, in the same order.
pub static STORIES: &[(&str, &str, &str)] = &[
    (
        "seed-story",
        "MX1 宕机，MX2 代为保管邮件",
        "Alice 给 bob@example.com 写信，主 MX 宕机，备用 MX 先把邮件收进队列，等 MX1 恢复后再转交。她的邮件服务器向 DNS 查询 example.com 的 MX 记录，得到两个主机名：mx1（优先级 10）和 mx2（优先级 20），再逐个查询它们的地址。MX1 宕机了，于是发件服务器在 30 秒超时后改试 MX2；这是一台备用 MX，它接受邮件并放进自己的队列。随后 MX2 按 Postfix 的节奏重试 MX1：每次等待的时长等于邮件已在队列中停留的时间（至少 5 分钟），并在下一次每 5 分钟一轮的队列扫描时才开始，所以重试落在第 10、25 和 55 分钟。到第 30 分钟，解析器缓存的应答过期，在下一次重试时重新查询。MX1 在第 50 分钟恢复，但 MX2 直到下一次重试才发现；这时它转发邮件，最终由 MX1（而不是 MX2）把邮件写入 bob 的邮件目录，信中的三个 Received: 头记录了这一路：alice 的服务器、MX2、MX1。",
    ),
    (
        "ttl-change",
        "DNS 变更要等 TTL 过期",
        "example.com 在 T+1m 把邮件迁到 mx-new，但解析器已把旧的 MX 应答缓存了 300 秒。T+2m 发出的邮件仍然发往旧的 mx1，因为缓存会一直保留旧应答，直到 TTL 过期。只有 T+7m 发出的邮件（此时缓存条目已过期）才会重新查询，并送到 mx-new。迁移前先调低 TTL，可以缩短这段滞后。",
    ),
    (
        "implicit-mx",
        "没有 MX 记录：隐式 MX",
        "example.net 完全没有发布 MX 记录，只有一条 A 记录。这个名字是存在的，所以查询得到的是空应答而不是 NXDOMAIN，发件服务器于是退而使用隐式 MX：优先级 0，指向 example.net 本身（RFC 5321 5.1）。邮件被投递到 example.net 自己地址上的那台主机。",
    ),
    (
        "null-mx",
        "空 MX：不收邮件的域名",
        "example.org 只发布了一条 MX 记录“0 .”，即 RFC 7505 定义的空 MX：它不接收任何邮件。发件服务器既不排队也不重试，而是立即退信，状态码为 5.1.10（RFC 7505 要求使用这个代码；真实的 Postfix 3.7 写的是 5.1.0），退信落进 alice 自己的邮箱。",
    ),
    (
        "nxdomain-vs-servfail",
        "NXDOMAIN 立即退信，SERVFAIL 等待重试",
        "两封邮件同时发出：寄往不存在域名的那封立即退信，寄往 DNS 出了故障的域名的那封留在队列里重试。no-such-domain.example 不存在，应答是 NXDOMAIN；发件服务器（和 Postfix 一样）还会再查询该域名本身的地址，又从解析器的缓存得到 NXDOMAIN，于是第一封邮件立即退信（5.4.4，host not found，即找不到主机）。broken.example 是存在的，但查询它时返回 SERVFAIL：这是临时性的，所以第二封邮件留在队列中等待重试。T+20m 时 DNS 修好了，下一次重试便投递成功。",
    ),
    (
        "equal-preferences",
        "相同优先级分担负载",
        "example.com 有两条优先级同为 10 的 MX 记录，mxa 和 mxb，TTL 为 0，因此每封邮件都会重新查询。对每封邮件，发件服务器都会把优先级相同的记录随机打乱（使用场景的种子，所以每次运行都能重现），于是六封邮件分散到了两台服务器上，而不是总发给列在最前面的那台。",
    ),
    (
        "greylisting",
        "灰名单：请稍后再来",
        "MX1 启用了灰名单（postgrey）：对于此前从未见过的（客户端 IP、发件人、收件人）三元组，它会回复 450 4.2.0 “Greylisted”。真正的邮件服务器会保留邮件并稍后重试，垃圾邮件软件往往不会。Postfix 的下一次重试发生在至少 5 分钟后的下一次队列扫描：T+5m 时离 postgrey 的 300 秒还差一秒（Postfix 会把邮件提前至多一秒取出），于是再次被灰名单拒绝；再下一次，T+10m，邮件被接受。",
    ),
    (
        "all-down-bounce",
        "所有 MX 都宕机：五天后退信",
        "MX1 和 MX2 都宕机了，而且一直没有恢复。发件服务器保留邮件，并按 Postfix 的节奏重试：每次等待的时长等于邮件已在队列中停留的时间（至少 5 分钟，最多 4000 秒），并在下一次队列扫描时开始，如此持续五天（maximal_queue_lifetime）。之后它放弃投递，以空发件人 <> 给 alice 发送一封退信（投递状态通知），附上最后一次错误的状态。",
    ),
    (
        "backscatter",
        "不校验收件人的备用 MX 引发的反向散射",
        "MX2 是一台不知道哪些用户存在的备用 MX，所以在 MX1 宕机期间，它照样接收发给 nobody@example.com 的邮件。MX1 恢复后以 550 5.1.1 拒收这封邮件，而此时已对邮件负责的 MX2 只能把它退回给信封发件人。如果这个发件人是伪造的，退信就会落到一个无辜的地址上：这就是反向散射（backscatter）。而会校验收件人的备用 MX 在 RCPT 阶段就会直接拒收。",
    ),
    (
        "myth-mx-holds-addresses",
        "误区：MX 记录里存的是 IP 地址",
        "注意这两次查询：example.com 的 MX 应答里是主机名（mx1.example.com、mx2.example.com），从来不是地址。只有第二次查询，即对选中主机的 A 查询，才给出要连接的地址。",
    ),
    (
        "myth-lower-is-less-important",
        "误区：优先级数值越低，服务器越不重要",
        "区域文件里“20 mx2”写在“10 mx1”前面，但区域里的顺序并不重要，数值小也不代表服务器次要。发件服务器按优先级排序，先尝试 10（mx1），邮件由它收下。",
    ),
    (
        "myth-no-mx-no-mail",
        "误区：没有 MX 记录就收不到邮件",
        "example.net 没有 MX 记录，邮件却照样送达：发件服务器退而使用该域名自己的 A 记录，也就是隐式 MX（RFC 5321 5.1）。要拒收邮件，必须明确发布空 MX。",
    ),
    (
        "myth-equal-in-listed-order",
        "误区：相同优先级按列出的顺序尝试",
        "mxa 列在 mxb 前面，优先级相同，但发件服务器会把相同优先级的记录随机打乱，所以两台服务器都收到了六封邮件中的一部分。",
    ),
    (
        "myth-backup-delivers",
        "误区：备用 MX 会把邮件投递到邮箱",
        "MX1 宕机两小时，MX2 收下了邮件，但它没有邮箱：它只负责排队和转发。MX1 恢复后，MX2 把邮件交给它，由 MX1 写入 bob 的邮件目录；MX2 从未把它存进邮箱。",
    ),
    (
        "myth-nxdomain-is-servfail",
        "误区：NXDOMAIN 和 SERVFAIL 是同一种失败",
        "NXDOMAIN 是权威的“该域名不存在”，应立即退信；SERVFAIL 则是“我没能查出来”，应保留邮件并重试。第一封邮件立即退信；第二封在 DNS 修复后投递成功。",
    ),
    (
        "myth-dns-change-instant",
        "误区：DNS 变更会立刻处处生效",
        "MX 记录在 T+1m 更改，但解析器会缓存旧应答直到 TTL 过期：第二封邮件仍然发往旧服务器，只有过期后的第三封才发往新服务器。",
    ),
    (
        "myth-retry-every-few-seconds",
        "误区：发件服务器每隔几秒重试，永不停止",
        "唯一的 MX 宕机了三个小时，而重试的间隔先是几分钟，后来是几小时。Postfix 每次等待的时长等于邮件已在队列中停留的时间，至少 5 分钟，最多 4000 秒（约一小时），并在下一次每 5 分钟一轮的队列扫描时开始每次重试；如果五天后仍未成功，它就会放弃。这里服务器恢复了，下一次重试便投递成功。",
    ),
    (
        "spam-to-open-backup",
        "垃圾邮件直投不校验收件人的备用 MX：反向散射",
        "一台垃圾邮件机器绕过主 MX，直接发给备用 MX（MX2），这是垃圾邮件发送者躲避主 MX 过滤的常用手法。它伪造 alice 为发件人，收件人是并不存在的 nobody@example.com。MX2 不知道哪些用户存在，于是接受了邮件，随后转发给 MX1，MX1 拒收（550 5.1.1）。现在 MX2 手里有一封无法投递的邮件，只能退回给它拿到的发件人：alice，而她从未发过这封信。这种错投的退信就是反向散射（backscatter），也是许多域名撤掉备用 MX 的原因。",
    ),
    (
        "spam-to-strict-backup",
        "垃圾邮件直投会校验收件人的备用 MX",
        "同样的垃圾邮件直接发给 MX2，但这台 MX2 有一份有效收件人列表（Postfix relay_recipient_maps）。它在 RCPT 阶段就以 550 5.1.1 拒收 nobody@example.com，此时它还没有对这封邮件承担任何责任。垃圾邮件机器不会发送退信，其他人也收不到退信：没有反向散射。",
    ),
    (
        "backup-known-by-address",
        "以另一个名字列出的备用 MX",
        "example.com 列出了 MX1（10）、relay.example.com（15）和 MX2（20），但 relay.example.com 只是 MX2 地址的另一个名字。MX1 宕机，于是发件服务器通过 relay.example.com 连到了 MX2。MX2 再往下转发时，会查询每台 MX 主机，在优先级 15 处发现了自己的地址，于是丢弃这条记录以及所有优先级更低（数值更大）的记录，不仅比对名字，也比对地址（RFC 5321 5.1）。它只尝试 MX1，从不尝试自己，等 MX1 恢复后完成投递：没有形成环路。",
    ),
    (
        "forwarding-loop",
        "转发环路在跳数上限处终止",
        "两台中继都被配置为把 loop.example 的邮件发给对方（固定的下一跳，可用 Postfix 的 transport_maps 实现）。邮件来回传递，每经过一跳就多一个 Received: 头。当某台服务器数到的 Received: 头（连同它自己的）达到上限（Postfix 的 hopcount_limit 是 50；本故事把它调低到 10，好让过程短一些），它就在 DATA 结束时以 554 5.4.0 Error: too many hops 拒收这封邮件，发出它的那台中继再把它退给 alice，说明存在转发环路（RFC 5321 6.3）。",
    ),
    (
        "several-recipients",
        "一封邮件，三个收件人，一个会话",
        "alice 给 example.com 的 bob、carol 和 dave 写了一封邮件。她的服务器不会开三个连接：它只发送一次，在与 MX1 的一个 SMTP 会话里完成：一条 MAIL FROM，每个收件人一条 RCPT TO，再为 MX1 接受的收件人发送一次 DATA。MX1 认识 bob 和 dave，但不认识 carol：它对前两人的 RCPT TO 回复 250，对 carol 的回复 550 5.1.1 User unknown。邮件只在网络上传输一次，MX1 在 bob 和 dave 的邮件目录里各写入一个 .eml，而 alice 收到一封只写明 carol 的退信。",
    ),
    (
        "dropped-after-body",
        "连接在 250 之前断开：邮件到了两次",
        "MX1 收到了完整的邮件，但在最后的 250 送达发件服务器之前，连接断了。MX1 保留已收到的内容，并把它写入 bob 的邮件目录。发件服务器无从得知这一点：只有那个 250 才能告诉它（RFC 5321 6.1）。它必须保留自己的副本，稍后重试，而第二次尝试会把同一封邮件再投递一次。重复邮件是永不丢信的代价。",
    ),
    (
        "mx-is-an-alias",
        "指向别名的 MX 记录",
        "example.com 的 MX 记录指向 mail.example.com，而它是 mx1.example.com 的别名（CNAME）。RFC 2181 10.3 和 RFC 5321 5.1 规定 MX 必须指向主机名，而不是别名。大多数发件服务器仍会跟随别名，这里的发件服务器也是如此，但它们可能记录一条警告，有的则会拒绝：请让 MX 记录指向真实的主机名。",
    ),
    (
        "dns-timeout",
        "不应答的 DNS 服务器",
        "broken.example 的权威 DNS 服务器宕机了：它根本不应答，这和 SERVFAIL 不是一回事。解析器等满超时时间（5 秒）后再试，一共三次，然后才告诉发件服务器“暂时失败”。发件服务器保留邮件，稍后重试；十分钟后服务器重新应答，邮件投递成功。一台沉默的 DNS 服务器会让每次查询都耗上超时时间。",
    ),
];

/// (id, lesson): each story's lesson in one line, said beside its outcome at the end.
pub static LESSONS: &[(&str, &str)] = &[
    ("seed-story", "备用 MX 只是代为保管：邮件最终仍要交给最优先的 MX，只有它才会写入 .eml。"),
    ("ttl-change", "变更之后，旧的应答一直被使用到 TTL 耗尽：迁移之前先调低 TTL。"),
    ("implicit-mx", "没有 MX 记录并不等于不收邮件：域名自己的地址就是隐式 MX。"),
    ("null-mx", "空 MX（“0 .”）表示根本不收邮件：发件服务器立即退信，不再重试。"),
    ("nxdomain-vs-servfail", "NXDOMAIN 表示名字不存在（立即退信）；SERVFAIL 表示稍后重试。"),
    ("equal-preferences", "优先级相同的 MX 按随机顺序尝试，从而分担负载。"),
    ("greylisting", "灰名单用 4xx 拒绝第一次尝试；真正的邮件服务器稍后重试就能通过。"),
    ("all-down-bounce", "所有 MX 都宕机时，邮件会在队列里等上好几天，之后发件人才收到退信。"),
    ("backscatter", "接收未知用户邮件的备用 MX 只能事后退信，而退信会寄给伪造的发件人：这就是反向散射。"),
    ("myth-mx-holds-addresses", "MX 记录写的是主机名；地址要靠另一次 A 查询得到。"),
    ("myth-lower-is-less-important", "优先级数值越小，越先被尝试。"),
    ("myth-no-mx-no-mail", "没有 MX 记录，邮件照样能送到域名自己的地址。"),
    ("myth-equal-in-listed-order", "优先级相同的记录会被打乱顺序，与 DNS 列出的顺序无关。"),
    ("myth-backup-delivers", "备用 MX 把邮件转交给主 MX，而不是自己写入邮箱。"),
    ("myth-nxdomain-is-servfail", "NXDOMAIN 立即退信；SERVFAIL 则保留邮件，等待重试。"),
    ("myth-dns-change-instant", "DNS 变更要等各个解析器缓存的应答 TTL 耗尽后才会生效。"),
    ("myth-retry-every-few-seconds", "重试间隔越来越长（从几分钟到几小时），超过队列保留时间就停止。"),
    ("spam-to-open-backup", "直接发给开放备用 MX 的垃圾邮件，会变成寄给无辜的伪造发件人的退信。"),
    ("spam-to-strict-backup", "知道有效用户的备用 MX 在 SMTP 会话中就拒收垃圾邮件：不会产生退信。"),
    ("backup-known-by-address", "无论以哪个名字列在 MX 记录里，备用 MX 都必须认出自己。"),
    ("forwarding-loop", "每一跳都会加上一行 Received:；到达跳数上限时，环路以退信告终。"),
    ("several-recipients", "一个会话就带上同一个域名的所有收件人；被拒的收件人换来一封退信，其他人收到邮件。"),
    ("dropped-after-body", "在最终的 250 之前断开连接，发件服务器会重发：邮件可能收到两次。"),
    ("mx-is-an-alias", "MX 必须指向真正的主机名而不是别名；不过大多数发件服务器仍会顺着别名找下去。"),
    ("dns-timeout", "不回应的权威 DNS 服务器让每次查询都白等一个超时，最后返回 SERVFAIL：邮件只能等待。"),
];
