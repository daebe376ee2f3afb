using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TldOps.Core.ContactDirectory;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web;

/// <summary>
/// <c>GET /contacts/export.csv</c> and <c>/contacts/export.vcf</c> (optionally <c>?q=</c>): the
/// contact repository as the monthly mail attaches it, for members only.
/// </summary>
internal static class ContactExports
{
    public const string Path = "/contacts/export";

    public static IEndpointRouteBuilder MapContactExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path + ".csv", async (string? q, ContactRepositoryService repository, CancellationToken cancellationToken) =>
            Results.File(ContactRepositoryService.ExportCsv(await repository.SearchAsync(Bound(q), cancellationToken)), "text/csv; charset=utf-8", "tld-ops-contacts.csv"))
            .RequireAuthorization(PortalPolicies.Member);
        endpoints.MapGet(Path + ".vcf", async (string? q, ContactRepositoryService repository, CancellationToken cancellationToken) =>
            Results.File(ContactRepositoryService.ExportVCard(await repository.SearchAsync(Bound(q), cancellationToken)), "text/vcard; charset=utf-8", "tld-ops-contacts.vcf"))
            .RequireAuthorization(PortalPolicies.Member);
        return endpoints;
    }

    private static string? Bound(string? q) => q is { Length: > Pages.Contacts.IndexModel.MaxQueryLength } ? q[..Pages.Contacts.IndexModel.MaxQueryLength] : q;
}
