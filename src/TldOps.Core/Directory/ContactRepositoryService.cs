using System.Globalization;
using System.Text.Json;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Registry;
using TldOps.Core.Scheduling;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Core.ContactDirectory;

/// <summary>
/// The contact repository (DOMAIN.md): every active contact of every member ccTLD, grouped by
/// ICANN region then ccTLD, with phones, key fingerprint, last verification and flags; as text,
/// CSV and vCard; searched by the members' page; and mailed to every active member once a month
/// (<see cref="SendAsync"/>, exactly once per period across nodes and restarts).
/// </summary>
public sealed class ContactRepositoryService(
    Database database,
    MemberStore members,
    MemberVettingStore vetting,
    IDeliveryHealth deliveryHealth,
    CcTldStore ccTlds,
    ScheduledRunStore runs,
    VettingMailer mailer,
    VettingOptions options,
    TimeProvider clock)
{
    /// <summary>The scheduled job's name, the key of its runs.</summary>
    public const string JobName = "contact-repository";

    /// <summary>The repository as it stands now.</summary>
    public async Task<ContactRepositorySnapshot> BuildAsync(CancellationToken cancellationToken = default)
    {
        var tlds = (await ccTlds.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Code, StringComparer.Ordinal);
        var flags = await vetting.ListAsync(cancellationToken).ConfigureAwait(false);
        var bouncing = (await deliveryHealth.ListUndeliverableAsync(cancellationToken).ConfigureAwait(false)).Select(u => u.MemberId).ToHashSet();
        var active = await members.ListAsync(MemberStatus.Active, cancellationToken).ConfigureAwait(false);
        var grouped = active
            .Where(m => m.CcTld is not null && tlds.ContainsKey(m.CcTld))
            .GroupBy(m => m.CcTld!, StringComparer.Ordinal)
            .Select(g =>
            {
                var tld = tlds[g.Key];
                var contacts = g
                    .Select(m =>
                    {
                        var f = flags.GetValueOrDefault(m.Id);
                        return new RepositoryContact(m.PublicId, m.Name, f?.Title, m.Email, m.OfficePhone?.E164, m.MobilePhone?.E164,
                            f?.KeyFingerprint, m.VerifiedAt, f?.UnverifiedSince is not null, bouncing.Contains(m.Id));
                    })
                    .OrderBy(c => c.Name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
                    .ThenBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
                    .ToList();
                return new RepositoryCcTld(tld.Code, tld.Display, tld.Region, tld.Names, contacts);
            })
            .OrderBy(t => t.Region)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
        return new ContactRepositorySnapshot(clock.GetUtcNow(), grouped);
    }

    /// <summary>
    /// The ccTLDs and contacts matching <paramref name="query"/> (case-insensitive, in the ccTLD,
    /// country name in any language, name, role, address, phone digits); everything when empty.
    /// </summary>
    public async Task<ContactRepositorySnapshot> SearchAsync(string? query, CancellationToken cancellationToken = default)
    {
        var all = await BuildAsync(cancellationToken).ConfigureAwait(false);
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return all;
        }

        var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
        bool Has(string? value) => value is not null && value.Contains(q, StringComparison.OrdinalIgnoreCase);
        var found = new List<RepositoryCcTld>();
        foreach (var tld in all.CcTlds)
        {
            var tldMatches = Has(tld.Display) || Has(tld.Code) || tld.Names.Values.Any(Has);
            var contacts = tldMatches ? tld.Contacts : tld.Contacts.Where(c => Has(c.Name) || Has(c.Role) || Has(c.Email)
                || (digits.Length >= 4 && ((c.OfficePhone?.Contains(digits, StringComparison.Ordinal) ?? false) || (c.MobilePhone?.Contains(digits, StringComparison.Ordinal) ?? false)))).ToList();
            if (contacts.Count > 0)
            {
                found.Add(tld with { Contacts = contacts });
            }
        }

        return all with { CcTlds = found };
    }

    /// <summary>The repository as CSV.</summary>
    public static byte[] ExportCsv(ContactRepositorySnapshot snapshot) => ContactRepositoryCsv.Write(snapshot);

    /// <summary>The repository as vCard 4.0.</summary>
    public static byte[] ExportVCard(ContactRepositorySnapshot snapshot) => VCardWriter.Write(snapshot);

    /// <summary>The repository as 80-column text in <paramref name="language"/>.</summary>
    public static string RenderText(ContactRepositorySnapshot snapshot, string language) => ContactRepositoryText.Render(snapshot, language);

    /// <summary>
    /// Mails the repository to every active member, one mail per person in their language, for
    /// <paramref name="occurrence"/>. The period is claimed in the transaction that queues the
    /// mails, so it goes out once however many nodes try; false when it was claimed already.
    /// </summary>
    public async Task<RepositorySendResult> SendAsync(ScheduledOccurrence occurrence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        var snapshot = await BuildAsync(cancellationToken).ConfigureAwait(false);
        var recipients = (await members.ListAsync(MemberStatus.Active, cancellationToken).ConfigureAwait(false))
            .GroupBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToList();
        var byLanguage = recipients.GroupBy(m => m.Language, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var attachments = Attachments(snapshot);
        var result = await database.InTransactionAsync(async (connection, transaction) =>
        {
            if (!await runs.TryClaimAsync(connection, transaction, JobName, occurrence.Period, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                return new RepositorySendResult(false, 0, 0);
            }

            foreach (var group in byLanguage)
            {
                await mailer.EnqueueAsync(connection, transaction, Mail(snapshot, group.Key, occurrence), attachments,
                    group.Select(m => m.Email).ToList(), QueuePriority.Bulk, cancellationToken).ConfigureAwait(false);
            }

            var sent = new RepositorySendResult(true, recipients.Count, byLanguage.Count);
            await runs.SetDetailAsync(connection, transaction, JobName, occurrence.Period,
                JsonSerializer.Serialize(new { recipients = sent.Recipients, messages = sent.Messages, cctlds = snapshot.CcTlds.Count, people = snapshot.PeopleCount }), cancellationToken).ConfigureAwait(false);
            return sent;
        }, cancellationToken).ConfigureAwait(false);
        if (result.Claimed)
        {
            mailer.Notify();
        }

        return result;
    }

    private VettingMail Mail(ContactRepositorySnapshot snapshot, string language, ScheduledOccurrence occurrence)
    {
        var date = snapshot.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = TextCatalog.Shipped.Format(language, "repo.subject", new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = date });
        return new VettingMail([options.ListAddress], language, subject, RenderText(snapshot, language), "repository:" + occurrence.Period);
    }

    private static List<MessageAttachment> Attachments(ContactRepositorySnapshot snapshot)
    {
        var stem = "tld-ops-contacts-" + snapshot.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            new MessageAttachment(stem + ".csv", ExportCsv(snapshot), new ContentType("text", "csv").WithParameter("charset", "utf-8")),
            new MessageAttachment(stem + ".vcf", ExportVCard(snapshot), new ContentType("text", "vcard").WithParameter("charset", "utf-8")),
        ];
    }
}
