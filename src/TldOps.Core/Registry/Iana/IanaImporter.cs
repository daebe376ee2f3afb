using Microsoft.Extensions.Logging;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Imports IANA delegation records into the <see cref="DelegationStore"/>: from whois answers
/// saved as files (a file, or a folder searched recursively for files named after a TLD, such as
/// "DE", "XN--P1AI" or "de.txt"), or live from an <see cref="IDelegationSource"/>. A malformed
/// answer becomes an error naming file and line while the rest goes on; it never reaches the
/// store. Files are parsed first and stored in one transaction, applying each TLD's records in
/// the order of their changed dates, so a folder of snapshots replays history and nothing is
/// half-written. A live sync stores each answer as it arrives, so a long run keeps its progress.
/// </summary>
public sealed class IanaImporter
{
    private static readonly string[] AnswerExtensions = [".txt", ".whois"];

    private readonly DelegationStore _store;
    private readonly IanaImportOptions _options;
    private readonly WhoisRecordParser _parser;
    private readonly ILogger<IanaImporter> _logger;

    /// <summary>An importer into <paramref name="store"/> with <paramref name="options"/> (default <see cref="IanaImportOptions.Default"/>).</summary>
    public IanaImporter(DelegationStore store, ILogger<IanaImporter> logger, IanaImportOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? IanaImportOptions.Default;
        _parser = new WhoisRecordParser(_options.Parser);
    }

    /// <summary>Imports the whois answers in <paramref name="paths"/> (files or folders).</summary>
    public async Task<IanaImportReport> ImportFilesAsync(IReadOnlyList<string> paths, IProgress<IanaImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<IanaImportError>();
        var (files, skipped) = ListFiles(paths, errors);
        var source = "files:" + string.Join(',', paths.Select(Path.GetFullPath));
        var importId = await _store.BeginImportAsync(source, cancellationToken).ConfigureAwait(false);

        var answers = new List<(DelegationAnswer Answer, string File)>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            progress?.Report(new IanaImportProgress(i, files.Count, files[i], "reading"));
            var answer = await ReadAnswerAsync(files[i], errors, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                answers.Add((answer, files[i]));
            }
        }

        progress?.Report(new IanaImportProgress(files.Count, files.Count, string.Empty, "storing"));
        var ordered = answers
            .OrderBy(a => a.Answer.Tld, StringComparer.Ordinal)
            .ThenBy(a => a.Answer.IsNotFound ? 1 : 0)
            .ThenBy(a => a.Answer.Delegation?.Changed ?? DateOnly.MinValue)
            .ThenBy(a => a.File, StringComparer.Ordinal)
            .Select(a => a.Answer)
            .ToList();
        var outcomes = ordered.Count == 0 ? [] : await _store.ApplyAsync(importId, ordered, cancellationToken).ConfigureAwait(false);
        var report = new IanaImportReport(importId, source, outcomes, errors, skipped);
        await _store.FinishImportAsync(importId, report.Counts, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("IANA import {ImportId} from {Source}: {Counts}", importId, source, report.Counts);
        return report;
    }

    /// <summary>
    /// Asks <paramref name="source"/> for each TLD in turn (the source paces itself) and stores
    /// each answer in its own transaction. A TLD that fails is an error in the report; the others go on.
    /// </summary>
    public async Task<IanaImportReport> SyncAsync(IDelegationSource source, IReadOnlyList<string> tlds, IProgress<IanaImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tlds);
        var importId = await _store.BeginImportAsync(source.Description, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<DelegationOutcome>(tlds.Count);
        var errors = new List<IanaImportError>();
        try
        {
            for (var i = 0; i < tlds.Count; i++)
            {
                progress?.Report(new IanaImportProgress(i, tlds.Count, tlds[i], "querying"));
                var answer = await QueryAsync(source, tlds[i], errors, cancellationToken).ConfigureAwait(false);
                if (answer is not null)
                {
                    outcomes.AddRange(await _store.ApplyAsync(importId, [answer], cancellationToken).ConfigureAwait(false));
                }
            }

            progress?.Report(new IanaImportProgress(tlds.Count, tlds.Count, string.Empty, "querying"));
        }
        finally
        {
            // Also when cancelled: the run's counts say how far it got.
            var partial = new IanaImportReport(importId, source.Description, outcomes, errors, 0);
            await _store.FinishImportAsync(importId, partial.Counts, CancellationToken.None).ConfigureAwait(false);
        }

        var report = new IanaImportReport(importId, source.Description, outcomes, errors, 0);
        _logger.LogInformation("IANA sync {ImportId} from {Source}: {Counts}", importId, source.Description, report.Counts);
        return report;
    }

