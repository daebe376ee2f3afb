using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TldOps.Core.Common;
using TldOps.Core.Coverage;
using TldOps.Core.Registry;

namespace TldOps.Server.Web;

/// <summary>
/// <c>GET /api/coverage[?region=R][&amp;language=L]</c>: exactly what
/// <c>tldops coverage --format json [--region R] [--language L]</c> prints.
/// </summary>
internal static class CoverageApi
{
    public const string Path = "/api/coverage";

    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (string? region, string? language, CoverageService coverage, CancellationToken cancellationToken) =>
        {
            var query = Read(region, language);
            if (!query.TryGetValue(out var parsed, out var problem))
            {
                return ProblemResults.ToResult(problem);
            }

            var report = await coverage.GetReportAsync(parsed.Region, cancellationToken);
            return Results.Text(CoverageJson.Write(report, parsed.Language), "application/json; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }

    private static Result<(IcannRegion? Region, string Language)> Read(string? region, string? language)
    {
        var fields = new List<FieldError>();
        IcannRegion? parsedRegion = null;
        if (!string.IsNullOrEmpty(region))
        {
            if (IcannRegions.TryParse(region, out var value))
            {
                parsedRegion = value;
            }
            else
            {
                fields.Add(new FieldError("region", $"one of {string.Join(", ", IcannRegions.All.Select(r => r.ToCode()))}"));
            }
        }

        var parsedLanguage = string.IsNullOrEmpty(language) ? Language.English : Language.Match(language);
        if (parsedLanguage is null || (language is not null && language.Length != 2))
        {
            fields.Add(new FieldError("language", $"one of {string.Join(", ", Language.All)}"));
        }

        return fields.Count > 0
            ? new Invalid("The coverage query is not valid.", fields)
            : (parsedRegion, parsedLanguage!);
    }
}
