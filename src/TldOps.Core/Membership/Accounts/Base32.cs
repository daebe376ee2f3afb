namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// RFC 4648 §6 base 32 (A–Z, 2–7), the alphabet authenticator apps expect for TOTP secrets in
/// <c>otpauth://</c> URIs. Padding is left out on output (Google's key-URI format omits it) and
/// ignored on input, as are spaces and case, so a secret typed from the screen reads back.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var output = new char[(data.Length * 8 + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(output, 0, index);
    }

    /// <summary>Decodes <paramref name="text"/>; false on a character outside the alphabet or leftover bits that are not zero.</summary>
    public static bool TryDecode(string? text, out byte[] data)
    {
        data = [];
        if (text is null)
        {
            return false;
        }

        var output = new List<byte>(text.Length * 5 / 8);
        var buffer = 0;
        var bits = 0;
        foreach (var raw in text)
        {
            if (raw is ' ' or '-' or '=')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(raw), StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        // RFC 4648 §3.5: the bits past the last whole byte must be zero in canonical encodings.
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            return false;
        }

        data = [.. output];
        return true;
    }
}
