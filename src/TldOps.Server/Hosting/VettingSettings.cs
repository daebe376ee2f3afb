using Microsoft.Extensions.Configuration;
using TldOps.Core.Membership;

namespace TldOps.Server.Hosting;

/// <summary>
/// The <c>Vetting</c> section (addresses, links, request and re-verification clocks; see
/// <see cref="VettingOptions"/> for each default). The public URL comes from
/// <c>Portal:PublicUrl</c> unless <c>Vetting:PublicUrl</c> says otherwise, and the cap from
/// <c>Membership:MaxContactsPerCcTld</c>.
/// </summary>
internal static class VettingSettings
{
    public const string Section = "Vetting";

    public static VettingOptions From(IConfiguration configuration)
    {
        // The list's own addresses (Lists:Name, Lists:Domain) unless Vetting names others: replies to
        // vetting mail must reach the listener's -request address, committee notices its -owner.
        var listOptions = ListEngineServices.Settings(configuration);
        var list = listOptions.Addresses;
        var options = new VettingOptions
        {
            PublicUrl = PortalSettings.From(configuration).EffectivePublicUrl,
            MaxContactsPerCcTld = MembershipSettings.From(configuration).MaxContactsPerCcTld,
            RequestAddress = list.Request,
            ListAddress = list.Posting,
            CommitteeAddress = list.Owner,
        };
        var section = configuration.GetSection(Section);
        // Lists bind by appending to the defaults: replace them when the section names its own.
        if (section.GetSection(nameof(VettingOptions.RequestReminders)).Exists())
        {
            options.RequestReminders = [];
        }

        if (section.GetSection(nameof(VettingOptions.ReverifyReminders)).Exists())
        {
            options.ReverifyReminders = [];
        }

        section.Bind(options);

        // While nobody holds a committee role, the people who get the list's -owner mail stand in
        // for the committee (as they do for the list engine's notices): mail sent to -owner itself
        // would come back to the engine, which drops automatic mail.
        if (!section.GetSection(nameof(VettingOptions.CommitteeAddress)).Exists() && options.CommitteeStandIns.Count == 0)
        {
            options.CommitteeStandIns = [.. listOptions.OwnerAddresses];
        }

        return options.Validate();
    }
}