    private async Task<DelegationAnswer?> QueryAsync(IDelegationSource source, string tld, List<IanaImportError> errors, CancellationToken cancellationToken)
    {
        var origin = $"{source.Description} {tld}";
        try
        {
            return await source.QueryAsync(tld, cancellationToken).ConfigureAwait(false);
        }
        catch (WhoisFormatException error)
        {
            errors.Add(new IanaImportError(origin, error.LineNumber, error.Reason));
        }
        catch (FormatException error)
        {
            errors.Add(new IanaImportError(origin, null, error.Message));
        }
        catch (DelegationQueryException error)
        {
            errors.Add(new IanaImportError(origin, null, error.Message));
        }

        _logger.LogWarning("IANA sync: {Error}", errors[^1]);
        return null;
    }

    private async Task<DelegationAnswer?> ReadAnswerAsync(string file, List<IanaImportError> errors, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadCappedAsync(file, _options.Parser.MaxBytes + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            errors.Add(new IanaImportError(file, null, error.Message));
            return null;
        }

        if (_parser.TryParse(bytes, out var answer, out var problem, ExpectedTld(file)))
        {
            return answer;
        }

        errors.Add(new IanaImportError(file, problem.LineNumber, problem.Reason));
        return null;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes: the parser reports an answer over its limit, the rest need not be read.</summary>
    private static async Task<byte[]> ReadCappedAsync(string file, int limit, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false);
        var buffer = new byte[(int)Math.Min(limit, Math.Max(stream.Length, 0))];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>The TLD a file is named after ("DE", "xn--p1ai.txt"), or null for any other name.</summary>
    internal static string? ExpectedTld(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var extension in AnswerExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^extension.Length];
                break;
            }
        }

        return WhoisValues.IsTldLabel(name) ? name.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The files to read. A folder yields its files named after a TLD, recursively, in ordinal
    /// order. More than <see cref="IanaImportOptions.MaxFiles"/> in all is an error and nothing is
    /// read (a mistaken path should not import an arbitrary part of itself); enumeration stops there.
    /// </summary>
    private (List<string> Files, int Skipped) ListFiles(IReadOnlyList<string> paths, List<IanaImportError> errors)
    {
        var files = new List<string>();
        var skipped = 0;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
                continue;
            }

            if (!Directory.Exists(path))
            {
                errors.Add(new IanaImportError(path, null, "no such file or folder"));
                continue;
            }

            try
            {
                var found = new List<string>();
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    if (ExpectedTld(file) is null)
                    {
                        skipped++;
                    }
                    else if (files.Count + found.Count == _options.MaxFiles)
                    {
                        errors.Add(new IanaImportError(path, null, $"more than {_options.MaxFiles} answer files: nothing was imported"));
                        return ([], skipped);
                    }
                    else
                    {
                        found.Add(file);
                    }
                }

                files.AddRange(found.Order(StringComparer.Ordinal));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                errors.Add(new IanaImportError(path, null, error.Message));
            }
        }

        if (files.Count > _options.MaxFiles)
        {
            errors.Add(new IanaImportError(files[_options.MaxFiles], null, $"more than {_options.MaxFiles} answer files: nothing was imported"));
            return ([], skipped);
        }

        return (files, skipped);
    }
}
