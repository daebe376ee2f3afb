using System.Text;
using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Dkim;

public sealed class DkimVerifierTests
{
    [Theory]
    [InlineData("mailauth", "dkim_002.txt", 1)]
    [InlineData("mailauth", "dkim_003.txt", 2)]
    [InlineData("mailauth", "dkim_004.txt", 1)]
    [InlineData("mailauth", "dkim_005.txt", 1)]
    [InlineData("mailauth", "dkim_006.txt", 1)]
    [InlineData("rfc8463", "mailauth_dkim_001.txt", 2)]
    public async Task Published_vectors_pass(string folder, string file, int signatures)
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords(folder, file);

        // A time when every vector was still valid (dkim_005 expires a day after it was made).
        var results = await new DkimVerifier(keys, timeProvider: new ManualClock(new DateTimeOffset(2022, 11, 8, 12, 0, 0, TimeSpan.Zero)))
            .VerifyAsync(MimeMessage.Load(bytes));

        Assert.Equal(signatures, results.Count);
        Assert.All(results, r => Assert.True(r.Status == DkimStatus.Pass, $"{r.Domain}/{r.Selector}: {r.Status} {r.Reason} {r.Detail}"));
    }

    [Fact]
    public async Task An_expired_signature_is_not_trusted()
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords("mailauth", "dkim_005.txt");

        var result = Assert.Single(await new DkimVerifier(keys).VerifyAsync(MimeMessage.Load(bytes)));

        Assert.Equal((DkimStatus.NotTrusted, DkimReason.Expired), (result.Status, result.Reason));
    }

    [Fact]
    public async Task The_rfc8463_example_passes_with_ed25519_and_rsa()
    {
        var keys = DkimVectors.TableOf(File.ReadAllText(DkimVectors.PathOf("rfc8463", "mailauth_dkim_001.txt")).Split("\n\n")[0]);
        var message = MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("rfc8463", "mimekit_rfc8463-example.msg")));

        var results = await new DkimVerifier(keys).VerifyAsync(message);

        Assert.Equal([DkimAlgorithm.Ed25519Sha256, DkimAlgorithm.RsaSha256], results.Select(r => r.Signature!.Algorithm));
        Assert.All(results, r => Assert.Equal(DkimStatus.Pass, r.Status));
    }

    [Fact]
    public async Task Dkimpys_simple_simple_signatures_of_the_same_message_pass()
    {
        var keys = DkimVectors.TableOf(File.ReadAllText(DkimVectors.PathOf("rfc8463", "mailauth_dkim_001.txt")).Split("\n\n")[0]);
        var message = MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("rfc8463", "dkimpy_rfc6376.signed.msg")));

        var results = await new DkimVerifier(keys).VerifyAsync(message);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(DkimCanonicalization.Simple, r.Signature!.HeaderCanonicalization));
        Assert.All(results, r => Assert.Equal(DkimStatus.Pass, r.Status));
    }

    [Theory]
    [InlineData("gmail.msg")]
    [InlineData("related.msg")]
    [InlineData("multipart-no-end-boundary.msg")]
    public async Task Gmail_signed_messages_from_mimekit_pass(string file)
    {
        var keys = new DkimKeyTable().Add("gmail.com", "20120113", DkimVectors.RecordFromPem(DkimVectors.PathOf("mimekit", "gmail.pub")));

        var results = await new DkimVerifier(keys).VerifyAsync(MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("mimekit", file))));

        Assert.Equal(DkimStatus.Pass, Assert.Single(results).Status);
    }

    [Fact]
    public async Task The_dkimpy_ed25519_message_passes()
    {
        var keys = new DkimKeyTable().Add("test.ex", "sed", File.ReadAllText(DkimVectors.PathOf("dkimpy", "eximtest.dns")).Trim());

        var results = await new DkimVerifier(keys).VerifyAsync(MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("dkimpy", "ed25519test2.msg"))));

        Assert.Equal(DkimStatus.Pass, Assert.Single(results).Status);
    }

    [Fact]
    public async Task A_changed_body_fails_with_a_body_hash_mismatch()
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords("mailauth", "dkim_002.txt");
        var text = Encoding.ASCII.GetString(bytes).Replace("Hi.", "Hi!", StringComparison.Ordinal);

        var results = await new DkimVerifier(keys).VerifyAsync(MimeMessage.Load(Encoding.ASCII.GetBytes(text)));

        var result = Assert.Single(results);
        Assert.Equal(DkimStatus.Fail, result.Status);
        Assert.Equal(DkimReason.BodyHashMismatch, result.Reason);
    }

    [Fact]
    public async Task A_changed_signed_field_fails_with_a_signature_mismatch()
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords("rfc8463", "mailauth_dkim_001.txt");
        var message = MimeMessage.Load(bytes);
        message.Subject = "Is dinner ready yet?";

        var results = await new DkimVerifier(keys).VerifyAsync(message);

        Assert.All(results, r => Assert.Equal((DkimStatus.Fail, DkimReason.SignatureMismatch), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task Relaxed_signatures_survive_refolding_and_trailing_blank_lines()
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords("rfc8463", "mailauth_dkim_001.txt");
        var text = Encoding.ASCII.GetString(bytes).Replace("Subject: Is dinner ready?", "Subject:   Is\n    dinner ready?", StringComparison.Ordinal) + "\n\n\n";

        var results = await new DkimVerifier(keys).VerifyAsync(MimeMessage.Load(Encoding.ASCII.GetBytes(text)));

        Assert.All(results, r => Assert.Equal(DkimStatus.Pass, r.Status));
    }

    [Theory]
    [InlineData("badk.txt")]
    [InlineData("badversion.txt")]
    [InlineData("test_bad.txt")]
    public async Task A_bad_key_record_is_malformed(string recordFile)
    {
        var message = SignedWithDkimpyTestKey();
        var keys = new DkimKeyTable().Add("football.example.com", "test", File.ReadAllText(DkimVectors.PathOf("dkimpy", recordFile)).Trim());

        var result = (await new DkimVerifier(keys).VerifyAsync(message)).Single(r => r.Selector == "test");

        Assert.Equal((DkimStatus.Malformed, DkimReason.KeyRecordSyntax), (result.Status, result.Reason));
    }

    [Fact]
    public async Task A_record_for_another_service_is_not_trusted()
    {
        var message = SignedWithDkimpyTestKey();
        var keys = new DkimKeyTable().Add("football.example.com", "test", File.ReadAllText(DkimVectors.PathOf("dkimpy", "test_tlsrpt.txt")).Trim());

        var result = (await new DkimVerifier(keys).VerifyAsync(message)).Single(r => r.Selector == "test");

        Assert.Equal((DkimStatus.NotTrusted, DkimReason.KeyUnsuitable), (result.Status, result.Reason));
    }

    [Fact]
    public async Task A_key_record_without_k_means_rsa()
    {
        var message = SignedWithDkimpyTestKey();
        var keys = new DkimKeyTable().Add("football.example.com", "test", File.ReadAllText(DkimVectors.PathOf("dkimpy", "test2.txt")).Trim());

        var result = (await new DkimVerifier(keys).VerifyAsync(message)).Single(r => r.Selector == "test");

        Assert.Equal(DkimStatus.Pass, result.Status);
    }

    [Fact]
    public async Task A_revoked_key_is_not_trusted()
    {
        var message = SignedWithDkimpyTestKey();
        var keys = new DkimKeyTable().Add("football.example.com", "test", "v=DKIM1; k=rsa; p=");

        var result = (await new DkimVerifier(keys).VerifyAsync(message)).Single(r => r.Selector == "test");

        Assert.Equal((DkimStatus.NotTrusted, DkimReason.KeyRevoked), (result.Status, result.Reason));
    }

    [Fact]
    public async Task A_key_shorter_than_the_minimum_is_not_trusted()
    {
        var message = SignedWithDkimpyTestKey();
        var keys = new DkimKeyTable().Add("football.example.com", "test", File.ReadAllText(DkimVectors.PathOf("rfc8463", "dkimpy_test.txt")).Trim());
        var options = DkimVerifierOptions.Default.Clone();
        options.MinimumRsaKeySize = 2048;

        var result = (await new DkimVerifier(keys, options).VerifyAsync(message)).Single(r => r.Selector == "test");

        Assert.Equal((DkimStatus.NotTrusted, DkimReason.WeakKey), (result.Status, result.Reason));
    }

    [Fact]
    public async Task Missing_keys_and_dns_failures_are_told_apart()
    {
        var message = SignedWithDkimpyTestKey();

        var missing = await new DkimVerifier(new DkimKeyTable()).VerifyAsync(message);
        var failing = await new DkimVerifier(new FailingLocator()).VerifyAsync(message);

        Assert.All(missing, r => Assert.Equal(DkimStatus.KeyNotFound, r.Status));
        Assert.All(failing, r => Assert.Equal(DkimStatus.TempError, r.Status));
    }

    [Theory]
    [InlineData("v=1; a=rsa-sha256; d=example.org; s=x; h=From; bh=AAAA; b=AAAA; b=AAAA", DkimReason.SignatureSyntax, 64)]
    [InlineData("v=1; a=rsa-sha256; d=example.org; s=x; h=To; bh=AAAA; b=AAAA", DkimReason.MissingTag, 41)]
    [InlineData("v=1; a=rsa-sha256; d=example.org; h=From; bh=AAAA; b=AAAA", DkimReason.MissingTag, 57)]
    [InlineData("v=1; a=rsa-md5; d=example.org; s=x; h=From; bh=AAAA; b=AAAA", DkimReason.UnknownAlgorithm, 7)]
    [InlineData("v=1; a=rsa-sha256; d=example.org; s=x; h=From; bh=A!!A; b=AAAA", DkimReason.SignatureSyntax, 50)]
    [InlineData("v=2; a=rsa-sha256; d=example.org; s=x; h=From; bh=AAAA; b=AAAA", DkimReason.SignatureSyntax, 2)]
    [InlineData("v=1; =x", DkimReason.SignatureSyntax, 5)]
    public void Broken_signature_fields_throw_naming_the_problem_and_offset(string value, DkimReason reason, int offset)
    {
        var exception = Assert.Throws<DkimFormatException>(() => DkimSignature.Parse(value));

        Assert.Equal(reason, exception.Reason);
        Assert.Equal(offset, exception.Offset);
        Assert.False(DkimSignature.TryParse(value, out _));
    }

    [Fact]
    public async Task A_broken_signature_field_is_reported_as_malformed_next_to_a_passing_one()
    {
        var (keys, bytes) = DkimVectors.LoadWithRecords("mailauth", "dkim_002.txt");
        var message = MimeMessage.Load(bytes);
        message.Headers.Prepend(Header.Create("DKIM-Signature", "v=1; a=rsa-sha256; d=example.com; s=x; h=To; bh=AAAA; b=AAAA"));

        var results = await new DkimVerifier(keys).VerifyAsync(message);

        Assert.Equal([DkimStatus.Malformed, DkimStatus.Pass], results.Select(r => r.Status));
        Assert.Equal([0, 1], results.Select(r => r.HeaderIndex));
    }

    [Fact]
    public void Copied_fields_in_z_are_decoded_for_diagnosis()
    {
        var signature = DkimSignature.Parse("v=1; a=rsa-sha256; d=example.net; s=brisbane; h=from:to; bh=AAAA; b=AAAA; z=From:foo@eng.example.net|To:joe@example.com|Subject:demo=20run");

        Assert.Equal([("From", "foo@eng.example.net"), ("To", "joe@example.com"), ("Subject", "demo run")], signature.CopiedHeaders);
    }

    private static MimeMessage SignedWithDkimpyTestKey() =>
        MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("rfc8463", "mimekit_rfc8463-example.msg")));

    private sealed class FailingLocator : IDkimKeyLocator
    {
        public Task<DkimKeyLookup> LocateAsync(string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(DkimKeyLookup.TempError("SERVFAIL"));
    }
}
