using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;

namespace TldOps.Core.Membership.Authority;

/// <summary>
/// Finds a ccTLD's IANA administrative contact in the imported root zone data: the only person
/// who may say who its contacts on the list are.
/// </summary>
public sealed class AdminContactDirectory(DelegationStore delegations, CcTldCatalog catalog)
{
    /// <summary>The admin contact of <paramref name="ccTld"/> (any spelling), or null when no delegated record with a usable address is stored.</summary>
    public async Task<AdminContact?> FindAsync(string ccTld, CancellationToken cancellationToken = default)
    {
        var stored = await delegations.GetAsync(ccTld, cancellationToken).ConfigureAwait(false);
        if (stored is null || !stored.Delegated)
        {
            return null;
        }

        var admin = stored.Delegation.AdministrativeContact;
        if (admin?.Email is null || !EmailSyntax.TryNormalise(admin.Email, out var email, out _))
        {
            return null;
        }

        var country = catalog.Find(stored.Delegation.Tld)?.CountryCode;
        return new AdminContact(stored.Delegation.Tld, email!, admin.Name, admin.Organisation, CountryLanguages.For(country));
    }
}
