using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TldOps.Core.Common;
using TldOps.Core.Registry;

namespace TldOps.Core.Coverage;

/// <summary>
/// The one JSON form of a <see cref="CoverageReport"/>: what <c>tldops coverage --format json</c>
/// prints and what <c>/api/coverage</c> returns, byte for byte. Keys are camelCase; names of the
/// missing ccTLDs are in the requested language; non-ASCII text is written as is (UTF-8).
/// </summary>
public static class CoverageJson
{
    /// <summary>What the denominator of every figure is, stated in the document itself.</summary>
    public const string Denominator =
        "delegatedCcTlds: the ccTLDs delegated in the IANA root zone database, two-letter ASCII (asciiCcTlds) plus IDN (idnCcTlds); codes listed there but not assigned are not counted";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as indented JSON, ending with a line feed.</summary>
    public static string Write(CoverageReport report, string language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(report);
        language = Language.Match(language) ?? Language.English;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("language", language);
            if (report.Region is { } region)
            {
                json.WriteString("region", region.ToCode());
            }
            else
            {
                json.WriteNull("region");
            }

            json.WriteString("denominator", Denominator);
            WriteFigures(json, report.Totals);
            json.WriteStartArray("regions");
            foreach (var item in report.Regions)
            {
                json.WriteStartObject();
                json.WriteString("region", item.Region.ToCode());
                WriteFigures(json, item.Figures);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("missing");
            foreach (var tld in report.Missing)
            {
                json.WriteStartObject();
                json.WriteString("cctld", tld.Display);
                json.WriteString("code", tld.Code);
                json.WriteString("kind", tld.Kind == CcTldKind.Idn ? "idn" : "ascii");
                json.WriteString("country", tld.CountryCode);
                json.WriteString("region", tld.Region.ToCode());
                json.WriteString("name", tld.Name(language));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteFigures(Utf8JsonWriter json, CoverageFigures figures)
    {
        json.WriteNumber("delegatedCcTlds", figures.DelegatedCcTlds);
        json.WriteNumber("asciiCcTlds", figures.AsciiCcTlds);
        json.WriteNumber("idnCcTlds", figures.IdnCcTlds);
        json.WriteNumber("memberCcTlds", figures.MemberCcTlds);
        json.WriteNumber("members", figures.Members);
        json.WriteNumber("missingCcTlds", figures.MissingCcTlds);
    }
}
