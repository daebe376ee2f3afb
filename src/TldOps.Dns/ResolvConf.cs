using System.Globalization;
using System.Net;
using System.Text;

namespace TldOps.Dns;

/// <summary>
/// What TldOps takes from a resolv.conf file (resolv.conf(5), glibc semantics): <c>nameserver</c>
/// lines (the first three, glibc's MAXNS) and the <c>timeout:</c>, <c>attempts:</c> and
/// <c>rotate</c> options. <c>search</c>, <c>domain</c> and <c>ndots</c> are read past on purpose:
/// TldOps only looks up fully qualified names. Like glibc, a bad line is skipped, not fatal; each
/// one is reported in <see cref="Problems"/>.
/// </summary>
public sealed class ResolvConf
{
    /// <summary>The most nameservers used, as glibc's MAXNS.</summary>
    public const int MaxNameservers = 3;

    /// <summary>The most bytes read from a file; a resolv.conf is a few lines long.</summary>
    public const int MaxFileBytes = 64 * 1024;

    // glibc caps: RES_MAXTIMEOUT (30 s) and RES_MAXRETRY (5).
    private const int MaxTimeoutSeconds = 30;
    private const int MaxAttempts = 5;

    private ResolvConf(IReadOnlyList<IPAddress> nameservers, TimeSpan? timeout, int? attempts, bool rotate, IReadOnlyList<string> problems)
    {
        Nameservers = nameservers;
        Timeout = timeout;
        Attempts = attempts;
        Rotate = rotate;
        Problems = problems;
    }

    /// <summary>The nameservers, in file order, at most <see cref="MaxNameservers"/>.</summary>
    public IReadOnlyList<IPAddress> Nameservers { get; }

    /// <summary>The per-try timeout from <c>options timeout:n</c> (1 to 30 s), or null when not set.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The number of rounds from <c>options attempts:n</c> (1 to 5), or null when not set.</summary>
    public int? Attempts { get; }

    /// <summary>True when <c>options rotate</c> is set.</summary>
    public bool Rotate { get; }

    /// <summary>Lines that were skipped and why, as "line N: …".</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads a file; a missing or unreadable file gives an empty configuration with the reason in <see cref="Problems"/>.</summary>
    /// <param name="path">The file, normally "/etc/resolv.conf".</param>
    public static ResolvConf Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[MaxFileBytes];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var parsed = Parse(Encoding.UTF8.GetString(buffer, 0, length));
            if (length == MaxFileBytes && stream.ReadByte() >= 0)
            {
                return new ResolvConf(parsed.Nameservers, parsed.Timeout, parsed.Attempts, parsed.Rotate,
                    [.. parsed.Problems, $"{path} is longer than {MaxFileBytes} bytes; the rest was ignored"]);
            }

            return parsed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ResolvConf([], null, null, false, [$"{path} could not be read: {e.Message}"]);
        }
    }

    /// <summary>Parses the text of a resolv.conf file.</summary>
    public static ResolvConf Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nameservers = new List<IPAddress>();
        var problems = new List<string>();
        TimeSpan? timeout = null;
        int? attempts = null;
        var rotate = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var words = lines[i].Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#') || words[0].StartsWith(';'))
            {
                continue;
            }

            var where = $"line {i + 1}";
            switch (words[0])
            {
                case "nameserver":
                    AddNameserver(words, where, nameservers, problems);
                    break;
                case "options":
                    foreach (var option in words.Skip(1))
                    {
                        ReadOption(option, where, ref timeout, ref attempts, ref rotate, problems);
                    }

                    break;
            }
        }

        return new ResolvConf(nameservers, timeout, attempts, rotate, problems);
    }

    private static void AddNameserver(string[] words, string where, List<IPAddress> nameservers, List<string> problems)
    {
        if (words.Length < 2 || !IPAddress.TryParse(words[1], out var address))
        {
            problems.Add($"{where}: 'nameserver' needs an IP address");
        }
        else if (nameservers.Count >= MaxNameservers)
        {
            problems.Add($"{where}: only the first {MaxNameservers} nameservers are used");
        }
        else
        {
            nameservers.Add(address);
        }
    }

    private static void ReadOption(string option, string where, ref TimeSpan? timeout, ref int? attempts, ref bool rotate, List<string> problems)
    {
        if (option == "rotate")
        {
            rotate = true;
        }
        else if (option.StartsWith("timeout:", StringComparison.Ordinal))
        {
            if (TryReadCount(option["timeout:".Length..], MaxTimeoutSeconds, out var seconds))
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                problems.Add($"{where}: '{option}' needs a whole number of seconds");
            }
        }
        else if (option.StartsWith("attempts:", StringComparison.Ordinal))
        {
            if (TryReadCount(option["attempts:".Length..], MaxAttempts, out var count))
            {
                attempts = count;
            }
            else
            {
                problems.Add($"{where}: '{option}' needs a whole number");
            }
        }
    }

    // glibc clamps to its maximum (an overlong number too); a zero would disable querying, so it becomes 1.
    private static bool TryReadCount(string text, int max, out int value)
    {
        value = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? Math.Clamp(parsed, 1, max)
            : max;
        return true;
    }
}
