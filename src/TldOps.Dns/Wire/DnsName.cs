using System.Globalization;

namespace TldOps.Dns.Wire;

/// <summary>
/// Domain names in presentation form, as TldOps uses them: ASCII, labels separated by dots, no
/// trailing dot, the root written ".". Bytes outside printable ASCII, and "." or "\" inside a
/// label, are escaped as in zone files (RFC 1035 §5.1: <c>\DDD</c> and <c>\X</c>).
/// </summary>
public static class DnsName
{
    /// <summary>The most octets a name takes on the wire, length bytes and final zero included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>The most octets in one label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The root name.</summary>
    public const string Root = ".";

    /// <summary>
    /// Converts a host or domain name, possibly in Unicode, to its ASCII form: labels holding
    /// non-ASCII characters become A-labels (IDNA, through <see cref="IdnMapping"/>), the
    /// ideographic full stops U+3002, U+FF0E and U+FF61 count as dots (UTS #46), and one trailing
    /// dot is removed. ASCII labels are kept as written, so "_dmarc" and "sel._domainkey" pass.
    /// </summary>
    /// <param name="name">The name, for example "bücher.example" or "_dmarc.example.org.".</param>
    /// <returns>The ASCII presentation form, for example "xn--bcher-kva.example".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The name is empty, has an empty label, a label over 63 octets, is over 255 octets in wire
    /// form, has a bad escape, or a label that IDNA rejects.
    /// </exception>
    public static string ToAscii(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryToAscii(name, out var ascii, out var problem))
        {
            return ascii;
        }

