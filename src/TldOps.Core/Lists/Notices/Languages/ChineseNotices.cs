namespace TldOps.Core.Lists.Notices.Languages;

/// <summary>中文通知。</summary>
internal static class ChineseNotices
{
    public static NoticeLanguage Texts { get; } = new()
    {
        Code = "zh",
        HeldSubject = "您发往 {list} 的邮件正在等待审核：{subject}",
        HeldBody =
            """
            您好：

            您发往 {posting} 的邮件“{subject}”尚未分发。列表委员会将因以下原因对其进行审核：

            {reasons}

            委员会作出决定后我们会通知您。无需重新发送。

            -- 
            {list}（{owner}）
            """,
        TlpRedSubject = "您的 TLP:RED 邮件未发往 {list}：{subject}",
        TlpRedBody =
            """
            您好：

            您发往 {posting} 的邮件“{subject}”标有 TLP:RED。根据交通灯协议（TLP），TLP:RED
            信息仅限点名的收件人，因此列表绝不会将其发送给全体成员。

            该邮件已被暂扣，其他人均未收到。如需分享，请直接写信给需要的人；如果该信息可以
            发给整个社区，请改用 TLP:AMBER 或 TLP:GREEN 标签重新发送。

            -- 
            {list}（{owner}）
            """,
        RejectedSubject = "您发往 {list} 的邮件未被分发：{subject}",
        RejectedBody =
            """
            您好：

            您发往 {posting} 的邮件“{subject}”未被发送到列表：

            {reasons}

            如认为有误，请写信给委员会：{owner}。

            -- 
            {list}
            """,
        CommitteeHeldSubject = "暂扣邮件 #{id}，来自 {author}：{subject}",
        CommitteeHeldBody =
            """
            一封发往 {posting} 的邮件正在等待委员会决定。

              编号：#{id}
              发件人：{author}
              主题：{subject}
              大小：{size} 字节

            暂扣原因：
            {reasons}

            列表所做的全部检查：
            {trace}

            请使用“tldops held approve {id}”或“tldops held reject {id} --reason 文本”，
            或在门户网站的审核页面上作出决定。
            """,
        DisabledSubject = "因退信已停止向 {member}（{cctld}）投递",
        DisabledBody =
            """
            某成员的地址持续退信，列表已停止向其投递。

              成员：{member} <{address}>
              ccTLD：{cctld}
              分数：{score}（阈值 {threshold}）
              最近错误：{diagnostic}

            无法联系的联系人违背了社区的宗旨：请联系该成员或该 ccTLD 的管理联系人，获取可用的地址。
            """,
        HelpSubject = "{list}：列表使用说明",
        HelpBody =
            """
            您好：

            这是 {list}（ccTLD 运营者事件响应社区）的自动回复。

            - 成员写信至 {posting}。请在主题中用“[ALERT]”标记警报、用“[QUERY]”标记询问，
              并用 TLP 标签（TLP:AMBER 等）标记敏感信息。TLP:RED 绝不会发给整个列表。
            - 加入、变更或退出须通过您的 ccTLD 在 IANA 登记的管理联系人办理，由其授权事件响应联系人。
            - 委员会的地址是 {owner}。

            -- 
            {list}
            """,
        OwnerSubject = "{sender} 写给 {list} 负责人的邮件：{subject}",
        OwnerBody =
            """
            附件中的邮件由 {sender} 发送至 {owner}。
            """,
        RuleReasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["banned-address"] = "您的地址不得向此列表发信。",
            ["emergency"] = "委员会目前正在审核每一封邮件。",
            ["not-member"] = "您的地址不属于活跃成员。只有成员可以发信；如果您是成员，请使用列表登记的地址。",
            ["authentication"] = "列表无法确认邮件来自您的域名（没有与您的地址对齐的有效 DKIM 签名）。",
            ["tlp-red"] = "邮件标有 TLP:RED。",
            ["max-size"] = "邮件超过了列表无需审核即可接受的大小。",
            ["max-recipients"] = "邮件的收件人数超过了列表无需审核即可接受的数量。",
        },
    };
}
