using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using TldOps.Core.Common;

namespace TldOps.Core.Membership.Texts;

/// <summary>
/// The texts of vetting's mails, of the login mail and of the contact repository in the six
/// languages, read from the files embedded beside this class (<c>en.txt</c>, <c>fr.txt</c>…; the
/// format is described at the top of <c>en.txt</c>). A text missing in a language falls back to
/// English; a test checks that none is missing and that every translation has the same placeholders.
/// </summary>
public sealed partial class TextCatalog
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    private TextCatalog(FrozenDictionary<string, FrozenDictionary<string, string>> texts) => _texts = texts;

    /// <summary>The catalog shipped in this assembly.</summary>
    public static TextCatalog Shipped { get; } = Load();

    /// <summary>The keys of the English texts.</summary>
    public IEnumerable<string> Keys => _texts[Language.English].Keys;

    /// <summary>The keys present in <paramref name="language"/>.</summary>
    public IEnumerable<string> KeysOf(string language) => _texts.TryGetValue(language, out var texts) ? texts.Keys : [];

    /// <summary>The raw text (with its placeholders) of <paramref name="key"/> in <paramref name="language"/>, falling back to English.</summary>
    public string Raw(string language, string key)
    {
        if (_texts.TryGetValue(Language.Match(language) ?? Language.English, out var texts) && texts.TryGetValue(key, out var text))
        {
            return text;
        }

        return _texts[Language.English].TryGetValue(key, out var english)
            ? english
            : throw new KeyNotFoundException($"No text '{key}' in the catalog.");
    }

    /// <summary>The text with its placeholders replaced; a placeholder without a value is a bug and throws.</summary>
    public string Format(string language, string key, IReadOnlyDictionary<string, string>? values = null)
    {
        var raw = Raw(language, key);
        return Placeholder().Replace(raw, match =>
        {
            var name = match.Groups[1].Value;
            return values is not null && values.TryGetValue(name, out var value)
                ? value
                : throw new KeyNotFoundException($"Text '{key}' ({language}) needs a value for {{{name}}}.");
        });
    }

    /// <summary>The placeholder names used in a text.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads one language file; used for the shipped files and by tests.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        var body = new StringBuilder();
        void Flush()
        {
            if (key is not null && !texts.TryAdd(key, body.ToString().TrimEnd('\n', '\r', ' ')))
            {
                throw new FormatException($"The text '{key}' appears twice.");
            }
        }

        foreach (var line in content.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                key = line[4..].Trim();
                body.Clear();
            }
            else if (key is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        Flush();
        return texts;
    }

    private static TextCatalog Load()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var all = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in Language.All)
        {
            var name = $"TldOps.Core.Membership.Texts.{language}.txt";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The texts {name} are not embedded in {assembly.GetName().Name}.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            all[language] = Parse(reader.ReadToEnd()).ToFrozenDictionary(StringComparer.Ordinal);
        }

        return new TextCatalog(all.ToFrozenDictionary(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}
