namespace TldOps.Core.Lists.Notices.Languages;

/// <summary>The notices in English (the fallback for every other language).</summary>
internal static class EnglishNotices
{
    public static NoticeLanguage Texts { get; } = new()
    {
        Code = "en",
        HeldSubject = "Your message to {list} is waiting for review: {subject}",
        HeldBody =
            """
            Hello,

            Your message "{subject}" to {posting} has not been sent to the list yet. The list's
            committee will review it because:

            {reasons}

            You will hear from us when they have decided. You do not need to send it again.

            -- 
            {list} ({owner})
            """,
        TlpRedSubject = "Your TLP:RED message was not sent to {list}: {subject}",
        TlpRedBody =
            """
            Hello,

            Your message "{subject}" to {posting} is labelled TLP:RED. Under the Traffic Light
            Protocol, TLP:RED information is for the people it is addressed to by name only, so
            the list never sends it to all of its members.

            The message is held and nobody else has received it. To share it, write directly to
            the people who need it; or, if the information may go to the whole community, send it
            again labelled TLP:AMBER or TLP:GREEN.

            -- 
            {list} ({owner})
            """,
        RejectedSubject = "Your message to {list} was not distributed: {subject}",
        RejectedBody =
            """
            Hello,

            Your message "{subject}" to {posting} was not sent to the list:

            {reasons}

            If you think this is a mistake, write to the committee at {owner}.

            -- 
            {list}
            """,
        CommitteeHeldSubject = "Held post #{id} from {author}: {subject}",
        CommitteeHeldBody =
            """
            A message to {posting} is waiting for the committee.

              Post:    #{id}
              From:    {author}
              Subject: {subject}
              Size:    {size} octets

            Held because:
            {reasons}

            Every check the list made:
            {trace}

            Decide with "tldops held approve {id}" or "tldops held reject {id} --reason TEXT",
            or on the portal's moderation page.
            """,
        DisabledSubject = "Delivery to {member} ({cctld}) disabled after bounces",
        DisabledBody =
            """
            The list stopped delivering to a member whose address keeps bouncing.

              Member:     {member} <{address}>
              ccTLD:      {cctld}
              Score:      {score} (threshold {threshold})
              Last error: {diagnostic}

            An unreachable contact defeats the purpose of the community: please get in touch with
            the member or the ccTLD's administrative contact for a working address.
            """,
        HelpSubject = "{list}: how to use the list",
        HelpBody =
            """
            Hello,

            This is the automatic answer of {list}, the incident-response community of ccTLD
            operators.

            - Members post by writing to {posting}. Tag alerts "[ALERT]" and questions "[QUERY]" in
              the subject, and mark sensitive information with a TLP label (TLP:AMBER, …).
              TLP:RED is never sent to the whole list.
            - Joining, changing or leaving goes through your ccTLD's IANA administrative contact,
              who authorises the incident-response contacts of the ccTLD.
            - The committee can be reached at {owner}.

            -- 
            {list}
            """,
        OwnerSubject = "Mail to {list}'s owner from {sender}: {subject}",
        OwnerBody =
            """
            The attached message was sent to {owner} by {sender}.
            """,
        RuleReasons = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["banned-address"] = "Your address may not post to this list.",
            ["emergency"] = "The committee is reviewing every post at the moment.",
            ["not-member"] = "Your address is not that of an active member. Only members can post; if you are one, write from the address the list knows.",
            ["authentication"] = "The list could not confirm that the message comes from your domain (no valid DKIM signature aligned with your address).",
            ["tlp-red"] = "The message is labelled TLP:RED.",
            ["max-size"] = "The message is larger than the list accepts without review.",
            ["max-recipients"] = "The message is addressed to more people than the list accepts without review.",
        },
    };
}
