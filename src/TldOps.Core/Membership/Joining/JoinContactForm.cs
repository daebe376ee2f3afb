namespace TldOps.Core.Membership.Joining;

/// <summary>One contact as typed into the join form or a request mail, before validation.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Email">Address on the list.</param>
/// <param name="OfficePhone">Office number (normalised to E.164; "+" and the country code required).</param>
/// <param name="MobilePhone">Mobile number, reachable by SMS and voice.</param>
/// <param name="Role">Role or title in the ccTLD's team ("CSIRT lead").</param>
/// <param name="Language">Preferred language for mail (en fr es ru zh ar); English when empty.</param>
/// <param name="OpenPgpKey">ASCII-armoured OpenPGP public key, optional.</param>
/// <param name="Existing">For change and remove requests: the current address (or public id) of the member concerned.</param>
public sealed record JoinContactForm(
    string? Name,
    string? Email,
    string? OfficePhone = null,
    string? MobilePhone = null,
    string? Role = null,
    string? Language = null,
    string? OpenPgpKey = null,
    string? Existing = null);
