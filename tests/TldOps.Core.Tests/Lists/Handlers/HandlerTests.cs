using System.Text;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Dmarc;
using TldOps.Core.Lists.Handlers;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Handlers;

internal static class Progress
{
    public static PostInProgress Of(MimeMessage message, ListOptions? options = null, string? authenticated = null) => new()
    {
        Post = new StoredPost { Id = 7, Subject = message.Subject, AuthenticatedDomain = authenticated, FromAddress = Posts.Author(message).Address },
        Raw = message.ToArray(),
        Message = message,
        Options = options ?? Posts.Options(),
        Author = Posts.Author(message),
    };
}

public sealed class ClassifyHandlerTests
{
    [Fact]
    public async Task An_alert_travels_in_the_alert_lane_with_its_tags_and_label()
    {
        var post = Progress.Of(Posts.Message(subject: "[ALERT] [PHISHING] kit on lookalike domains", body: "TLP:AMBER\r\nDetails.\r\n"));

        Assert.Equal(HandlerOutcome.Continue, await new ClassifyHandler().ProcessAsync(post));

        Assert.Equal(QueuePriority.Alert, post.Priority);
        Assert.Equal(["ALERT", "PHISHING"], post.Classification.Tags);
        Assert.Equal(TlpLabel.Amber, post.Classification.Tlp);
    }

    [Fact]
    public async Task A_query_stays_in_the_normal_lane()
    {
        var post = Progress.Of(Posts.Message(subject: "[QUERY] anyone seeing NXDOMAIN floods?"));

        await new ClassifyHandler().ProcessAsync(post);

        Assert.Equal(QueuePriority.Normal, post.Priority);
    }
}

public sealed class ListHeadersHandlerTests
{
    [Fact]
    public async Task Rfc_2369_and_2919_fields_and_archived_at_are_added_and_foreign_ones_removed()
    {
        var message = Posts.Message(extraHeaders:
            "List-Id: Other <other.example.org>\r\nDKIM-Signature: v=1; d=nic.example.br; s=x; b=AAAA\r\nAuthentication-Results: lists.example; dkim=pass (forged)\r\nPrecedence: bulk\r\n");
        var post = Progress.Of(message, authenticated: "nic.example.br");
        post.ArchivedAt = "https://portal.example/archive/message/12";
        post.Options.ArchiveUrl = "https://portal.example/archive";

        await new ListHeadersHandler().ProcessAsync(post);

        var h = post.Message.Headers;
        Assert.Equal("TLD-OPS <tld-ops.lists.example>", h["List-Id"]);
        Assert.Equal("<mailto:tld-ops@lists.example>", h["List-Post"]);
        Assert.Equal("<mailto:tld-ops-request@lists.example?subject=help>", h["List-Help"]);
        Assert.Equal("<mailto:tld-ops-owner@lists.example>", h["List-Owner"]);
        Assert.Equal("<https://portal.example/archive>", h["List-Archive"]);
        Assert.Equal("<https://portal.example/archive/message/12>", h["Archived-At"]);
        Assert.Equal("list", h["Precedence"]);
        Assert.Equal("lists.example; dkim=pass header.d=nic.example.br", h["Authentication-Results"]);
        Assert.Single(h.FindAll("List-Id"));
        Assert.Single(h.FindAll("Authentication-Results"));
        Assert.Empty(h.FindAll("DKIM-Signature"));
    }
}

public sealed class SubjectPrefixHandlerTests
{
    [Theory]
    [InlineData("Routine notice", "[TLD-OPS] Routine notice")]
    [InlineData("Re: [TLD-OPS] Routine notice", "Re: [TLD-OPS] Routine notice")]
    [InlineData("[tld-ops] lower case already", "[tld-ops] lower case already")]
    [InlineData("", "[TLD-OPS] (no subject)")]
    public void The_prefix_is_added_once(string subject, string expected)
    {
        Assert.Equal(expected, SubjectPrefixHandler.Apply("[TLD-OPS]", subject));
    }

