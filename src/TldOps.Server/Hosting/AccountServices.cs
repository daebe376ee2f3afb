using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Common;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Hosting;

/// <summary>The account services (Core/Membership/Accounts), shared by the portal and the CLI.</summary>
internal static class AccountServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AccountsSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Options());
        services.AddSingleton(RateLimitSettings.From(configuration));
        services.AddSingleton(new AccountLinks(PortalSettings.From(configuration).EffectivePublicUrl));
        var sender = settings.Sender(VettingSettings.From(configuration).RequestAddress);
        services.AddSingleton(sp => new AccountMail(sender, sp.GetRequiredService<IRandomSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AccountStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SecretSeal>();
        services.AddSingleton<RecoveryCodes>();
        services.AddSingleton<TotpService>();
        services.AddSingleton<RoleService>();
        services.AddSingleton<PersonFormValidator>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<ProfileKeyService>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<CommitteeEnrolment>();
        return services;
    }
}