        throw new ArgumentException($"'{name}' is not a valid DNS name: {problem}.", nameof(name));
    }

    /// <summary>Like <see cref="ToAscii"/>, but returns false instead of throwing.</summary>
    /// <param name="name">The name to convert.</param>
    /// <param name="ascii">The ASCII presentation form, or an empty string on failure.</param>
    public static bool TryToAscii(string? name, out string ascii) => TryToAscii(name, out ascii, out _);

    /// <summary>
    /// Compares two presentation names the way DNS does: ASCII letters case-insensitively
    /// (RFC 4343), ignoring one trailing dot.
    /// </summary>
    public static bool AreEqual(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return string.Equals(StripTrailingDot(left), StripTrailingDot(right), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The form used as a cache key: lower case, no trailing dot.</summary>
    internal static string ToKey(string name) => StripTrailingDot(name).ToLowerInvariant();

    internal static bool TryToAscii(string? name, out string ascii, out string problem)
    {
        ascii = string.Empty;
        if (string.IsNullOrEmpty(name))
        {
            problem = "the name is empty";
            return false;
        }

        var candidate = name;
        if (!System.Text.Ascii.IsValid(name))
        {
            if (!TryMapUnicode(name, out candidate, out problem))
            {
                return false;
            }
        }

        Span<byte> wire = stackalloc byte[MaxWireLength];
        if (!TryEncode(candidate, wire, out _, out problem))
        {
            return false;
        }

        ascii = StripTrailingDot(candidate);
        return true;
    }

    /// <summary>
    /// Writes a presentation name in wire form (uncompressed). Returns false with a reason when
    /// the name breaks a limit, has an empty label, a bad escape or a non-ASCII character.
    /// </summary>
    internal static bool TryEncode(string name, Span<byte> destination, out int written, out string problem)
    {
        written = 0;
        problem = string.Empty;
        if (name.Length == 0 || name == Root)
        {
            return TryPut(destination, ref written, 0, ref problem);
        }

        var labelStart = 0;
        var labelLength = 0;
        if (!TryPut(destination, ref written, 0, ref problem))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    problem = "it has an empty label";
                    return false;
                }

                destination[labelStart] = (byte)labelLength;
                if (i == name.Length - 1)
                {
                    labelLength = 0;
                    break;
                }

                labelStart = written;
                labelLength = 0;
                if (!TryPut(destination, ref written, 0, ref problem))
                {
                    return false;
                }

                continue;
            }

            if (!TryReadCharacter(name, ref i, out var value, out problem)
                || !TryPut(destination, ref written, value, ref problem))
            {
                return false;
            }

            if (++labelLength > MaxLabelLength)
            {
                problem = $"a label is longer than {MaxLabelLength} octets";
                return false;
            }
        }

        if (labelLength > 0)
        {
            destination[labelStart] = (byte)labelLength;
        }

        return TryPut(destination, ref written, 0, ref problem);
    }

    /// <summary>Appends one label's bytes in presentation form (escaping as RFC 1035 §5.1 does).</summary>
    internal static void AppendLabel(ReadOnlySpan<byte> label, Span<char> destination, ref int position)
    {
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
            {
                destination[position++] = '\\';
                destination[position++] = (char)b;
            }
            else if (b is > 0x20 and < 0x7F)
            {
                destination[position++] = (char)b;
            }
            else
            {
                destination[position++] = '\\';
                destination[position++] = (char)('0' + (b / 100));
                destination[position++] = (char)('0' + (b / 10 % 10));
                destination[position++] = (char)('0' + (b % 10));
            }
        }
    }

    private static bool TryReadCharacter(string name, ref int i, out byte value, out string problem)
    {
        problem = string.Empty;
        value = 0;
        var c = name[i];
        if (c != '\\')
        {
            if (c is <= ' ' or >= (char)0x7F)
            {
                problem = $"character U+{(int)c:X4} at position {i} must be escaped";
                return false;
            }

            value = (byte)c;
            return true;
        }

        if (i + 1 >= name.Length)
        {
            problem = "it ends with a lone backslash";
            return false;
        }

        var next = name[i + 1];
        if (!char.IsAsciiDigit(next))
        {
            if (next is <= ' ' or >= (char)0x7F)
            {
                problem = $"the escape at position {i} is not ASCII";
                return false;
            }

            value = (byte)next;
            i++;
            return true;
        }

        if (i + 3 >= name.Length
            || !char.IsAsciiDigit(name[i + 2]) || !char.IsAsciiDigit(name[i + 3]))
        {
            problem = $"the escape at position {i} needs three digits";
            return false;
        }

        var number = ((next - '0') * 100) + ((name[i + 2] - '0') * 10) + (name[i + 3] - '0');
        if (number > 255)
        {
            problem = $"the escape at position {i} is above 255";
            return false;
        }

        value = (byte)number;
        i += 3;
        return true;
    }

    private static bool TryPut(Span<byte> destination, ref int written, byte value, ref string problem)
    {
        if (written >= destination.Length || written >= MaxWireLength)
        {
            problem = $"it is longer than {MaxWireLength} octets in wire form";
            return false;
        }

        destination[written++] = value;
        return true;
    }

    private static bool TryMapUnicode(string name, out string mapped, out string problem)
    {
        mapped = string.Empty;
        problem = string.Empty;
        var dotted = name.Replace('\u3002', '.').Replace('\uFF0E', '.').Replace('\uFF61', '.');
        var trailingDot = dotted.EndsWith('.');
        var labels = (trailingDot ? dotted[..^1] : dotted).Split('.');
        var idn = new IdnMapping();
        for (var i = 0; i < labels.Length; i++)
        {
            if (System.Text.Ascii.IsValid(labels[i]))
            {
                continue;
            }

            try
            {
                labels[i] = idn.GetAscii(labels[i]);
            }
            catch (ArgumentException)
            {
                problem = $"label '{labels[i]}' is not a valid internationalized label";
                return false;
            }
        }

        mapped = string.Join('.', labels);
        return true;
    }

    private static string StripTrailingDot(string name)
    {
        if (name.Length <= 1 || name[^1] != '.')
        {
            return name;
        }

        // "a\." ends in an escaped dot, part of the label: count the backslashes before it.
        var backslashes = 0;
        for (var i = name.Length - 2; i >= 0 && name[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0 ? name[..^1] : name;
    }
}
