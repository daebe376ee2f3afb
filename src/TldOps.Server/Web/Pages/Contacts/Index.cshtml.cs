using TldOps.Core.ContactDirectory;

namespace TldOps.Server.Web.Pages.Contacts;

/// <summary>
/// The contact repository for members: every member ccTLD's incident-response contacts by
/// region, searchable, with the same CSV and vCard exports as the monthly mail.
/// </summary>
internal sealed class IndexModel(ContactRepositoryService repository) : PortalPageModel
{
    /// <summary>The longest search accepted, in characters.</summary>
    public const int MaxQueryLength = 200;

    public override string PagePath => "/contacts";

    public string? Query { get; private set; }

    public ContactRepositorySnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Query = q is { Length: > MaxQueryLength } ? q[..MaxQueryLength] : q?.Trim();
        Snapshot = await repository.SearchAsync(Query, cancellationToken);
    }

    /// <summary>The export link for <paramref name="format"/> ("csv" or "vcf"), for the same search.</summary>
    public string ExportUrl(string format) =>
        ContactExports.Path + "." + format + (string.IsNullOrEmpty(Query) ? string.Empty : "?q=" + Uri.EscapeDataString(Query));
}
