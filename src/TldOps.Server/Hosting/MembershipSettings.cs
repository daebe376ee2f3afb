using Microsoft.Extensions.Configuration;
using TldOps.Core.Membership;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Membership</c> section: the community's membership rules.</summary>
internal sealed class MembershipSettings
{
    public const string Section = "Membership";

    /// <summary>
    /// How many people a ccTLD may have on the list. Default 3: the community's rule since 2015
    /// (it was 2 at the start); the committee may change it.
    /// </summary>
    public int MaxContactsPerCcTld { get; set; } = MemberImportOptions.Default.MaxContactsPerCcTld;

    /// <summary>The import limits with these rules applied.</summary>
    public MemberImportOptions ImportOptions()
    {
        var options = MemberImportOptions.Default.Clone();
        options.MaxContactsPerCcTld = MaxContactsPerCcTld;
        return options.Freeze();
    }

    public static MembershipSettings From(IConfiguration configuration)
    {
        var settings = new MembershipSettings();
        configuration.GetSection(Section).Bind(settings);
        if (settings.MaxContactsPerCcTld < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxContactsPerCcTld)} must be at least 1 (it is {settings.MaxContactsPerCcTld}).");
        }

        return settings;
    }
}
