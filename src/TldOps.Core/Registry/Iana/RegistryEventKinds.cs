namespace TldOps.Core.Registry.Iana;

/// <summary>The kinds of <see cref="RegistryEvent"/>.</summary>
public static class RegistryEventKinds
{
    /// <summary>
    /// The administrative contact of a stored TLD is another person or mailbox now (name,
    /// organisation or e-mail differ): earlier authorisations by the old contact need confirming.
    /// </summary>
    public const string AdminContactChanged = "admin-contact-changed";

    /// <summary>A stored, delegated TLD is no longer in the root zone database.</summary>
    public const string DelegationRemoved = "delegation-removed";
}
