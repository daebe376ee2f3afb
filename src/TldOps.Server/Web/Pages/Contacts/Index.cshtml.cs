using Microsoft.AspNetCore.Mvc;
using TldOps.Core.ContactDirectory;

namespace TldOps.Server.Web.Pages.Contacts;

/// <summary>
/// The contact repository for members: every member ccTLD's incident-response contacts by
/// region, searchable, with the same CSV and vCard exports as the monthly mail. A search is
/// posted, not put in the address: what is searched for is often a person's name.
/// </summary>
internal sealed class IndexModel(ContactRepositoryService repository) : PortalPageModel
{
    /// <summary>The longest search accepted, in characters.</summary>
    public const int MaxQueryLength = 200;

    public override string PagePath => "/contacts";

    [BindProperty(Name = "q")]
    public string? Query { get; set; }

    public ContactRepositorySnapshot Snapshot { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Snapshot = await repository.SearchAsync(null, cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken) => Snapshot = await repository.SearchAsync(Bounded(), cancellationToken);

    /// <summary>The whole repository (GET) or the search's part (POST) as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => Csv(await repository.SearchAsync(null, cancellationToken));

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken cancellationToken) => Csv(await repository.SearchAsync(Bounded(), cancellationToken));

    /// <summary>The whole repository (GET) or the search's part (POST) as vCard 4.0.</summary>
    public async Task<IActionResult> OnGetVCardAsync(CancellationToken cancellationToken) => VCard(await repository.SearchAsync(null, cancellationToken));

    public async Task<IActionResult> OnPostVCardAsync(CancellationToken cancellationToken) => VCard(await repository.SearchAsync(Bounded(), cancellationToken));

    private string? Bounded()
    {
        Query = Query?.Trim();
        return Query is { Length: > MaxQueryLength } ? Query[..MaxQueryLength] : Query;
    }

    private FileContentResult Csv(ContactRepositorySnapshot snapshot) =>
        File(ContactRepositoryService.ExportCsv(snapshot), "text/csv; charset=utf-8", "tld-ops-contacts.csv");

    private FileContentResult VCard(ContactRepositorySnapshot snapshot) =>
        File(ContactRepositoryService.ExportVCard(snapshot), "text/vcard; charset=utf-8", "tld-ops-contacts.vcf");
}
