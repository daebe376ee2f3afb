using System.Globalization;
using TldOps.Core.Registry;

namespace TldOps.Core.Membership;

/// <summary>
/// Imports members from a roster file, all or nothing: the file is read by the first
/// <see cref="IMemberRosterFormat"/> that recognises it (or the one named), every entry is
/// validated (a delegated ccTLD, a name, a valid address, an international phone number, no
/// duplicates, the per-ccTLD limit), and only when every entry passes are they stored, in one
/// transaction. The report lists each bad entry with its line.
/// </summary>
public sealed class MemberImporter(MemberStore members, CcTldStore ccTlds, IEnumerable<IMemberRosterFormat> formats)
{
    // Enough of the file for any format to recognise itself by.
    private const int HeadBytes = 4096;

    private readonly IReadOnlyList<IMemberRosterFormat> _formats = formats.ToList();

    /// <summary>The names of the formats that can be imported.</summary>
    public IReadOnlyList<string> FormatNames => _formats.Select(f => f.Name).ToList();

    /// <summary>Imports a file from disk; see <see cref="ImportAsync(string, Stream, MemberImportOptions?, string?, bool, CancellationToken)"/>.</summary>
    public async Task<MemberImportReport> ImportFileAsync(
        string path,
        MemberImportOptions? options = null,
        string? format = null,
        bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(Path.GetFileName(path), stream, options, format, dryRun, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads, validates and (unless <paramref name="dryRun"/>) stores the members in
    /// <paramref name="content"/>. <paramref name="format"/> names a format; null or "auto" detects it.
    /// </summary>
    public async Task<MemberImportReport> ImportAsync(
        string fileName,
        Stream content,
        MemberImportOptions? options = null,
        string? format = null,
        bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= MemberImportOptions.Default;
        var bytes = await ReadBoundedAsync(content, options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Failed(null, 0, new MemberImportError(0, null, string.Create(CultureInfo.InvariantCulture,
                $"the file is larger than {options.MaxFileBytes} bytes.")));
        }

        var reader = Choose(fileName, bytes, format, out var choiceError);
        if (reader is null)
        {
            return Failed(null, 0, choiceError!);
        }

        var read = reader.Read(bytes, options);
        var validation = await ValidateAsync(read.Entries, options, cancellationToken).ConfigureAwait(false);
        var errors = read.Errors.Concat(validation.Errors).OrderBy(e => e.Line).ToList();
        if (errors.Count > 0)
        {
            return new MemberImportReport(reader.Name, read.Entries.Count, [], [], errors);
        }

        if (dryRun)
        {
            return new MemberImportReport(reader.Name, read.Entries.Count, validation.Accepted, [], []);
        }

        var stored = await members.AddAllAsync(validation.Accepted, cancellationToken).ConfigureAwait(false);
        return stored.TryGetValue(out var added, out var problem)
            ? new MemberImportReport(reader.Name, read.Entries.Count, validation.Accepted, added, [])
            : new MemberImportReport(reader.Name, read.Entries.Count, [], [], [new MemberImportError(0, null, problem.Message)]);
    }

    private async Task<(List<NewMember> Accepted, List<MemberImportError> Errors)> ValidateAsync(
        IReadOnlyList<RosterEntry> entries, MemberImportOptions options, CancellationToken cancellationToken)
    {
        var known = (await ccTlds.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Code, StringComparer.Ordinal);
        var present = (await members.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(m => m.Status != MemberStatus.Removed && m.CcTld is not null)
            .ToList();
        var seen = present.ToDictionary(m => Key(m.CcTld!, m.Email), _ => 0, StringComparer.Ordinal);
        var perCcTld = present.GroupBy(m => m.CcTld!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var validator = new RosterEntryValidator(known, options);
        var accepted = new List<NewMember>(entries.Count);
        var errors = new List<MemberImportError>();
        foreach (var entry in entries)
        {
            var member = validator.Validate(entry, errors);
            if (member is null)
            {
                continue;
            }

            var key = Key(member.CcTld!, member.Email);
            if (seen.TryGetValue(key, out var firstLine))
            {
                errors.Add(new MemberImportError(entry.Line, null, firstLine == 0
                    ? $"{member.Email} is already on the list for {Display(known, member.CcTld!)}."
                    : string.Create(CultureInfo.InvariantCulture, $"the same ccTLD and address as line {firstLine}.")));
                continue;
            }

            seen[key] = entry.Line;
            var count = perCcTld.GetValueOrDefault(member.CcTld!) + 1;
            perCcTld[member.CcTld!] = count;
            if (count > options.MaxContactsPerCcTld)
            {
                errors.Add(new MemberImportError(entry.Line, null, string.Create(CultureInfo.InvariantCulture,
                    $"{Display(known, member.CcTld!)} would have {count} people on the list; at most {options.MaxContactsPerCcTld} per ccTLD.")));
                continue;
            }

            accepted.Add(member);
        }

        return (accepted, errors);
    }

    private IMemberRosterFormat? Choose(string fileName, byte[] bytes, string? format, out MemberImportError? error)
    {
        error = null;
        if (!string.IsNullOrEmpty(format) && !string.Equals(format, "auto", StringComparison.OrdinalIgnoreCase))
        {
            var named = _formats.FirstOrDefault(f => string.Equals(f.Name, format, StringComparison.OrdinalIgnoreCase));
            if (named is null)
            {
                error = new MemberImportError(0, null, $"unknown format '{format}'; known: {string.Join(", ", FormatNames)}.");
            }

            return named;
        }

        var head = bytes.AsSpan(0, Math.Min(bytes.Length, HeadBytes));
        foreach (var candidate in _formats)
        {
            if (candidate.Recognises(fileName, head))
            {
                return candidate;
            }
        }

        error = new MemberImportError(0, null, $"the format of {fileName} is not recognised; name it ({string.Join(", ", FormatNames)}).");
        return null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream content, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Key(string ccTld, string email) => ccTld + "\n" + email.ToLowerInvariant();

    private static string Display(Dictionary<string, RegisteredCcTld> known, string code) =>
        known.TryGetValue(code, out var tld) ? tld.Display : "." + code;

    private static MemberImportReport Failed(string? format, int entries, MemberImportError error) => new(format, entries, [], [], [error]);
}
