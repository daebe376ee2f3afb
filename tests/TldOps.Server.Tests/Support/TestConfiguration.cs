using Microsoft.Extensions.Configuration;

namespace TldOps.Server.Tests.Support;

/// <summary>Settings for a unit under test, from key/value pairs only (no appsettings.json, no environment).</summary>
internal static class TestConfiguration
{
    /// <summary>A configuration holding exactly <paramref name="values"/>, keys as "Section:Key".</summary>
    public static IConfiguration Of(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
