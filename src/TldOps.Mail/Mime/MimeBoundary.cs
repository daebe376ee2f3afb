namespace TldOps.Mail.Mime;

/// <summary>Makes multipart boundaries.</summary>
public static class MimeBoundary
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>
    /// A fresh boundary: "=_" and 28 random letters and digits. "=_" can occur neither in
    /// base64 nor in quoted-printable text (RFC 2045 §6.7 allows only "=" + hex digits), so the
    /// boundary cannot collide with encoded content (RFC 2046 §5.1.1 asks for that).
    /// </summary>
    /// <param name="random">The randomness source (inject a seeded one in tests).</param>
    /// <returns>The boundary.</returns>
    public static string Create(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<char> chars = stackalloc char[30];
        chars[0] = '=';
        chars[1] = '_';
        for (var i = 2; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}
