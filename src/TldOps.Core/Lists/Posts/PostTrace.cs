using System.Text.Json;
using System.Text.Json.Serialization;
using TldOps.Core.Lists.Chains;

namespace TldOps.Core.Lists.Posts;

/// <summary>The JSON form of a chain trace, as stored with each post and shown to the committee.</summary>
public static class PostTrace
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Write(IReadOnlyList<RuleCheck> trace) => JsonSerializer.Serialize(trace, Json);

    public static IReadOnlyList<RuleCheck> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<RuleCheck>>(json, Json) ?? [];
}
