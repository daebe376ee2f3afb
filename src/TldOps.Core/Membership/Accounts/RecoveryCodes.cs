using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using TldOps.Core.Common;
using TldOps.Core.Security;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Makes and recognises recovery codes: 10 letters and digits from the unambiguous alphabet of
/// member ids (31 symbols, about 49.5 bits), shown as "abcde-fghjk". They are stored as
/// HMAC-SHA256 under an installation key, so a copy of the table alone does not allow an
/// offline search for them.
/// </summary>
public sealed class RecoveryCodes(InstallationSecrets secrets, IRandomSource random)
{
    /// <summary>How many codes a member gets at once: 10, enough for years of lost phones.</summary>
    public const int Count = 10;

    private const int Length = 10;
    private const string KeyName = "recovery-code-hmac";

    /// <summary>Fresh codes, formatted for display.</summary>
    public IReadOnlyList<string> Create()
    {
        var codes = new List<string>(Count);
        while (codes.Count < Count)
        {
            var code = MemberPublicId.Create(random)[..Length];
            var formatted = $"{code[..5]}-{code[5..]}";
            if (!codes.Contains(formatted, StringComparer.Ordinal))
            {
                codes.Add(formatted);
            }
        }

        return codes;
    }

    /// <summary>The stored form of a code as typed (case, spaces and hyphens ignored); null when it cannot be a code.</summary>
    public async Task<string?> HashAsync(DbConnection connection, DbTransaction? transaction, string? typed, CancellationToken cancellationToken = default)
    {
        var normalised = Normalise(typed);
        if (normalised is null)
        {
            return null;
        }

        var key = await secrets.GetAsync(connection, transaction, KeyName, 32, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalised)));
    }

    /// <summary>True when <paramref name="typed"/> has the shape of a recovery code rather than a TOTP code.</summary>
    public static bool LooksLikeRecoveryCode(string? typed) => Normalise(typed) is not null;

    private static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        var text = string.Concat(typed.Where(c => c is not (' ' or '-')).Select(char.ToLowerInvariant));
        return text.Length == Length && text.All(c => MemberPublicId.Alphabet.Contains(c, StringComparison.Ordinal)) ? text : null;
    }
}
