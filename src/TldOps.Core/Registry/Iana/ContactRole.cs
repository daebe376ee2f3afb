namespace TldOps.Core.Registry.Iana;

/// <summary>The two contact roles of the IANA root zone database.</summary>
public enum ContactRole
{
    /// <summary>The administrative contact: for TLD-OPS, the authority on who the ccTLD's members are.</summary>
    Administrative,

    /// <summary>A technical contact (the pre-2010 layout sometimes listed two).</summary>
    Technical,
}
