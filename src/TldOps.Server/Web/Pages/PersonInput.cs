using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Pages;

/// <summary>The person fields of a form, as posted.</summary>
internal sealed class PersonInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? CcTld { get; set; }

    public string? OfficePhone { get; set; }

    public string? MobilePhone { get; set; }

    public string? Language { get; set; }

    public PersonForm ToForm() => new(Name, Email, CcTld, OfficePhone, MobilePhone, Language);
}
