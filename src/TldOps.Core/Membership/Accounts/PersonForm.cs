namespace TldOps.Core.Membership.Accounts;

/// <summary>A person as typed into a form or on the command line, before validation.</summary>
public sealed record PersonForm(
    string? Name,
    string? Email,
    string? CcTld = null,
    string? OfficePhone = null,
    string? MobilePhone = null,
    string? Language = null);
