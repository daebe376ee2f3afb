using Microsoft.Extensions.Configuration;

namespace TldOps.Server.Hosting;

/// <summary>
/// Settings come from, in increasing precedence: appsettings.json next to the executable (the
/// shipped defaults), appsettings.json in the current directory (the operator's file),
/// environment variables <c>TLDOPS__SECTION__KEY</c>, and command-line options.
/// </summary>
internal static class TldOpsConfiguration
{
    public const string EnvironmentPrefix = "TLDOPS__";

    public static IConfigurationRoot Build(IEnumerable<KeyValuePair<string, string?>> commandLineOverrides)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var local = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        if (!string.Equals(Path.GetFullPath(local), Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "appsettings.json")), StringComparison.Ordinal))
        {
            builder.AddJsonFile(local, optional: true, reloadOnChange: false);
        }

        return builder
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(commandLineOverrides.Where(kv => kv.Value is not null))
            .Build();
    }
}
