using System.Globalization;
using TldOps.Core.Common;
using TldOps.Core.Membership.Joining;

namespace TldOps.Core.Membership.Requests;

/// <summary>
/// The plain-text request format accepted at the <c>-request</c> address. Fields are
/// "Name: value" lines (case does not matter); a blank line ends a contact; quoted lines ("&gt;")
/// and everything after a signature separator ("-- ") are ignored; an ASCII-armoured public key
/// block belongs to the contact it follows:
/// <code>
/// ccTLD: .fr
/// Request: join            (join, add, change or remove; join when absent)
///
/// Name: Jeanne Martin
/// Email: jeanne.martin@nic.fr
/// Office phone: +33 1 39 30 83 00
/// Mobile phone: +33 6 12 34 56 78
/// Role: Head of CERT
/// Language: fr
/// Current: old.address@nic.fr   (change and remove: the contact concerned)
/// </code>
/// </summary>
public static class JoinMailFormat
{
    /// <summary>The most lines read (a request for 20 contacts with keys stays far below).</summary>
    public const int MaxLines = 5000;

    private const string KeyBegin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private const string KeyEnd = "-----END PGP PUBLIC KEY BLOCK-----";

    /// <summary>True when <paramref name="text"/> looks like a request (has a "ccTLD:" line).</summary>
    public static bool LooksLikeRequest(string text) =>
        Lines(text).Any(l => l.Text.TrimStart().StartsWith("cctld:", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a request; problems are listed with their line numbers and nothing is returned when there is one.</summary>
    public static JoinRequestForm? Parse(string text, string requesterEmail, string? requesterName, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var lines = Lines(text).ToList();
        if (lines.Count > MaxLines)
        {
            errors.Add(new FieldError("request", string.Create(CultureInfo.InvariantCulture, $"more than {MaxLines} lines.")));
            return null;
        }

        var before = errors.Count;
        var reader = new Reader(errors);
        for (var i = 0; i < lines.Count; i++)
        {
            i = reader.Read(lines, i);
        }

        reader.EndContact();
        if (reader.CcTld is null)
        {
            errors.Add(new FieldError("ccTld", "the request has no \"ccTLD:\" line."));
        }

        return errors.Count == before
            ? new JoinRequestForm(reader.CcTld, reader.Contacts, requesterEmail, requesterName, reader.Kind, reader.Contacts.FirstOrDefault()?.Language)
            : null;
    }

    /// <summary>The state of one pass over a request's lines.</summary>
    private sealed class Reader(List<FieldError> errors)
    {
        private Dictionary<string, string>? _current;

        public string? CcTld { get; private set; }

        public JoinRequestKind Kind { get; private set; } = JoinRequestKind.Join;

        public List<JoinContactForm> Contacts { get; } = [];

        /// <summary>Reads the line at <paramref name="index"/> (and a key block starting there); returns the index of the last line used.</summary>
        public int Read(List<(int Number, string Text)> lines, int index)
        {
            var (number, line) = lines[index];
            if (line.Trim().Length == 0)
            {
                EndContact();
                return index;
            }

            if (line.Trim() == KeyBegin)
            {
                return ReadKey(lines, index);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add(new FieldError(Where(number), "expected \"Field: value\"."));
                return index;
            }

            ReadField(number, line[..colon], line[(colon + 1)..].Trim());
            return index;
        }

        public void EndContact()
        {
            if (_current is { Count: > 0 })
            {
                Contacts.Add(ToForm(_current));
            }

            _current = null;
        }

        private int ReadKey(List<(int Number, string Text)> lines, int index)
        {
            var end = lines.FindIndex(index, l => l.Text.Trim() == KeyEnd);
            if (end < 0 || (Contacts.Count == 0 && _current is null))
            {
                errors.Add(new FieldError(Where(lines[index].Number), end < 0 ? "the key block has no END line." : "a key block must follow the contact it belongs to."));
                return end < 0 ? lines.Count - 1 : end;
            }

            var key = string.Join('\n', lines.Skip(index).Take(end - index + 1).Select(l => l.Text.Trim()));
            if (_current is not null)
            {
                _current["key"] = key;
            }
            else
            {
                Contacts[^1] = Contacts[^1] with { OpenPgpKey = key };
            }

            return end;
        }

        private void ReadField(int number, string name, string value)
        {
            var field = Field(name);
            switch (field)
            {
                case "cctld":
                    CcTld = value;
                    break;
                case "request":
                    if (JoinCodes.TryParseKind(value, out var kind))
                    {
                        Kind = kind;
                    }
                    else
                    {
                        errors.Add(new FieldError(Where(number), $"'{value}' is not join, add, change or remove."));
                    }

                    break;
                case "name" or "email" or "office" or "mobile" or "role" or "language" or "current":
                    _current ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    if (!_current.TryAdd(field, value))
                    {
                        errors.Add(new FieldError(Where(number), $"a second {field} for the same contact; separate contacts with a blank line."));
                    }

                    break;
                default:
                    errors.Add(new FieldError(Where(number), $"unknown field '{name.Trim()}'."));
                    break;
            }
        }
    }

    private static JoinContactForm ToForm(Dictionary<string, string> fields) => new(
        fields.GetValueOrDefault("name"),
        fields.GetValueOrDefault("email"),
        fields.GetValueOrDefault("office"),
        fields.GetValueOrDefault("mobile"),
        fields.GetValueOrDefault("role"),
        fields.GetValueOrDefault("language"),
        fields.GetValueOrDefault("key"),
        fields.GetValueOrDefault("current"));

    private static string Field(string name) => name.Trim().ToLowerInvariant().Replace('-', ' ').Replace('_', ' ') switch
    {
        "cctld" or "tld" => "cctld",
        "request" or "kind" => "request",
        "name" => "name",
        "email" or "e mail" or "address" => "email",
        "phone" or "office" or "office phone" => "office",
        "mobile" or "mobile phone" or "cell" => "mobile",
        "role" or "title" => "role",
        "language" => "language",
        "current" or "existing" => "current",
        var other => other,
    };

    private static string Where(int line) => string.Create(CultureInfo.InvariantCulture, $"line {line}");

    private static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var number = 0;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            if (line == "-- " || line == "--")
            {
                yield break;
            }

            if (!line.TrimStart().StartsWith('>'))
            {
                yield return (number, line);
            }
        }
    }
}
