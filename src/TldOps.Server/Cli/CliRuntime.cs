using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Server.Hosting;

namespace TldOps.Server.Cli;

/// <summary>
/// What a CLI command runs on: the same configuration and services as <c>tldops serve</c>, with
/// the database migrated and reference data loaded. Logs go to standard error at Warning so
/// that standard output carries only the command's result.
/// </summary>
internal sealed class CliRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliRuntime(ServiceProvider services, IConfiguration configuration, ParseResult parseResult)
    {
        _services = services;
        Configuration = configuration;
        Output = parseResult.InvocationConfiguration.Output;
        Error = parseResult.InvocationConfiguration.Error;
    }

    public IServiceProvider Services => _services;

    public IConfiguration Configuration { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Reads the global options, builds services and prepares the database.</summary>
    public static async Task<CliRuntime> StartAsync(ParseResult parseResult, CancellationToken cancellationToken, bool prepareDatabase = true)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var configuration = BuildConfiguration(parseResult);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddTldOps(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var runtime = new CliRuntime(provider, configuration, parseResult);
        try
        {
            if (prepareDatabase)
            {
                await runtime.Get<DatabaseStartup>().PrepareAsync(cancellationToken).ConfigureAwait(false);
            }

            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The configuration for this invocation: files, environment, then --data / --db.</summary>
    public static IConfigurationRoot BuildConfiguration(ParseResult parseResult, IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overrides = new List<KeyValuePair<string, string?>>
        {
            new($"{StorageSettings.Section}:{nameof(StorageSettings.DataDirectory)}", parseResult.GetValue(GlobalOptions.Data)),
            new($"{StorageSettings.Section}:{nameof(StorageSettings.Database)}", parseResult.GetValue(GlobalOptions.Db)),
        };
        if (more is not null)
        {
            overrides.AddRange(more);
        }

        return TldOpsConfiguration.Build(overrides);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);
}
