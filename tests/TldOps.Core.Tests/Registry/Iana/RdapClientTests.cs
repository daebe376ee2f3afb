using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Registry.Iana;

public sealed class RdapClientTests
{
    private static readonly TimeSpan TestLimit = TimeSpan.FromSeconds(30);

    private static HttpTestResponse Serve(string path) => path switch
    {
        "/domain/de" => new(200, RdapSamples.De),
        "/domain/xn--p1ai" => new(200, RdapSamples.XnP1ai),
        _ => new(404, """{"errorCode": 404, "title": "Not Found"}"""),
    };

    private static RdapClientOptions Options(HttpTestServer server, int maxAttempts = 3) => new()
    {
        BaseUri = server.BaseUri,
        ConnectTimeout = Timeout.InfiniteTimeSpan,
        ReadTimeout = Timeout.InfiniteTimeSpan,
        MaxAttempts = maxAttempts,
    };

    [Fact]
    public async Task De_maps_to_the_same_delegation_as_its_whois_record()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, path) => Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var rdap = (await client.QueryAsync("DE").WaitAsync(TestLimit)).Delegation!;
        var whois = new WhoisRecordParser().Parse(File.ReadAllBytes(IanaCorpus.Current("DE"))).Delegation!;

        Assert.Equal(DelegationFormat.Rdap, rdap.Format);
        Assert.Equal(["/domain/de"], server.Paths);
        // RDAP has no "source: IANA" line; every other field matches.
        Assert.Equal([new FieldChange("source", "IANA", null)], DelegationFields.Compare(whois, rdap));
        Assert.Equal("+49 69 27235 235", rdap.AdministrativeContact!.Fax);
        Assert.Equal("+49 69 27235 272", rdap.TechnicalContacts.Single().Phone);
    }

    [Fact]
    public async Task An_idn_takes_its_u_label_and_an_entity_may_hold_two_roles()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, path) => Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var rf = (await client.QueryAsync("рф").WaitAsync(TestLimit)).Delegation!;

        Assert.Equal(("xn--p1ai", "рф"), (rf.Tld, rf.ULabel));
        Assert.Equal("Coordination Center for TLD RU", rf.ManagerOrganisation);
        Assert.Equal("ru-adm@cctld.ru", rf.AdministrativeContact!.Email);
        Assert.Equal("ru-tech@tcinet.ru", rf.TechnicalContacts.Single().Email);
        Assert.Equal(new DateOnly(2010, 5, 12), rf.Created);
        Assert.Null(rf.Changed);
        Assert.Equal(["/domain/xn--p1ai"], server.Paths);
    }

    [Fact]
    public async Task Not_found_is_an_answer_and_queries_are_spaced()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, path) => Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var de = await client.QueryAsync("de").WaitAsync(TestLimit);
        var yu = await client.QueryAsync("yu").WaitAsync(TestLimit);

        Assert.False(de.IsNotFound);
        Assert.True(yu.IsNotFound);
        Assert.Equal("yu", yu.Tld);
        Assert.Equal([TimeSpan.FromSeconds(1)], clock.Waits);
    }

    [Fact]
    public async Task A_server_error_is_retried_after_a_back_off()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((n, path) => n == 0 ? new(503, "{}") : Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var de = await client.QueryAsync("de").WaitAsync(TestLimit);

        Assert.Equal("de", de.Tld);
        Assert.Equal(2, server.Paths.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_the_server_asks()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((n, path) => n == 0 ? new(429, "{}", RetryAfter: "7") : Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        await client.QueryAsync("de").WaitAsync(TestLimit);

        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Waits);
    }

    [Fact]
    public async Task A_client_error_is_refused_without_retrying()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, _) => new(403, "{}"));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.Refused, error.Failure);
        Assert.Single(server.Paths);
    }

    [Fact]
    public async Task An_answer_over_the_cap_is_refused()
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, path) => Serve(path));
        using var http = new HttpClient();
        var options = Options(server);
        options.MaxResponseBytes = 500;
        using var client = new RdapClient(http, options, clock);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.ResponseTooLarge, error.Failure);
        Assert.Single(server.Paths);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        await using var hanging = new WhoisTestServer(TimeProvider.System, (_, _) => WhoisServerAction.Hang);
        using var http = new HttpClient();
        var options = new RdapClientOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{hanging.Port}/"),
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
            ReadTimeout = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 1,
        };
        using var client = new RdapClient(http, options);

        var error = await Assert.ThrowsAsync<DelegationQueryException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(DelegationQueryFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task Malformed_json_names_the_byte_offset()
    {
        const string Broken = "{\n  \"objectClassName\": \"domain\",\n  \"ldhName\": de\n}";
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, _) => new(200, Broken));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var error = await Assert.ThrowsAsync<RdapFormatException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Equal(Encoding.UTF8.GetByteCount(Broken[..Broken.IndexOf("de\n", StringComparison.Ordinal)]), error.ByteOffset);
    }

    [Theory]
    [InlineData("""{"objectClassName": "entity"}""", "not an RDAP domain object")]
    [InlineData("""{"objectClassName": "domain"}""", "$.ldhName is missing")]
    [InlineData("""{"objectClassName": "domain", "ldhName": "fr"}""", "not the queried 'de'")]
    [InlineData("""{"objectClassName": "domain", "ldhName": "de", "nameservers": [{"ldhName": "a.nic.de", "ipAddresses": {"v4": ["1"]}}]}""", "is not an IP address")]
    [InlineData("""{"objectClassName": "domain", "ldhName": "de", "secureDNS": {"dsData": [{"keyTag": 70000, "algorithm": 8, "digestType": 2, "digest": "ab"}]}}""", "dsData")]
    [InlineData("""{"objectClassName": "domain", "ldhName": "de", "entities": [{"roles": ["administrative"], "vcardArray": ["vcard"]}]}""", "vcardArray")]
    public async Task A_domain_object_without_what_a_delegation_needs_is_a_format_error(string json, string reason)
    {
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, _) => new(200, json));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);

        var error = await Assert.ThrowsAsync<RdapFormatException>(() => client.QueryAsync("de").WaitAsync(TestLimit));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_sync_over_rdap_stores_the_delegations(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var clock = new ManualTimeProvider { AutoAdvance = true };
        await using var server = new HttpTestServer((_, path) => Serve(path));
        using var http = new HttpClient();
        using var client = new RdapClient(http, Options(server), clock);
        var store = new DelegationStore(db.Database, TimeProvider.System);
        var importer = new IanaImporter(store, NullLogger<IanaImporter>.Instance);

        var report = await importer.SyncAsync(client, ["de", "xn--p1ai", "yu"]).WaitAsync(TestLimit);

        Assert.Empty(report.Errors);
        Assert.Equal([DelegationOutcomeKind.Added, DelegationOutcomeKind.Added, DelegationOutcomeKind.NotFound], report.Outcomes.Select(o => o.Kind));
        Assert.Equal("rdap:" + server.BaseUri.AbsoluteUri, (await store.GetImportAsync(report.ImportId))!.Source);
        var rf = (await store.GetAsync("xn--p1ai"))!.Delegation;
        Assert.Equal(DelegationFormat.Rdap, rf.Format);
        Assert.Equal("ru-adm@cctld.ru", rf.AdministrativeContact!.Email);
    }
}
