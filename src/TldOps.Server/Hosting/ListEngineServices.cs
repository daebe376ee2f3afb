using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Archive;
using TldOps.Core.Lists.Bans;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Dmarc;
using TldOps.Core.Lists.Handlers;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Lists.Runners;
using TldOps.Core.Storage.Queues;
using TldOps.Dns;
using TldOps.Mail.Dkim;

namespace TldOps.Server.Hosting;

/// <summary>
/// The list engine (issue 5): its services for every entry point, and (serve only) the listener
/// and the queue runners as hosted services.
/// </summary>
internal static class ListEngineServices
{
    /// <summary>The <c>Lists</c> section with the defaults that depend on where data lives and where the portal is.</summary>
    public static ListOptions Settings(IConfiguration configuration)
    {
        var storage = StorageSettings.From(configuration);
        var portal = PortalSettings.From(configuration);
        var options = new ListOptions();
        configuration.GetSection(ListOptions.Section).Bind(options);
        options.DkimKeyDirectory ??= Path.Combine(storage.FullDataDirectory, "dkim");
        options.Delivery.OutboxDirectory ??= Path.Combine(storage.FullDataDirectory, "outbox");
        options.ArchiveUrl ??= portal.EffectivePublicUrl + "/archive";
        return options.Validate();
    }

    public static IServiceCollection AddListEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Settings(configuration);
        services.AddSingleton(options);
        services.AddSingleton(sp => new DnsResolver(timeProvider: sp.GetRequiredService<TimeProvider>(), logger: sp.GetRequiredService<ILogger<DnsResolver>>()));
        services.AddSingleton<IDkimKeyLocator>(sp => new DnsDkimKeyLocator(sp.GetRequiredService<DnsResolver>()));
        services.AddSingleton<IDmarcPolicySource>(sp => new DnsDmarcPolicySource(sp.GetRequiredService<DnsResolver>()));
        services.AddSingleton(_ => ListDkimKey.LoadOrCreate(options.DkimKeyDirectory!, options.DkimSelector, options.Addresses.Domain));
        services.AddSingleton<DkimAlignment>();

        services.AddSingleton<ListMemberDirectory>();
        services.AddSingleton<BanList>();
        services.AddSingleton<PostStore>();
        services.AddSingleton<ArchiveService>();
        services.AddSingleton<ListNotices>();
        services.AddSingleton<HeldMessageService>();
        services.AddSingleton<BounceProcessor>();
        services.AddSingleton<DeliveryHealth>();
        // Vetting (re-verification, the contact repository) reads which members bounce through this door.
        services.AddSingleton<TldOps.Core.Membership.Vetting.IDeliveryHealth>(sp => sp.GetRequiredService<DeliveryHealth>());
        services.AddSingleton<PostingFacts>();
        foreach (var rule in DefaultPostingChain.Rules())
        {
            services.AddSingleton(rule);
        }

        services.AddSingleton(sp => DefaultPostingChain.Create(sp.GetServices<IRule>()));
        services.AddSingleton<IHandler, ClassifyHandler>();
        services.AddSingleton<IHandler, ArchiveHandler>();
        services.AddSingleton<IHandler, ListHeadersHandler>();
        services.AddSingleton<IHandler, SubjectPrefixHandler>();
        services.AddSingleton<IHandler, DmarcHandler>();
        services.AddSingleton<IHandler, FooterHandler>();
        services.AddSingleton<IHandler, DkimSignHandler>();

        services.AddSingleton<FanOutWriter>();
        // The delivery runners' leases write the copies a fan-out has not written yet.
        services.AddSingleton<IQueueFeed>(sp => sp.GetRequiredService<FanOutWriter>());
        services.AddSingleton<MessageCache>();
        services.AddSingleton(RetrySchedule.From(options.Delivery));
        services.AddSingleton(sp => Transport(sp, options));
        services.AddSingleton<ListIntake>();
        services.AddSingleton<ListListener>();
        services.AddSingleton<IncomingRunner>();
        services.AddSingleton<PipelineRunner>();
        services.AddSingleton<OutgoingRunner>();
        services.AddSingleton<AlertOutgoingRunner>();
        services.AddSingleton<RetryRunner>();
        services.AddSingleton<BounceRunner>();
        services.AddSingleton<VirginRunner>();
        return services;
    }

    /// <summary>Serve only: mail in and the runners that own the queues.</summary>
    public static IServiceCollection AddListEngineHosting(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<ListListener>());
        services.AddHostedService(sp => sp.GetRequiredService<IncomingRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<PipelineRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<OutgoingRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertOutgoingRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<RetryRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<BounceRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<VirginRunner>());
        return services;
    }

    private static IMailTransport Transport(IServiceProvider services, ListOptions options)
    {
        var delivery = options.Delivery;
        var clock = services.GetRequiredService<TimeProvider>();
        var helo = delivery.HeloName ?? options.Addresses.Domain;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TldOps.Lists.Delivery");
        return delivery.EffectiveMode switch
        {
            DeliveryMode.Smarthost => new SmarthostTransport(delivery, helo, logger, clock),
            DeliveryMode.Mx => new MxTransport(delivery, helo, services.GetRequiredService<DnsResolver>(), logger, clock),
            _ => new MaildirOutbox(delivery.OutboxDirectory!, clock),
        };
    }
}
