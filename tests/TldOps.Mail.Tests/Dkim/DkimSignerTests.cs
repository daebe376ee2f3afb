using System.Diagnostics;
using System.Text;
using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Dkim;

public sealed class DkimSignerTests(DkimSignerTests.Keys fixture) : IClassFixture<DkimSignerTests.Keys>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, DkimCanonicalization, DkimCanonicalization, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, DkimCanonicalization, DkimCanonicalization, bool>();
            foreach (var file in new[] { "cpython_msg_02.txt", "deltachat_mailinglist_with_mimepart_footer_signed.eml", "stalwart-legacy_009.eml", "rubymail_raw_email_bad_time.eml" })
            {
                foreach (var header in new[] { DkimCanonicalization.Simple, DkimCanonicalization.Relaxed })
                {
                    foreach (var body in new[] { DkimCanonicalization.Simple, DkimCanonicalization.Relaxed })
                    {
                        data.Add(file, header, body, header == body);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task What_we_sign_we_verify(string file, DkimCanonicalization header, DkimCanonicalization body, bool ed25519)
    {
        var key = ed25519 ? fixture.Ed25519 : fixture.Rsa;
        var message = MimeMessage.Load(MimeCorpus.Read(file));
        var options = DkimSignerOptions.Default.Clone();
        options.HeaderCanonicalization = header;
        options.BodyCanonicalization = body;

        message.Headers.Prepend(new DkimSigner(key, "tld-ops.example", "s1", options, new ManualClock(Now)).Sign(message));

        var keys = new DkimKeyTable().Add("tld-ops.example", "s1", key.ToDnsRecord());
        var result = Assert.Single(await new DkimVerifier(keys, timeProvider: new ManualClock(Now)).VerifyAsync(MimeMessage.Load(message.ToArray())));
        Assert.True(result.Status == DkimStatus.Pass, result.Detail);
    }

    [RequiresTheory("dkimverify=python3-dkim")]
    [MemberData(nameof(Cases))]
    public async Task What_we_sign_dkimpy_verifies(string file, DkimCanonicalization header, DkimCanonicalization body, bool ed25519)
    {
        var key = ed25519 ? fixture.Ed25519 : fixture.Rsa;
        var message = MimeMessage.Load(MimeCorpus.Read(file));
        var options = DkimSignerOptions.Default.Clone();
        options.HeaderCanonicalization = header;
        options.BodyCanonicalization = body;
        message.Headers.Prepend(new DkimSigner(key, "tld-ops.example", "s1", options).Sign(message));

        var output = await DkimPy.VerifyAsync(message.ToArray(), $"s1._domainkey.tld-ops.example {key.ToDnsRecord()}");

        Assert.Equal("pass", output);
    }

    [RequiresFact("dkimverify=python3-dkim")]
    public async Task Dkimpy_notices_a_changed_body()
    {
        using var key = DkimSigningKey.GenerateEd25519();
        var message = MimeMessage.Load(MimeCorpus.Read("cpython_msg_02.txt"));
        message.Headers.Prepend(new DkimSigner(key, "tld-ops.example", "s1").Sign(message));
        var tampered = Encoding.ASCII.GetString(message.ToArray()).Replace("Send Ppp mailing list", "Send Qqq mailing list", StringComparison.Ordinal);

        var output = await DkimPy.VerifyAsync(Encoding.ASCII.GetBytes(tampered), $"s1._domainkey.tld-ops.example {key.ToDnsRecord()}");

        Assert.Equal("fail", output);
    }

    [Fact]
    public async Task One_signature_serves_every_copy_and_survives_fields_it_does_not_cover()
    {
        var key = fixture.Rsa;
        var bytes = MimeCorpus.Read("cpython_msg_02.txt");
        var signature = new DkimSigner(key, "tld-ops.example", "s1", timeProvider: new ManualClock(Now)).Sign(MimeMessage.Load(bytes));
        var keys = new DkimKeyTable().Add("tld-ops.example", "s1", key.ToDnsRecord());
        var verifier = new DkimVerifier(keys, timeProvider: new ManualClock(Now));

        foreach (var trace in new[] { "Received: from a by b for <one@example.org>", "Received: from a by b for <two@example.net>" })
        {
            var copy = MimeMessage.Load(bytes);
            copy.Headers.Prepend(signature);
            copy.Headers.Prepend(Header.Parse(Encoding.ASCII.GetBytes(trace + "\n")));

            Assert.Equal(DkimStatus.Pass, Assert.Single(await verifier.VerifyAsync(copy)).Status);
        }
    }

    [Fact]
    public async Task Adding_a_second_from_or_a_subject_breaks_an_oversigned_signature()
    {
        using var key = DkimSigningKey.GenerateEd25519();
        var keys = new DkimKeyTable().Add("tld-ops.example", "s1", key.ToDnsRecord());
        var verifier = new DkimVerifier(keys, timeProvider: new ManualClock(Now));
        foreach (var (name, value) in new[] { ("From", "attacker@evil.example"), ("Subject", "urgent") })
        {
            var message = MimeMessage.Load("From: a@tld-ops.example\nTo: b@example.org\n\nbody\n"u8.ToArray());
            message.Headers.Prepend(new DkimSigner(key, "tld-ops.example", "s1", timeProvider: new ManualClock(Now)).Sign(message));

            message.Headers.Prepend(name, value);

            Assert.Equal(DkimStatus.Fail, Assert.Single(await verifier.VerifyAsync(message)).Status);
        }
    }

    [Fact]
    public void Signing_is_deterministic_for_the_same_message_and_time()
    {
        using var key = DkimSigningKey.FromEd25519Seed(Convert.FromBase64String(File.ReadAllText(DkimVectors.PathOf("rfc8463", "dkimpy_rfc8032_7_1.key")).Trim()));
        var message = MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("rfc8463", "dkimpy_rfc6376.msg")));
        var signer = new DkimSigner(key, "football.example.com", "brisbane", timeProvider: new ManualClock(Now));

        var first = signer.Sign(message);
        var second = signer.Sign(message);

        Assert.Equal(first.RawField.ToArray(), second.RawField.ToArray());
        Assert.All(Encoding.ASCII.GetString(first.RawField.Span).Split('\n'), line => Assert.InRange(line.Length, 0, 80));
    }

    [Fact]
    public void A_message_without_from_cannot_be_signed()
    {
        using var key = DkimSigningKey.GenerateEd25519();
        var message = MimeMessage.Load(File.ReadAllBytes(DkimVectors.PathOf("dkimpy", "test_nofrom.message")));

        Assert.Throws<InvalidOperationException>(() => new DkimSigner(key, "example.com", "s").Sign(message));
    }

    /// <summary>One RSA and one Ed25519 key for the whole class: RSA generation is slow.</summary>
    public sealed class Keys : IDisposable
    {
        public DkimSigningKey Rsa { get; } = DkimSigningKey.GenerateRsa();

        public DkimSigningKey Ed25519 { get; } = DkimSigningKey.GenerateEd25519();

        public void Dispose()
        {
            Rsa.Dispose();
            Ed25519.Dispose();
        }
    }

    /// <summary>Runs Python/dkim_verify.py with the interpreter that Debian's dkimverify uses.</summary>
    private static class DkimPy
    {
        public static async Task<string> VerifyAsync(byte[] message, string records)
        {
            using var directory = new TempDirectory();
            var messagePath = directory.Combine("message.eml");
            var recordsPath = directory.Combine("records.txt");
            await File.WriteAllBytesAsync(messagePath, message);
            await File.WriteAllTextAsync(recordsPath, records + "\n");
            var interpreter = File.ReadLines(RealComponent.Require("dkimverify", "python3-dkim")).First()[2..].Trim();
            var start = new ProcessStartInfo(interpreter)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Python", "dkim_verify.py"));
            start.ArgumentList.Add(messagePath);
            start.ArgumentList.Add(recordsPath);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python did not start");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(error.Length == 0 || output.Length > 0, error);
                return output.Trim();
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }
}
