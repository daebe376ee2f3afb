namespace TldOps.Core.Registry;

/// <summary>A regional ccTLD organisation (AfTLD, APTLD, CENTR, LACTLD). Membership does not follow ICANN regions.</summary>
public sealed record RegionalOrganisation(string Code, string Name, string Website);
