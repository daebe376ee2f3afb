using System.Security.Cryptography;
using System.Text;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Security;
using TldOps.Testing;

namespace TldOps.Core.Tests.Security;

public sealed class TokenSecretsTests
{
    // Captured before ActionTokens, SessionStore and LoginService shared TokenSecrets, from their
    // own copies of the helpers (and checked with sha256sum): a token secret and a session secret
    // with the hashes stored for them in action_token.secret_hash and account_session.id.
    internal const string TokenSecret = "nYjruTe5efKmjYkdhzSeGTy-KcCqofW2";
    internal const string TokenSecretHash = "7afc541afec670260f482f967fce7489208c12d8ed7bfd20b1fdc8e078527133";
    internal const string SessionSecret = "iOu5N7l58qaNiR2HNJ4ZPL4pwKqh9bYZfxQhHUlImWE";
    internal const string SessionId = "f3944ba4b7f33769251170b6a149bdee8cf775d2230cd7d34b2b38001b72a388";

    [Fact]
    public void A_secret_hashes_to_what_was_stored_before_the_helpers_were_shared()
    {
        // FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.Hash("abc"));
        Assert.Equal(TokenSecretHash, TokenSecrets.Hash(TokenSecret));
        Assert.Equal(SessionId, TokenSecrets.Hash(SessionSecret));
        Assert.Equal(SessionId[..16], SessionStore.ReferenceOf(SessionSecret));
        Assert.True(TokenSecrets.HashMatches(TokenSecret, TokenSecretHash));
        Assert.False(TokenSecrets.HashMatches(SessionSecret, TokenSecretHash));
        Assert.False(TokenSecrets.HashMatches(TokenSecret, TokenSecretHash[..^1]));
    }

    [Fact]
    public void Login_nonces_hash_as_before_although_LoginService_hashed_their_UTF_8_bytes()
    {
        // LoginService hashed the nonce's UTF-8 bytes, the others ASCII: the same bytes for the
        // base64url nonces it issues, so the stored login_request.nonce_hash values still match.
        foreach (var nonce in new[] { TokenSecret, SessionSecret, TokenSecrets.RandomText(new SeededRandomSource(), 32) })
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce))), TokenSecrets.Hash(nonce));
        }
    }

    [Fact]
    public void Random_text_is_unpadded_base64url_of_the_requested_bytes()
    {
        var random = new SeededRandomSource();

        Assert.Equal(12, TokenSecrets.RandomText(random, 9).Length);
        Assert.Equal(32, TokenSecrets.RandomText(random, 24).Length);
        var secret = TokenSecrets.RandomText(random, 32);
        Assert.Equal(43, secret.Length);
        Assert.True(TokenSecrets.IsBase64Url(secret));
        Assert.NotEqual(secret, TokenSecrets.RandomText(random, 32));
        foreach (var junk in new[] { "a+b", "a/b", "ab==", "é", "a.b", "a b" })
        {
            Assert.False(TokenSecrets.IsBase64Url(junk), junk);
        }
    }
}
