using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Common;
using TldOps.Core.Coverage;
using TldOps.Core.Membership;
using TldOps.Core.Registry;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Server.Hosting;

/// <summary>
/// The services every entry point shares (the web host and each CLI command), so a command and a
/// page always run the same code. Feature areas add their registrations here, one line each.
/// </summary>
internal static class TldOpsServices
{
    public static IServiceCollection AddTldOps(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageSettings.From(configuration);
        Directory.CreateDirectory(storage.FullDataDirectory);

        services.AddSingleton(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRandomSource, CryptoRandomSource>();
        services.AddSingleton(_ => new Database(storage.ResolveDatabase()));
        services.AddSingleton<Migrator>();
        services.AddSingleton(CcTldCatalog.Shipped);
        services.AddSingleton<CcTldStore>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton(IanaSettings.From(configuration));
        services.AddSingleton<DelegationStore>();
        services.AddSingleton<IanaImporter>();
        services.AddSingleton(MembershipSettings.From(configuration));
        services.AddSingleton<MemberStore>();
        services.AddSingleton<IMemberRosterFormat, MemberCsvImporter>();
        services.AddSingleton<MemberImporter>();
        services.AddSingleton<CoverageService>();

        // Durable queues (Storage/Queues): shared by the list engine and everything that sends mail.
        services.Configure<QueueOptions>(configuration.GetSection(QueueOptions.Section));
        services.AddSingleton(sp => NodeIdentity.From(configuration[$"{QueueOptions.Section}:{nameof(QueueOptions.NodeId)}"], storage.FullDataDirectory));
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<QueueStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<QueueRunnerContext>();
        services.AddSingleton<TldOps.Core.Lists.SystemMail>();

        // Audit trail and signed, single-use action tokens (links in mails).
        services.AddSingleton<TldOps.Core.Audit.AuditLog>();
        services.AddSingleton<TldOps.Core.Security.InstallationSecrets>();
        services.AddSingleton<TldOps.Core.Security.ActionTokens>();

        // The list engine: posting chain, pipeline, delivery, bounces, archive (Hosting/ListEngineServices.cs).
        services.AddListEngine(configuration);

        // Accounts: login links, sessions, TOTP, roles, the first committee enrolment.
        services.AddAccounts(configuration);

        // Vetting by admin contacts, the contact repository, the scheduler (Hosting/VettingServices.cs).
        services.AddVetting(configuration);
        return services;
    }
}