    [Fact]
    public async Task An_empty_prefix_leaves_the_subject_alone_and_non_ascii_subjects_are_encoded()
    {
        var none = Posts.Options();
        none.SubjectPrefix = string.Empty;
        var post = Progress.Of(Posts.Message(subject: "Plain"), none);
        await new SubjectPrefixHandler().ProcessAsync(post);
        Assert.Equal("Plain", post.Message.Subject);

        var accented = Progress.Of(Posts.Message(subject: "=?utf-8?q?Attaque_DDoS_sur_le_.r=C3=A9seau?="));
        await new SubjectPrefixHandler().ProcessAsync(accented);
        Assert.Equal("[TLD-OPS] Attaque DDoS sur le .réseau", accented.Message.Subject);
        Assert.True(Ascii.IsValid(accented.Message.ToArray()));
    }
}

public sealed class FooterHandlerTests
{
    [Fact]
    public void A_plain_text_post_gets_the_footer_after_a_signature_separator_in_the_same_part()
    {
        var message = Posts.Message(body: "Indicators below.\r\n");

        FooterHandler.Add(message, "Members only.", new SeededRandomSource());

        var part = Assert.IsType<MimePart>(message.Body);
        Assert.Equal("Indicators below.\n-- \nMembers only.\n", part.GetText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_signed_post_keeps_its_signed_part_byte_for_byte_and_gets_the_footer_beside_it()
    {
        const string signedPart = "Content-Type: text/plain; charset=us-ascii\r\n\r\nSigned words.\r\n";
        var raw = Encoding.ASCII.GetBytes(
            "From: ana@nic.example.br\r\nTo: tld-ops@lists.example\r\nSubject: signed\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"b1\"\r\n\r\n" +
            $"--b1\r\n{signedPart}\r\n--b1\r\nContent-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\nAAAA\r\n-----END PGP SIGNATURE-----\r\n\r\n--b1--\r\n");
        var message = MimeMessage.Load(raw);

        FooterHandler.Add(message, "Members only.", new SeededRandomSource());

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.True(mixed.ContentType.Is("multipart", "mixed"));
        var signed = Assert.IsType<Multipart>(mixed[0]);
        Assert.True(signed.ContentType.Is("multipart", "signed"));
        Assert.Equal(signedPart, Encoding.ASCII.GetString(signed[0].ToArray()));
        Assert.Equal("Members only.\n", Assert.IsType<MimePart>(mixed[1]).GetText().ReplaceLineEndings("\n"));
        var reparsed = MimeMessage.Load(message.ToArray());
        Assert.Equal(signedPart, Encoding.ASCII.GetString(((Multipart)((Multipart)reparsed.Body)[0])[0].ToArray()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Footers_per_language_make_one_copy_per_distinct_footer(SqlDialect dialect)
    {
        var options = Posts.Options();
        options.FooterText = "Members only.";
        options.FooterTexts["fr"] = "Réservé aux membres.";
        options.FooterTexts["es"] = "Members only.";
        await using var fixture = await ListFixture.CreateAsync(dialect, options);
        await fixture.AddMembersAsync("fr:Jeanne:jeanne@nic.example.fr:fr", "br:Ana:ana@nic.example.br:en", "es:Pilar:pilar@nic.example.es:es");
        var post = Progress.Of(Posts.Message(), options);

        await new FooterHandler(fixture.Directory, fixture.Random).ProcessAsync(post);

        Assert.Equal(2, post.Copies.Count);
        var french = Assert.Single(post.Copies, c => c.Languages is not null);
        Assert.Equal(["fr"], french.Languages);
        Assert.Contains("Réservé aux membres.", french.Message.TextBody!.GetText(), StringComparison.Ordinal);
        var rest = Assert.Single(post.Copies, c => c.Languages is null);
        Assert.Contains("Members only.", rest.Message.TextBody!.GetText(), StringComparison.Ordinal);
        Assert.Same(post.Message, rest.Message);
    }
}

public sealed class DmarcHandlerTests
{
    [Fact]
    public async Task Auto_rewrites_from_only_for_strict_domains_and_keeps_replies_reaching_the_author()
    {
        var dmarc = new TestDmarc(new() { ["strict.example"] = DmarcPolicy.Reject, ["relaxed.example"] = DmarcPolicy.None });
        var options = Posts.Options();
        options.DmarcMitigation = DmarcMitigation.Auto;
        var strict = Progress.Of(Posts.Message(from: "Ana Silva <ana@strict.example>"), options);
        var relaxed = Progress.Of(Posts.Message(from: "Bo <bo@relaxed.example>"), options);

        await new DmarcHandler(dmarc).ProcessAsync(strict);
        await new DmarcHandler(dmarc).ProcessAsync(relaxed);

        Assert.Equal("Ana Silva via TLD-OPS <tld-ops@lists.example>", strict.Message.Headers["From"]);
        Assert.Equal("Ana Silva <ana@strict.example>", strict.Message.Headers["Reply-To"]);
        Assert.Equal("Bo <bo@relaxed.example>", relaxed.Message.Headers["From"]);
        Assert.Equal(["strict.example", "relaxed.example"], dmarc.Asked);
    }

    [Fact]
    public async Task Always_rewrites_without_asking_dns_and_keeps_an_existing_reply_to()
    {
        var dmarc = new TestDmarc([]);
        var options = Posts.Options();
        options.DmarcMitigation = DmarcMitigation.Always;
        var post = Progress.Of(Posts.Message(extraHeaders: "Reply-To: soc@nic.example.br\r\n"), options);

        await new DmarcHandler(dmarc).ProcessAsync(post);

        Assert.StartsWith("Ana Silva via TLD-OPS <tld-ops@", post.Message.Headers["From"], StringComparison.Ordinal);
        Assert.Equal("soc@nic.example.br", post.Message.Headers["Reply-To"]);
        Assert.Empty(dmarc.Asked);
    }

    [Theory]
    [InlineData("v=DMARC1; p=reject; rua=mailto:d@example.org", false, DmarcPolicy.Reject)]
    [InlineData("v=DMARC1;p=quarantine", false, DmarcPolicy.Quarantine)]
    [InlineData("v=DMARC1; p=reject; sp=none", true, DmarcPolicy.None)]
    [InlineData("v=DMARC1; p=quarantine", true, DmarcPolicy.Quarantine)]
    [InlineData("v=DMARC1; p=bogus", false, DmarcPolicy.None)]
    public void Dmarc_records_are_read_with_sp_for_subdomains(string record, bool subdomain, DmarcPolicy expected)
    {
        Assert.Equal(expected, DnsDmarcPolicySource.Parse(record, subdomain));
    }
}

public sealed class DkimSignHandlerTests
{
    [Fact]
    public async Task Every_copy_is_signed_once_by_the_list_and_verifies()
    {
        using var key = TestKeys.ListKey();
        var post = Progress.Of(Posts.Message());
        await new ListHeadersHandler().ProcessAsync(post);
        await new SubjectPrefixHandler().ProcessAsync(post);
        FooterHandler.Add(post.Message, "Members only.", new SeededRandomSource());

        await new DkimSignHandler(key, TimeProvider.System).ProcessAsync(post);

        var signatures = post.Message.Headers.FindAll("DKIM-Signature");
        Assert.Single(signatures);
        var results = await new DkimVerifier(key.ToKeyTable()).VerifyAsync(MimeMessage.Load(post.Message.ToArray()));
        var result = Assert.Single(results);
        Assert.Equal(DkimStatus.Pass, result.Status);
        Assert.Equal("lists.example", result.Domain);
    }
}
