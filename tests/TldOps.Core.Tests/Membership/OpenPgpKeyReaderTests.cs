using TldOps.Core.Membership.Keys;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class OpenPgpKeyReaderTests
{
    private static readonly OpenPgpKeyReader Reader = new(new ManualClock());

    [RequiresFact("gpg=gnupg")]
    public void A_key_exported_by_gpg_is_read_with_the_fingerprint_gpg_shows()
    {
        using var home = new TempDirectory("tldops-gpg");
        var gpg = RealComponent.Require("gpg", "gnupg");
        string[] Base(params string[] more) => ["--homedir", home.Path, "--batch", "--pinentry-mode", "loopback", "--passphrase", "", .. more];
        var made = PythonModule.Run(gpg, Base("--quick-generate-key", "Jeanne Martin <jeanne.martin@nic.fr>", "rsa2048", "sign", "2y"), TimeSpan.FromSeconds(120));
        Assert.True(made.ExitCode == 0, made.Error);
        var exported = PythonModule.Run(gpg, Base("--armor", "--export", "jeanne.martin@nic.fr"), TimeSpan.FromSeconds(60));
        var listed = PythonModule.Run(gpg, Base("--with-colons", "--fingerprint", "jeanne.martin@nic.fr"), TimeSpan.FromSeconds(60));
        var fingerprint = listed.Output.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];

        Assert.True(Reader.TryRead(exported.Output, out var key, out var reason), reason);
        Assert.Equal(fingerprint, key.Fingerprint);
        Assert.Equal(["Jeanne Martin <jeanne.martin@nic.fr>"], key.UserIds);
        Assert.NotNull(key.ExpiresAt);
        Assert.False(new OpenPgpKeyReader(new ManualClock(DateTimeOffset.UtcNow.AddYears(3))).TryRead(exported.Output, out _, out var expired));
        Assert.Contains("expired", expired, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corpus_public_key_is_read_and_its_secret_key_refused()
    {
        var pub = File.ReadAllText(SharedCorpus.PathOf("crypto", "openpgp", "gmime", "gmime.gpg.pub"));
        Assert.True(Reader.TryRead(pub, out var key, out var reason), reason);
        Assert.Matches("^[0-9A-F]{40}$", key.Fingerprint);
        Assert.Equal(49, OpenPgpKeyInfo.Group(key.Fingerprint).Length);

        Assert.False(Reader.TryRead("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxx\n-----END PGP PRIVATE KEY BLOCK-----", out _, out var secret));
        Assert.Contains("private key", secret, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("hello", "starts with the line")]
    [InlineData("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----", "damaged")]
    public void Things_that_are_not_a_public_key_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(Reader.TryRead(text, out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_over_the_size_limit_is_refused_before_decoding()
    {
        var huge = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + new string('A', OpenPgpKeyReader.MaxArmouredLength) + "\n-----END PGP PUBLIC KEY BLOCK-----";
        Assert.False(Reader.TryRead(huge, out _, out var why));
        Assert.Contains("longer than 64 KiB", why, StringComparison.Ordinal);
    }
}
