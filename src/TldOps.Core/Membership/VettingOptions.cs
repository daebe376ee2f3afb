namespace TldOps.Core.Membership;

/// <summary>
/// The rules and addresses of vetting (settings section <c>Vetting</c>): who mails come from,
/// where links point, and the clocks of join requests, reconfirmation and re-verification.
/// Durations are whole days in the settings; the defaults are the community's practice.
/// </summary>
public sealed class VettingOptions
{
    /// <summary>The list's request address, the From of every vetting mail, so that replies come back to it. Default tld-ops-request@tld-ops.localhost.</summary>
    public string RequestAddress { get; set; } = "tld-ops-request@tld-ops.localhost";

    /// <summary>The display name on vetting mail. Default "TLD-OPS".</summary>
    public string SenderName { get; set; } = "TLD-OPS";

    /// <summary>The list's posting address, the To of the monthly contact repository. Default tld-ops@tld-ops.localhost.</summary>
    public string ListAddress { get; set; } = "tld-ops@tld-ops.localhost";

    /// <summary>
    /// Where notices for the Standing Committee go while nobody is active with the committee or
    /// secretariat role (a fresh installation); otherwise they go to those people, each in their
    /// language. Default tld-ops-committee@tld-ops.localhost (the server sets the list's -owner).
    /// </summary>
    public string CommitteeAddress { get; set; } = "tld-ops-committee@tld-ops.localhost";

    /// <summary>
    /// The people who stand for the committee while nobody holds the role: when any are given,
    /// committee notices go to them instead of <see cref="CommitteeAddress"/>. The server copies
    /// <c>Lists:OwnerAddresses</c> here unless <c>Vetting:CommitteeAddress</c> is set, because the
    /// list's own -owner address leads back to the list engine, which passes on only mail a person
    /// wrote (RFC 3834) and so would drop these notices. Default none.
    /// </summary>
    public IList<string> CommitteeStandIns { get; set; } = [];

    /// <summary>The portal's public base URL, the start of every link in a mail (set from Portal:PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>How many people a ccTLD may have on the list unless the committee granted an exception. Default 3 (since 2015).</summary>
    public int MaxContactsPerCcTld { get; set; } = 3;

    /// <summary>How long a request waits for its admin contact before it expires. Default 30 days.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When the admin contact is reminded, counted from the request. Default 7 and 21 days (the 2015 pilot lost 3 of 11 ccTLDs to silent admin contacts).</summary>
    public IList<TimeSpan> RequestReminders { get; set; } = [TimeSpan.FromDays(7), TimeSpan.FromDays(21)];

    /// <summary>How long the requester's status link works. Default 90 days.</summary>
    public TimeSpan StatusLinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a new admin contact has to confirm its ccTLD's contacts before the unconfirmed ones are suspended. Default 30 days.</summary>
    public TimeSpan ReconfirmDeadline { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Every how many months a member confirms their details. Default 4, as Trusted Introducer does.</summary>
    public int ReverifyMonths { get; set; } = 4;

    /// <summary>When a member is reminded, counted from the confirmation request. Default 7 and 21 days.</summary>
    public IList<TimeSpan> ReverifyReminders { get; set; } = [TimeSpan.FromDays(7), TimeSpan.FromDays(21)];

    /// <summary>When an unconfirmed member is flagged unverified (and the admin contact and committee told), counted from the request. Default 14 days.</summary>
    public TimeSpan ReverifyFlagAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>When an unconfirmed member is suspended, counted from the request. Default 30 days.</summary>
    public TimeSpan ReverifyGrace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Checks the values; throws naming the bad one.</summary>
    public VettingOptions Validate()
    {
        Require(MaxContactsPerCcTld >= 1, nameof(MaxContactsPerCcTld), "at least 1");
        Require(RequestLifetime >= TimeSpan.FromDays(1), nameof(RequestLifetime), "at least a day");
        Require(RequestReminders.All(r => r > TimeSpan.Zero && r < RequestLifetime), nameof(RequestReminders), "each after the request and before it expires");
        Require(ReconfirmDeadline >= TimeSpan.FromDays(1), nameof(ReconfirmDeadline), "at least a day");
        Require(ReverifyMonths is >= 1 and <= 60, nameof(ReverifyMonths), "between 1 and 60");
        Require(ReverifyFlagAfter > TimeSpan.Zero && ReverifyFlagAfter <= ReverifyGrace, nameof(ReverifyFlagAfter), "after the request and not after the grace period");
        Require(ReverifyReminders.All(r => r > TimeSpan.Zero && r < ReverifyGrace), nameof(ReverifyReminders), "each after the request and before the grace period ends");
        Require(Uri.TryCreate(PublicUrl, UriKind.Absolute, out _), nameof(PublicUrl), "an absolute URL");
        foreach (var (name, value) in new[] { (nameof(RequestAddress), RequestAddress), (nameof(ListAddress), ListAddress), (nameof(CommitteeAddress), CommitteeAddress) })
        {
            Require(EmailSyntax.IsValid(value), name, "a valid address");
        }

        Require(CommitteeStandIns.All(EmailSyntax.IsValid), nameof(CommitteeStandIns), "valid addresses");

        return this;
    }

    /// <summary>A link into the portal: <paramref name="path"/> under <see cref="PublicUrl"/>.</summary>
    public string Link(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    private static void Require(bool condition, string name, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Vetting:{name} must be {what}.");
        }
    }
}
