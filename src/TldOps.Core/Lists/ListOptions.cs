using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Intake;

namespace TldOps.Core.Lists;

/// <summary>
/// The <c>Lists</c> settings section: the list's name and domain, the posting policy the rules
/// apply, what the handlers add, and the listener, delivery and bounce settings. Every default
/// below is what a fresh installation runs with; <see cref="Validate"/> refuses values that would
/// break the engine at start rather than in the middle of a fan-out.
/// </summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    /// <summary>
    /// The longest list name: the VERP return path "NAME-bounces+TOKEN@domain" must keep its local
    /// part within RFC 5321 §4.5.3.1.1's 64 octets with the longest token (27 characters).
    /// </summary>
    public const int MaxNameLength = 24;

    /// <summary>
    /// The list's mail domain (default <c>tld-ops.localhost</c>, RFC 6761's reserved name: enough to
    /// try TldOps out on one machine, and a valid address domain for vetting mail's replies).
    /// </summary>
    public string Domain { get; set; } = "tld-ops.localhost";

    /// <summary>The local part of the posting address (default <c>tld-ops</c>); -request, -owner and -bounces derive from it.</summary>
    public string Name { get; set; } = "tld-ops";

    /// <summary>The list's name for people (List-Id phrase, notices, DMARC "via" names). Default <c>TLD-OPS</c>.</summary>
    public string DisplayName { get; set; } = "TLD-OPS";

    /// <summary>Put before every subject (default <c>[TLD-OPS]</c>); empty for none.</summary>
    public string SubjectPrefix { get; set; } = "[TLD-OPS]";

    /// <summary>What a post must prove about its author (default: From header only, as TLD-OPS's Mailman list does today).</summary>
    public AuthenticationPolicy AuthenticationPolicy { get; set; } = AuthenticationPolicy.FromHeaderOnly;

    /// <summary>When From is rewritten to the list (default: when the author's domain asks receivers to reject or quarantine).</summary>
    public DmarcMitigation DmarcMitigation { get; set; } = DmarcMitigation.Auto;

    /// <summary>
    /// Posts larger than this are held for the committee (default 5 MiB: large enough for logs and
    /// screenshots, small enough that a mistake does not send gigabytes to hundreds of inboxes).
    /// </summary>
    public long MaxMessageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Posts with more To and Cc addresses than this are held (default 10, Mailman's max_num_recipients).</summary>
    public int MaxRecipients { get; set; } = 10;

    /// <summary>When true every post is held for the committee (default false).</summary>
    public bool EmergencyModeration { get; set; }

    /// <summary>The footer added to every copy. Empty for none.</summary>
    public string FooterText { get; set; } =
        "TLD-OPS: the incident-response community of ccTLD operators. Members only: do not forward outside the community without the author's consent.";

    /// <summary>
    /// Footers per member language (en fr es ru zh ar); members whose language has no entry get
    /// <see cref="FooterText"/>. Each distinct footer makes one variant of the post, signed once.
    /// </summary>
    public Dictionary<string, string> FooterTexts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who gets -owner mail and committee notices when nobody active has the committee or secretariat role.</summary>
    public List<string> OwnerAddresses { get; set; } = [];

    /// <summary>
    /// The base address of the archive's pages (for Archived-At and List-Archive), e.g.
    /// <c>https://portal.example/archive</c>; null when there is no portal to point at.
    /// </summary>
    public string? ArchiveUrl { get; set; }

    /// <summary>The DKIM selector of the list's key (default <c>tldops</c>): the key is published at SELECTOR._domainkey.DOMAIN.</summary>
    public string DkimSelector { get; set; } = "tldops";

    /// <summary>Where the list's DKIM key is kept (the server sets DATA/dkim).</summary>
    public string? DkimKeyDirectory { get; set; }

    /// <summary>The SMTP/LMTP listener.</summary>
    public ListenerOptions Listener { get; set; } = new();

    /// <summary>Delivery of the copies: transport, concurrency, retries.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Bounce scoring.</summary>
    public BounceOptions Bounces { get; set; } = new();

    /// <summary>The list's addresses.</summary>
    public ListAddresses Addresses => new(Name, Domain);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that cannot work.</summary>
    public ListOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Domain) || Domain.Contains('@', StringComparison.Ordinal) || Domain.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"{Section}:{nameof(Domain)} must be a domain name (it is '{Domain}').");
        }

        if (Name.Length is 0 or > MaxNameLength || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || Name[0] == '.' || Name[^1] == '.')
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(Name)} must be 1 to {MaxNameLength} ASCII letters, digits, '-', '_' or inner '.' (it is '{Name}').");
        }

        Require(MaxMessageBytes >= 1024, nameof(MaxMessageBytes), "at least 1024");
        Require(MaxRecipients >= 1, nameof(MaxRecipients), "at least 1");
        Require(!string.IsNullOrWhiteSpace(DkimSelector) && DkimSelector.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'), nameof(DkimSelector), "letters, digits, '-' and '.'");
        foreach (var language in FooterTexts.Keys)
        {
            Require(Common.Language.IsSupported(language), $"{nameof(FooterTexts)}:{language}", "one of en fr es ru zh ar");
        }

        Listener.Validate();
        Delivery.Validate();
        Bounces.Validate();
        return this;
    }

    private static void Require(bool condition, string setting, string expectation)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Section}:{setting} must be {expectation}.");
        }
    }
}
