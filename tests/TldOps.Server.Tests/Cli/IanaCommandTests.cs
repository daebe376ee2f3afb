using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Server.Cli;
using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli;

public sealed class IanaCommandTests
{
    private static string Corpus => SharedCorpus.PathOf("iana-whois");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => await CliRunner.RunAsync(args);

    private static async Task<StoredDelegation?> StoredAsync(TempDirectory data, string tld)
    {
        await using var database = new Database(DatabaseLocation.Resolve(null, data.Path));
        return await new DelegationStore(database, TimeProvider.System).GetAsync(tld);
    }

    [Fact]
    public async Task Importing_the_whole_corpus_prints_a_summary_and_succeeds()
    {
        using var data = new TempDirectory();

        var (exit, output, error) = await RunAsync("iana", "import", Corpus, "--data", data.Path);

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Matches(@"^Import 1 from files:\S+: 624 answers: \d+ added, \d+ changed, \d+ unchanged, 0 removed, 1 not found, 0 older than stored, 0 errors\.", output);
        Assert.Contains("Skipped 2 files not named after a TLD.", output, StringComparison.Ordinal);
        Assert.Contains("Not found: yu", output, StringComparison.Ordinal);
        var de = await StoredAsync(data, "de");
        Assert.Equal("ianacontact@denic.de", de!.Delegation.AdministrativeContact!.Email);
    }

    [Fact]
    public async Task Malformed_files_are_named_with_their_line_and_the_exit_code_is_1()
    {
        using var data = new TempDirectory();
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(Corpus, "FR"), folder.Combine("FR"));
        var de = await File.ReadAllTextAsync(Path.Combine(Corpus, "DE"));
        await File.WriteAllTextAsync(folder.Combine("DE"), de.Replace("name:         Vorstand DENIC eG\n", string.Empty, StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("iana", "import", folder.Path, "--data", data.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal($"{folder.Combine("DE")}:12: the administrative contact block has no 'name:' line{Environment.NewLine}", error);
        Assert.Contains("2 answers: 1 added", output, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(data, "de"));
        Assert.NotNull(await StoredAsync(data, "fr"));
    }

    [Fact]
    public async Task A_second_import_lists_the_changed_fields_and_the_new_admin_contact()
    {
        using var data = new TempDirectory();

        var first = await RunAsync("iana", "import", Path.Combine(Corpus, "old-format", "DE"), "--data", data.Path);
        var second = await RunAsync("iana", "import", Path.Combine(Corpus, "DE"), "--data", data.Path);

        Assert.Equal(ExitCodes.Success, first.Exit);
        Assert.DoesNotContain("Changed:", first.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, second.Exit);
        Assert.Contains("1 answers: 0 added, 1 changed", second.Output, StringComparison.Ordinal);
        var line = second.Output.Split('\n').Single(l => l.StartsWith("  de: ", StringComparison.Ordinal));
        Assert.Contains("admin.email", line, StringComparison.Ordinal);
        Assert.Contains("name-server:n.de.net", line, StringComparison.Ordinal);
        Assert.Contains("Administrative contact changed (authorisations to confirm again): de", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_over_whois_asks_the_given_server_for_each_tld()
    {
        using var data = new TempDirectory();
        await using var server = new CorpusWhoisServer(Corpus);

        var (exit, output, error) = await RunAsync("iana", "sync", "--tld", "de,yu", "--tld", "FR", "--server", $"127.0.0.1:{server.Port}", "--data", data.Path);

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith($"Import 1 from whois:127.0.0.1:{server.Port}: 3 answers: 2 added, 0 changed, 0 unchanged, 0 removed, 1 not found", output, StringComparison.Ordinal);
        Assert.Equal(["de", "yu", "fr"], server.Queries);
        Assert.Equal("tld-admin@nic.fr", (await StoredAsync(data, "fr"))!.Delegation.AdministrativeContact!.Email);
    }

    [Fact]
    public async Task Sync_over_rdap_asks_the_given_base()
    {
        using var data = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/rdap/domain/{tld}", (string tld) => tld == "de"
            ? Results.Text(RdapDe, "application/rdap+json")
            : Results.NotFound());
        await app.StartAsync();
        var address = app.Urls.Single();

        var (exit, output, error) = await RunAsync("iana", "sync", "--source", "rdap", "--rdap-base", $"{address}/rdap/", "--tld", "de", "--data", data.Path);

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"from rdap:{address}/rdap/: 1 answers: 1 added", output, StringComparison.Ordinal);
        var de = (await StoredAsync(data, "de"))!.Delegation;
        Assert.Equal(DelegationFormat.Rdap, de.Format);
        Assert.Equal("Vorstand DENIC eG", de.AdministrativeContact!.Name);
    }

    [Theory]
    [InlineData("--server", "127.0.0.1:notaport", "whois server (--server, Iana:WhoisServer): '127.0.0.1:notaport' is not HOST or HOST:PORT.")]
    [InlineData("--tld", "d e", "--tld: 'd e' is not a TLD.")]
    [InlineData("--rdap-base", "ftp://example.org/", "RDAP base (--rdap-base, Iana:RdapBase): 'ftp://example.org/' is not an http(s) URL.")]
    public async Task A_bad_option_is_a_usage_error(string option, string value, string message)
    {
        using var data = new TempDirectory();
        var source = option == "--rdap-base" ? "rdap" : "whois";

        var (exit, _, error) = await RunAsync("iana", "sync", "--source", source, option, value, "--data", data.Path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(message + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("whois.iana.org", "whois.iana.org", 43)]
    [InlineData("whois.iana.org:4343", "whois.iana.org", 4343)]
    [InlineData("[::1]:43", "::1", 43)]
    [InlineData("[::1]", "::1", 43)]
    public void Server_option_forms(string text, string host, int port)
    {
        Assert.True(IanaSources.TryParseServer(text, out var parsedHost, out var parsedPort));
        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    [Theory]
    [InlineData("::1:43")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    [InlineData(":43")]
    public void Server_option_rejects(string text)
    {
        Assert.False(IanaSources.TryParseServer(text, out _, out _));
    }

    private const string RdapDe = """
        {"objectClassName": "domain", "ldhName": "de",
         "entities": [{"roles": ["administrative"], "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Vorstand DENIC eG"], ["email", {}, "text", "ianacontact@denic.de"]]]}],
         "nameservers": [{"ldhName": "a.nic.de", "ipAddresses": {"v4": ["194.0.0.53"]}}],
         "events": [{"eventAction": "last changed", "eventDate": "2023-04-04T00:00:00Z"}]}
        """;
}
