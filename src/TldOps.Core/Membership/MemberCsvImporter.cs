using System.Globalization;
using System.Text;
using CsvHelper;

namespace TldOps.Core.Membership;

/// <summary>
/// Reads a members CSV file: UTF-8 (a byte order mark is fine), RFC 4180 quoting, comma or
/// semicolon separated (spreadsheets in many locales write semicolons), and a header line naming
/// the columns <c>ccTLD, name, email, phone</c> in any order and any case. Every problem is
/// reported with its line; reading goes on past bad lines so that one run lists them all.
/// </summary>
public sealed class MemberCsvImporter : IMemberRosterFormat
{
    public const string FormatName = "csv";

    private static readonly string[] RequiredColumns = ["cctld", "name", "email", "phone"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => FormatName;

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var firstLine = FirstLine(head);
        return firstLine.Contains("email", StringComparison.OrdinalIgnoreCase)
            && firstLine.Contains("cctld", StringComparison.OrdinalIgnoreCase)
            && (firstLine.Contains(',', StringComparison.Ordinal) || firstLine.Contains(';', StringComparison.Ordinal));
    }

    public RosterReadResult Read(ReadOnlyMemory<byte> content, MemberImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<MemberImportError>();
        var bytes = content;
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            _ = StrictUtf8.GetCharCount(bytes.Span);
        }
        catch (DecoderFallbackException ex)
        {
            errors.Add(new MemberImportError(0, null, string.Create(CultureInfo.InvariantCulture,
                $"the file is not UTF-8 (invalid bytes at offset {ex.Index + (content.Length - bytes.Length)}); save it as CSV UTF-8.")));
            return new RosterReadResult([], errors);
        }

        var entries = new List<RosterEntry>();
        try
        {
            ReadRecords(bytes, options, entries, errors);
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new MemberImportError((int)Math.Min(ex.LineNumber, int.MaxValue), null, "the file is not valid CSV here; check the quotes."));
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new MemberImportError(0, null, "the file has a header but no entries."));
        }

        return new RosterReadResult(entries, errors.OrderBy(e => e.Line).ToList());
    }

    private static void ReadRecords(ReadOnlyMemory<byte> bytes, MemberImportOptions options, List<RosterEntry> entries, List<MemberImportError> errors)
    {
        var csvOptions = new CsvReaderOptions
        {
            HasHeader = true,
            // Detected among , ; TAB and |: spreadsheets in many locales write semicolons.
            Separator = null,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = record => errors.Add(new MemberImportError((int)Math.Min(record.LineNumber, int.MaxValue), null, Describe(record.Reason))),
            // Values are personal data: keep them out of exception messages (and so out of logs).
            IncludeValuesInExceptions = false,
        };
        using var csv = CsvReader.Create(bytes, csvOptions);
        if (!TryMapHeader(csv.Headers, errors, out var columns))
        {
            return;
        }

        while (csv.Read())
        {
            var line = (int)Math.Min(csv.LineNumber, int.MaxValue);
            if (entries.Count == options.MaxRows)
            {
                errors.Add(new MemberImportError(line, null, string.Create(CultureInfo.InvariantCulture,
                    $"the file has more than {options.MaxRows} entries; split it.")));
                return;
            }

            entries.Add(new RosterEntry(line, csv.GetString(columns["cctld"]), csv.GetString(columns["name"]),
                csv.GetString(columns["email"]), csv.GetString(columns["phone"]), null));
        }
    }

    private static bool TryMapHeader(IReadOnlyList<string> header, List<MemberImportError> errors, out Dictionary<string, int> columns)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        columns = found;
        if (header.Count == 0 || header is [""])
        {
            errors.Add(new MemberImportError(0, null, "the file is empty; the first line must name the columns ccTLD,name,email,phone."));
            return false;
        }

        var before = errors.Count;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!RequiredColumns.Contains(name))
            {
                errors.Add(new MemberImportError(1, header[i], "unknown column; the columns are ccTLD, name, email and phone."));
            }
            else if (!found.TryAdd(name, i))
            {
                errors.Add(new MemberImportError(1, header[i], "this column appears twice."));
            }
        }

        foreach (var missing in RequiredColumns.Where(c => !found.ContainsKey(c)))
        {
            errors.Add(new MemberImportError(1, null, $"the header has no '{missing}' column (the first line must name the columns ccTLD,name,email,phone)."));
        }

        return errors.Count == before;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; put the whole field in double quotes and double the quotes inside it.",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed.",
        CsvMalformedReason.FieldCountMismatch => "this line does not have the same number of fields as the header.",
        _ => "this line is not valid CSV.",
    };

    private static string FirstLine(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOfAny((byte)'\n', (byte)'\r');
        var line = end < 0 ? head : head[..end];
        return Encoding.UTF8.GetString(line);
    }
}
