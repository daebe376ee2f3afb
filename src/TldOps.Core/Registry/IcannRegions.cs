namespace TldOps.Core.Registry;

/// <summary>The stable text codes of <see cref="IcannRegion"/> used in data files, URLs, the database and the CLI.</summary>
public static class IcannRegions
{
    public static IReadOnlyList<IcannRegion> All { get; } = Enum.GetValues<IcannRegion>();

    public static string ToCode(this IcannRegion region) => region switch
    {
        IcannRegion.Africa => "africa",
        IcannRegion.AsiaPacific => "asia-pacific",
        IcannRegion.Europe => "europe",
        IcannRegion.LatinAmericaCaribbean => "latin-america-caribbean",
        IcannRegion.NorthAmerica => "north-america",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>Reads a region code; also accepts the short forms "ap", "eu", "lac", "na", "af".</summary>
    public static bool TryParse(string? text, out IcannRegion region)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "africa" or "af":
                region = IcannRegion.Africa;
                return true;
            case "asia-pacific" or "ap" or "asia-australia-pacific":
                region = IcannRegion.AsiaPacific;
                return true;
            case "europe" or "eu":
                region = IcannRegion.Europe;
                return true;
            case "latin-america-caribbean" or "lac" or "latin-america":
                region = IcannRegion.LatinAmericaCaribbean;
                return true;
            case "north-america" or "na":
                region = IcannRegion.NorthAmerica;
                return true;
            default:
                region = default;
                return false;
        }
    }
}
