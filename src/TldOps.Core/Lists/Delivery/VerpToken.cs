using System.Globalization;
using TldOps.Core.Membership;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// The token in a VERP return path (<c>tld-ops-bounces+TOKEN@domain</c>), which tells the bounce
/// runner whose copy bounced without trusting what the bounce says. A member's token is the
/// member's public id (10 characters, <see cref="MemberPublicId"/>); a copy of system mail to
/// someone who is not a member carries <c>v-ENTRY-INDEX</c> (the virgin entry and the recipient's
/// place in it), which can never be a public id because '-' is not in that alphabet. The longest
/// token is 2 + 19 + 1 + 5 = 27 characters, so with <see cref="ListOptions.MaxNameLength"/> the
/// local part stays within RFC 5321's 64 octets.
/// </summary>
public static class VerpToken
{
    public const int MaxLength = 27;

    /// <summary>The token for a member's copy.</summary>
    public static string ForMember(string publicId) =>
        MemberPublicId.IsWellFormed(publicId) ? publicId : throw new ArgumentException($"'{publicId}' is not a member public id.", nameof(publicId));

    /// <summary>The token for a non-member's copy of system mail.</summary>
    public static string ForSystemCopy(long virginEntryId, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"v-{virginEntryId}-{index}");

    /// <summary>True with the public id when <paramref name="token"/> is a member's token (compared in lower case: some MTAs fold case).</summary>
    public static bool TryGetMember(string? token, out string publicId)
    {
        publicId = token?.ToLowerInvariant() ?? string.Empty;
        return MemberPublicId.IsWellFormed(publicId);
    }

    /// <summary>True with the virgin entry and index when <paramref name="token"/> names a system copy.</summary>
    public static bool TryGetSystemCopy(string? token, out long virginEntryId, out int index)
    {
        virginEntryId = 0;
        index = 0;
        if (token is null || token.Length > MaxLength || !token.StartsWith("v-", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = token.AsSpan(2);
        var dash = rest.IndexOf('-');
        return dash > 0
            && long.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out virginEntryId)
            && int.TryParse(rest[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
