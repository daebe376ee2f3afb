using System.Security.Cryptography;
using TldOps.Mail.Dkim;

namespace TldOps.Mail.Tests.Dkim;

public sealed class DkimKeyTests
{
    [Fact]
    public void The_rfc8463_seed_gives_the_published_public_key()
    {
        var seed = Convert.FromBase64String(File.ReadAllText(DkimVectors.PathOf("rfc8463", "dkimpy_rfc8032_7_1.key")).Trim());

        using var key = DkimSigningKey.FromEd25519Seed(seed);

        Assert.Equal("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", key.ToDnsRecord());
    }

    [Fact]
    public void The_rfc8463_rsa_key_matches_its_test_record()
    {
        using var key = DkimSigningKey.FromPem(File.ReadAllText(DkimVectors.PathOf("rfc8463", "dkimpy_test.private")));
        var published = DkimPublicKey.Parse(File.ReadAllText(DkimVectors.PathOf("rfc8463", "dkimpy_test.txt")).Trim());

        var ours = DkimPublicKey.Parse(key.ToDnsRecord());

        Assert.Equal(DkimAlgorithm.RsaSha256, key.Algorithm);
        Assert.Equal(published.KeyData.ToArray(), ours.KeyData.ToArray());
        Assert.Equal(1024, ours.KeySize);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Keys_round_trip_through_pkcs8_pem(bool ed25519)
    {
        using var key = ed25519 ? DkimSigningKey.GenerateEd25519() : DkimSigningKey.GenerateRsa();

        var pem = key.ToPem();
        using var reread = DkimSigningKey.FromPem(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(key.Algorithm, reread.Algorithm);
        Assert.Equal(key.ToDnsRecord(), reread.ToDnsRecord());
    }

    [Fact]
    public void An_injected_generator_makes_ed25519_keys_reproducible()
    {
        using var first = DkimSigningKey.GenerateEd25519(new CountingGenerator());
        using var second = DkimSigningKey.GenerateEd25519(new CountingGenerator());

        Assert.Equal(first.ToDnsRecord(), second.ToDnsRecord());
    }

    [Fact]
    public void A_pem_without_a_private_key_is_refused()
    {
        Assert.Throws<FormatException>(() => DkimSigningKey.FromPem(File.ReadAllText(DkimVectors.PathOf("mimekit", "gmail.pub"))));
    }

    [Fact]
    public void A_generated_rsa_key_is_2048_bits()
    {
        using var key = DkimSigningKey.GenerateRsa();

        Assert.Equal(2048, DkimPublicKey.Parse(key.ToDnsRecord()).KeySize);
    }

    /// <summary>A deterministic stand-in for a cryptographic generator, for reproducible tests only.</summary>
    private sealed class CountingGenerator : RandomNumberGenerator
    {
        public override void GetBytes(byte[] data)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }
        }
    }
}
