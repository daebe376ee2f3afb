using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TldOps.Core.Membership.Roster;

/// <summary>
/// Reads today's TLD-OPS Mailman roster, one member a line as <c>list_members -f</c> prints
/// it, with the display name following the community's convention
/// <c>"Name, #n, .tld, +phone" &lt;email&gt;</c> (n: the contact's number within its ccTLD;
/// a second phone, if any, is the mobile). Unquoted names and a name that itself holds a comma
/// ("Doe, Jane, #1, …") are read too. Blank lines and lines starting with '#' are skipped; every
/// line that does not follow the convention is reported with its number.
/// </summary>
public sealed partial class MailmanRosterFormat : IMemberRosterFormat
{
    public const string FormatName = "mailman";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => FormatName;

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        string text;
        try
        {
            // The head may end inside a UTF-8 sequence: only whole lines before the last one are judged.
            text = StrictUtf8.GetString(head[..Math.Max(0, head.LastIndexOf((byte)'\n'))]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Take(5).ToList();
        return lines.Count > 0 && lines.All(l => Line().IsMatch(l)) && lines.Any(l => Convention().IsMatch(l));
    }

    public RosterReadResult Read(ReadOnlyMemory<byte> content, MemberImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = new List<RosterEntry>();
        var errors = new List<MemberImportError>();
        string text;
        try
        {
            var bytes = content.Span;
            if (bytes.StartsWith(Encoding.UTF8.Preamble))
            {
                bytes = bytes[Encoding.UTF8.Preamble.Length..];
            }

            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            errors.Add(new MemberImportError(0, null, string.Create(CultureInfo.InvariantCulture, $"the file is not UTF-8 (invalid bytes at offset {ex.Index}).")));
            return new RosterReadResult([], errors);
        }

        var number = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (entries.Count == options.MaxRows)
            {
                errors.Add(new MemberImportError(number, null, string.Create(CultureInfo.InvariantCulture, $"the file has more than {options.MaxRows} entries; split it.")));
                break;
            }

            if (TryReadLine(number, line, out var entry, out var reason))
            {
                entries.Add(entry);
            }
            else
            {
                errors.Add(new MemberImportError(number, null, reason));
            }
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new MemberImportError(0, null, "the roster lists nobody."));
        }

        return new RosterReadResult(entries, errors);
    }

    private static bool TryReadLine(int number, string line, out RosterEntry entry, out string reason)
    {
        entry = null!;
        var match = Line().Match(line);
        if (!match.Success)
        {
            reason = "expected \"Name, #n, .tld, +phone\" <address>.";
            return false;
        }

        var display = match.Groups["quoted"].Success
            ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : match.Groups["plain"].Value;
        var email = match.Groups["email"].Value.Trim();
        var parts = display.Split(',').Select(p => p.Trim()).ToList();
        var numberIndex = parts.FindIndex(p => ContactNumber().IsMatch(p));
        if (numberIndex < 1 || numberIndex + 1 >= parts.Count || !parts[numberIndex + 1].StartsWith('.'))
        {
            reason = $"the display name \"{display}\" does not follow \"Name, #n, .tld, +phone\".";
            return false;
        }

        var name = string.Join(", ", parts.Take(numberIndex));
        var ccTld = parts[numberIndex + 1];
        var phones = parts.Skip(numberIndex + 2).Where(p => p.Length > 0).ToList();
        if (phones.Count > 2)
        {
            reason = "more than two phone numbers in the display name.";
            return false;
        }

        entry = new RosterEntry(number, ccTld, name, email, phones.ElementAtOrDefault(0), phones.ElementAtOrDefault(1));
        reason = string.Empty;
        return true;
    }

    // "Display" <address>, or Display <address>: list_members -f quotes names with specials (commas).
    [GeneratedRegex("""^(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<plain>[^"<>]+?))\s*<(?<email>[^<>\s]+)>$""")]
    private static partial Regex Line();

    [GeneratedRegex(@",\s*#\d+\s*,\s*\.")]
    private static partial Regex Convention();

    [GeneratedRegex(@"^#\d{1,2}$")]
    private static partial Regex ContactNumber();
}
