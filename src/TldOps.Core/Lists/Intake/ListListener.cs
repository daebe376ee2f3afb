using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Dkim;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Core.Lists.Intake;

/// <summary>
/// Runs the SMTP (and, for use behind Postfix, LMTP) listener of <c>tldops serve</c> over
/// <see cref="ListIntake"/>. Starting it also loads the list's DKIM key, generating it the first
/// time, and logs the TXT record to publish.
/// </summary>
public sealed partial class ListListener(ListIntake intake, ListOptions options, ListDkimKey dkimKey, ILogger<ListListener> logger, TimeProvider clock) : IHostedService, IAsyncDisposable
{
    private SmtpServer? _server;

    /// <summary>The endpoints bound (with the real port when 0 was configured).</summary>
    public IReadOnlyList<SmtpEndpoint> BoundEndpoints => _server?.BoundEndpoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (dkimKey.WasCreated)
        {
            Log.KeyCreated(logger, dkimKey.KeyPath, dkimKey.ZoneFileRecord);
        }

        var listener = options.Listener;
        var serverOptions = new SmtpServerOptions { ServerName = listener.ServerName ?? options.Addresses.Domain };
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxMessageSize = listener.MaxMessageBytes;
        limits.MaxConcurrentConnections = listener.MaxConnections;
        serverOptions.Limits = limits.Freeze();
        AddEndpoint(serverOptions, listener.SmtpEndPoint, SmtpProtocol.Smtp);
        AddEndpoint(serverOptions, listener.LmtpEndPoint, SmtpProtocol.Lmtp);
        if (serverOptions.Endpoints.Count == 0)
        {
            Log.NoListener(logger);
            return;
        }

        _server = new SmtpServer(serverOptions, intake, logger, clock);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var endpoint in _server.BoundEndpoints)
        {
            Log.Listening(logger, endpoint.ToString(), options.Addresses.Posting);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            // Transactions in flight finish (their 250 waits for the commit); new ones are refused.
            await _server.StopAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddEndpoint(SmtpServerOptions serverOptions, IPEndPoint? endPoint, SmtpProtocol protocol)
    {
        if (endPoint is not null)
        {
            serverOptions.Endpoints.Add(new SmtpEndpoint(endPoint, protocol));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Endpoint} for {Posting} and its -request, -owner and -bounces addresses")]
        public static partial void Listening(ILogger logger, string endpoint, string posting);

        [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP or LMTP endpoint is configured (Lists:Listener): the list receives no mail on this node")]
        public static partial void NoListener(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Generated the list's DKIM key {Path}; publish this record (also printed by `tldops dkim show`): {Record}")]
        public static partial void KeyCreated(ILogger logger, string path, string record);
    }
}
