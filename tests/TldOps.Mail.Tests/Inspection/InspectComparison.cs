using System.Text.Json;
using System.Text.RegularExpressions;

namespace TldOps.Mail.Tests.Inspection;

/// <summary>What differs between two inspect outputs, as (path, aspect) pairs.</summary>
internal static partial class InspectComparison
{
    /// <summary>
    /// Fields Python's header registry reformats (addresses, dates, MIME fields): their values
    /// are not comparable as text, so only their names and order are compared.
    /// </summary>
    private static readonly HashSet<string> ReformattedByPython = new(StringComparer.OrdinalIgnoreCase)
    {
        "date", "resent-date", "orig-date", "sender", "resent-sender", "to", "resent-to", "cc", "resent-cc",
        "bcc", "resent-bcc", "from", "resent-from", "reply-to", "mime-version", "content-type",
        "content-disposition", "content-transfer-encoding", "message-id",
    };

    public static List<Difference> Compare(JsonElement ours, JsonElement python)
    {
        var found = new List<Difference>();
        if (ours.ValueKind == JsonValueKind.Array)
        {
            var left = ours.EnumerateArray().ToList();
            var right = python.EnumerateArray().ToList();
            if (left.Count != right.Count)
            {
                found.Add(new Difference(string.Empty, Aspect.MessageCount, $"{left.Count} messages", $"{right.Count} messages"));
                return found;
            }

            for (var i = 0; i < left.Count; i++)
            {
                CompareMessage(left[i], right[i], $"#{i}/", found);
            }

            return found;
        }

        CompareMessage(ours, python, string.Empty, found);
        return found;
    }

    private static void CompareMessage(JsonElement ours, JsonElement python, string prefix, List<Difference> found)
    {
        CompareHeaders(ours.GetProperty("headers"), python.GetProperty("headers"), prefix, found);
        var left = Parts(ours);
        var right = Parts(python);
        var divergent = DivergencePoints(left.Keys, right.Keys);
        foreach (var path in divergent)
        {
            found.Add(new Difference(prefix + path, Aspect.Structure, Children(left.Keys, path), Children(right.Keys, path)));
        }

        foreach (var (path, part) in left)
        {
            if (!right.TryGetValue(path, out var other) || divergent.Any(d => IsBelow(path, d)))
            {
                continue;
            }

            var isDivergent = divergent.Contains(path);
            Check(part, other, "contentType", prefix + path, Aspect.ContentType, found);
            Check(part, other, "charset", prefix + path, Aspect.Charset, found);
            Check(part, other, "disposition", prefix + path, Aspect.Disposition, found);
            Check(part, other, "filename", prefix + path, Aspect.FileName, found);
            if (!isDivergent)
            {
                if (Text(part, "sha256") != Text(other, "sha256") || Text(part, "size") != Text(other, "size"))
                {
                    // Different bytes make different text: only the bytes are reported.
                    found.Add(new Difference(prefix + path, Aspect.Data, $"{Text(part, "size")} bytes", $"{Text(other, "size")} bytes"));
                }
                else
                {
                    Check(part, other, "text", prefix + path, Aspect.Text, found);
                }
            }
        }
    }

    private static void CompareHeaders(JsonElement ours, JsonElement python, string prefix, List<Difference> found)
    {
        var left = ours.EnumerateArray().Select(h => (Name: h.GetProperty("name").GetString()!, Value: h.GetProperty("value").GetString()!)).ToList();
        var right = python.EnumerateArray().Select(h => (Name: h.GetProperty("name").GetString()!, Value: h.GetProperty("value").GetString()!)).ToList();
        if (!left.Select(h => h.Name).SequenceEqual(right.Select(h => h.Name)))
        {
            found.Add(new Difference(prefix, Aspect.HeaderNames, string.Join(",", left.Select(h => h.Name)), string.Join(",", right.Select(h => h.Name))));
            return;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!ReformattedByPython.Contains(left[i].Name) && Normalise(left[i].Value) != Normalise(right[i].Value))
            {
                found.Add(new Difference(prefix, Aspect.HeaderValue, left[i].Name + ": " + left[i].Value, right[i].Value));
            }
        }
    }

    private static Dictionary<string, JsonElement> Parts(JsonElement message) =>
        message.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!, StringComparer.Ordinal);

    /// <summary>The highest paths whose children differ between the two trees.</summary>
    private static HashSet<string> DivergencePoints(IEnumerable<string> left, IEnumerable<string> right)
    {
        var a = left.ToHashSet(StringComparer.Ordinal);
        var b = right.ToHashSet(StringComparer.Ordinal);
        var parents = a.Except(b).Concat(b.Except(a)).Select(Parent).ToHashSet(StringComparer.Ordinal);
        return parents.Where(p => !parents.Any(q => q != p && IsBelow(p, q))).ToHashSet(StringComparer.Ordinal);
    }

    private static string Children(IEnumerable<string> paths, string parent) =>
        $"{paths.Count(p => IsBelow(p, parent))} entities below";

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? string.Empty : path[..dot];
    }

    private static bool IsBelow(string path, string ancestor) =>
        path != ancestor && (ancestor.Length == 0 || path.StartsWith(ancestor + ".", StringComparison.Ordinal));

    private static void Check(JsonElement ours, JsonElement python, string property, string path, Aspect aspect, List<Difference> found)
    {
        var left = Text(ours, property);
        var right = Text(python, property);
        if (left != right)
        {
            found.Add(new Difference(path, aspect, Shorten(left), Shorten(right)));
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static string Shorten(string? text) => text is null ? "null" : text.Length > 60 ? text[..60] + "…" : text;

    private static string Normalise(string value) => Blanks().Replace(value, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();
}

/// <summary>The aspect of an inspect output that differs.</summary>
internal enum Aspect
{
    MessageCount,
    HeaderNames,
    HeaderValue,
    Structure,
    ContentType,
    Charset,
    Disposition,
    FileName,
    Data,
    Text,
}

/// <summary>One difference: where, what, and both values (for the failure message).</summary>
internal sealed record Difference(string Path, Aspect Aspect, string Ours, string Python);
