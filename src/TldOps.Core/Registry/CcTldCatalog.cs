using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TldOps.Core.Common;

namespace TldOps.Core.Registry;

/// <summary>
/// Every delegated ccTLD, from the reference data the team wrote and ships in this assembly
/// (<c>Registry/ReferenceData/cctlds.tsv</c> and <c>regional-organisations.tsv</c>; the format is
/// described at the top of each file). Immutable; look-ups accept "fr", ".FR", "рф" or "xn--p1ai".
/// </summary>
public sealed partial class CcTldCatalog
{
    private static readonly Lazy<CcTldCatalog> ShippedCatalog = new(LoadShipped);

    private readonly Dictionary<string, CcTld> _byLabel;

    private CcTldCatalog(IReadOnlyList<CcTld> all, IReadOnlyList<RegionalOrganisation> organisations, string sha256)
    {
        All = all;
        RegionalOrganisations = organisations;
        Sha256 = sha256;
        _byLabel = new Dictionary<string, CcTld>(StringComparer.OrdinalIgnoreCase);
        foreach (var tld in all)
        {
            _byLabel[tld.Code] = tld;
            _byLabel[tld.ULabel] = tld;
        }
    }

    /// <summary>The catalog shipped with this build.</summary>
    public static CcTldCatalog Shipped => ShippedCatalog.Value;

    /// <summary>All ccTLDs, ASCII ones first, each group sorted by code.</summary>
    public IReadOnlyList<CcTld> All { get; }

    public IReadOnlyList<RegionalOrganisation> RegionalOrganisations { get; }

    /// <summary>A digest of the source files, so storage can tell whether its copy is current.</summary>
    public string Sha256 { get; }

    public int AsciiCount => All.Count(t => t.Kind == CcTldKind.Ascii);

    public int IdnCount => All.Count(t => t.Kind == CcTldKind.Idn);

    /// <summary>Finds a ccTLD by ASCII or Unicode label, with or without the leading dot, any case.</summary>
    public bool TryGet(string? label, out CcTld tld)
    {
        tld = null!;
        var key = Normalise(label);
        return key is not null && _byLabel.TryGetValue(key, out tld!);
    }

    /// <summary>The ccTLD for a label, or null.</summary>
    public CcTld? Find(string? label) => TryGet(label, out var tld) ? tld : null;

    /// <summary>Normalises a user-typed label: trims, drops a leading/trailing dot, lower-cases, maps IDN to A-label.</summary>
    public static string? Normalise(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        // Right-to-left labels are often copied wrapped in direction marks, outside the dot:
        // "\u200F.السعودية\u200E" (as IANA's root zone database pages render them).
        var text = label.Trim().Trim('\u200E', '\u200F', '.').Trim();
        if (text.Length == 0 || text.Length > 63)
        {
            return null;
        }

        if (text.Any(c => c > 0x7F))
        {
            try
            {
                return new IdnMapping().GetAscii(text).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return text.ToLowerInvariant();
    }

    /// <summary>Parses catalog files; used for the shipped data and by tests. Errors name file and line.</summary>
    public static CcTldCatalog Parse(string cctldsTsv, string organisationsTsv)
    {
        ArgumentNullException.ThrowIfNull(cctldsTsv);
        ArgumentNullException.ThrowIfNull(organisationsTsv);
        var organisations = ParseOrganisations(organisationsTsv);
        var tlds = ParseCcTlds(cctldsTsv, organisations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cctldsTsv + "\n\f\n" + organisationsTsv)));
        return new CcTldCatalog(tlds, organisations, digest);
    }

    private static CcTldCatalog LoadShipped()
    {
        return Parse(ReadResource("cctlds.tsv"), ReadResource("regional-organisations.tsv"));
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(CcTldCatalog).Assembly;
        var resource = "TldOps.Core.Registry.ReferenceData." + name;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Reference data {resource} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
