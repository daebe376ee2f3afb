using System.Text;

namespace TldOps.Mail.Smtp.Protocol;

/// <summary>A MAIL or RCPT parameter, esmtp-keyword ["=" esmtp-value] (RFC 5321 §4.1.2).</summary>
internal readonly record struct SmtpParameter(string Keyword, string? Value);

/// <summary>The parsed argument of MAIL FROM or RCPT TO, or the problem with it.</summary>
internal sealed record SmtpPathArgument(SmtpAddress? Address, IReadOnlyList<SmtpParameter> Parameters, bool IsAddressProblem, string? Problem);

/// <summary>Splits command lines into verb and arguments, and parses MAIL/RCPT arguments.</summary>
internal static class SmtpCommandSyntax
{
    public static SmtpVerb ParseVerb(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> arguments)
    {
        var space = line.IndexOf((byte)' ');
        var verb = space < 0 ? line : line[..space];
        arguments = space < 0 ? default : line[(space + 1)..];
        if (verb.Length is < 4 or > 8)
        {
            return SmtpVerb.Unknown;
        }

        Span<byte> upper = stackalloc byte[8];
        var length = Ascii.ToUpper(verb, upper, out var written) == System.Buffers.OperationStatus.Done ? written : 0;
        return upper[..length] switch
        {
            var v when v.SequenceEqual("HELO"u8) => SmtpVerb.Helo,
            var v when v.SequenceEqual("EHLO"u8) => SmtpVerb.Ehlo,
            var v when v.SequenceEqual("LHLO"u8) => SmtpVerb.Lhlo,
            var v when v.SequenceEqual("MAIL"u8) => SmtpVerb.Mail,
            var v when v.SequenceEqual("RCPT"u8) => SmtpVerb.Rcpt,
            var v when v.SequenceEqual("DATA"u8) => SmtpVerb.Data,
            var v when v.SequenceEqual("BDAT"u8) => SmtpVerb.Bdat,
            var v when v.SequenceEqual("RSET"u8) => SmtpVerb.Rset,
            var v when v.SequenceEqual("NOOP"u8) => SmtpVerb.Noop,
            var v when v.SequenceEqual("QUIT"u8) => SmtpVerb.Quit,
            var v when v.SequenceEqual("VRFY"u8) => SmtpVerb.Vrfy,
            var v when v.SequenceEqual("EXPN"u8) => SmtpVerb.Expn,
            var v when v.SequenceEqual("HELP"u8) => SmtpVerb.Help,
            var v when v.SequenceEqual("STARTTLS"u8) => SmtpVerb.StartTls,
            var v when v.SequenceEqual("AUTH"u8) => SmtpVerb.Auth,
            var v when v.SequenceEqual("ETRN"u8) => SmtpVerb.Etrn,
            var v when v.SequenceEqual("TURN"u8) => SmtpVerb.Turn,
            _ => SmtpVerb.Unknown,
        };
    }

    /// <summary>
    /// Parses "FROM:&lt;path&gt; params" or "TO:&lt;path&gt; params". A space after the colon is
    /// tolerated (many clients send it, and Postfix accepts it), the path must be in brackets.
    /// </summary>
    public static SmtpPathArgument ParsePathArgument(ReadOnlySpan<byte> arguments, ReadOnlySpan<byte> prefix, bool isSender, SmtpAddressParserOptions options)
    {
        if (arguments.Length < prefix.Length || !Ascii.EqualsIgnoreCase(arguments[..prefix.Length], prefix))
        {
            return new SmtpPathArgument(null, [], false, $"Expected {Encoding.ASCII.GetString(prefix)}");
        }

        var rest = arguments[prefix.Length..];
        var skipped = rest.Length - rest.TrimStart((byte)' ').Length;
        rest = rest[skipped..];
        var path = SmtpAddressSyntax.ParsePath(rest, options, allowNull: isSender, allowBarePostmaster: !isSender);
        if (path.Address is null)
        {
            return new SmtpPathArgument(null, [], true, $"{path.Problem} at offset {prefix.Length + skipped + path.Offset}");
        }

        var parameters = ParseParameters(rest[path.Consumed..], out var problem);
        return new SmtpPathArgument(path.Address, parameters ?? [], false, problem);
    }

    /// <summary>Parses " KEY[=VALUE] KEY..." after a path (RFC 5321 §4.1.2 Mail-parameters).</summary>
    public static IReadOnlyList<SmtpParameter>? ParseParameters(ReadOnlySpan<byte> text, out string? problem)
    {
        problem = null;
        var list = new List<SmtpParameter>();
        text = text.TrimEnd((byte)' ');
        while (!text.IsEmpty)
        {
            if (text[0] != (byte)' ')
            {
                problem = "Expected a space before a parameter";
                return null;
            }

            text = text.TrimStart((byte)' ');
            var end = text.IndexOf((byte)' ');
            var item = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[end..];
            var eq = item.IndexOf((byte)'=');
            var keyword = eq < 0 ? item : item[..eq];
            if (!IsKeyword(keyword) || (eq >= 0 && !IsValue(item[(eq + 1)..])))
            {
                problem = "Malformed parameter";
                return null;
            }

            list.Add(new SmtpParameter(
                Encoding.ASCII.GetString(keyword).ToUpperInvariant(),
                eq < 0 ? null : Encoding.UTF8.GetString(item[(eq + 1)..])));
        }

        return list;
    }

    // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static bool IsKeyword(ReadOnlySpan<byte> keyword)
    {
        if (keyword.IsEmpty || !char.IsAsciiLetterOrDigit((char)keyword[0]))
        {
            return false;
        }

        foreach (var b in keyword)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b != (byte)'-')
            {
                return false;
            }
        }

        return true;
    }

    // esmtp-value = 1*(%d33-60 / %d62-126), extended to UTF-8 by RFC 6531 §3.3.
    private static bool IsValue(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b < 33 || b == (byte)'=' || b == 127)
            {
                return false;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(value);
    }
}
