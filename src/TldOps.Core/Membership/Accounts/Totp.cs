using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Time-based one-time passwords as RFC 6238 defines them over RFC 4226's HOTP: HMAC-SHA1 of the
/// 30-second time step since the Unix epoch, dynamically truncated to 6 decimal digits — the
/// parameters every authenticator app uses by default, so none needs configuring.
/// </summary>
public static class Totp
{
    /// <summary>The time step X of RFC 6238 §4.1: 30 seconds, the RFC's recommended default (§5.2).</summary>
    public const int StepSeconds = 30;

    /// <summary>Digits in a code: 6, what authenticator apps show by default.</summary>
    public const int Digits = 6;

    /// <summary>
    /// Steps accepted either side of now: 1, the one step of network delay and clock drift
    /// RFC 6238 §5.2 recommends allowing (a code is accepted for up to about 90 seconds).
    /// </summary>
    public const int Window = 1;

    /// <summary>
    /// Secret length in bytes: 20, the HMAC-SHA1 output size that RFC 4226 §4 (R6) recommends
    /// (at least 128 bits required, 160 recommended).
    /// </summary>
    public const int SecretBytes = 20;

    /// <summary>The time step T of <paramref name="time"/>: floor((unix time - T0) / X), with T0 = 0.</summary>
    public static long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The code for <paramref name="step"/>, zero-padded to <paramref name="digits"/> (6 to 8).</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, mac);
        // RFC 4226 §5.3 dynamic truncation: the low nibble of the last byte picks 4 bytes, top bit cleared.
        var offset = mac[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.Slice(offset, 4)) & 0x7FFFFFFF;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code is <paramref name="code"/> among now and <see cref="Window"/> steps either
    /// side, newest considered last; null when none matches or the step is not after
    /// <paramref name="lastAcceptedStep"/> (RFC 6238 §5.2: a verifier must not accept the same
    /// code twice). Spaces in the code are ignored; compared in constant time.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long? lastAcceptedStep)
    {
        var digits = Normalise(code);
        if (digits is null)
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        for (var step = current - Window; step <= current + Window; step++)
        {
            var expected = Compute(secret, step);
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(digits))
                && (lastAcceptedStep is null || step > lastAcceptedStep))
            {
                matched = step;
            }
        }

        return matched;
    }

    /// <summary>The otpauth:// URI (Google Authenticator key-URI format) that the QR code carries.</summary>
    public static string KeyUri(ReadOnlySpan<byte> secret, string issuer, string account)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}" +
            string.Create(CultureInfo.InvariantCulture, $"&algorithm=SHA1&digits={Digits}&period={StepSeconds}");
    }

    private static string? Normalise(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
