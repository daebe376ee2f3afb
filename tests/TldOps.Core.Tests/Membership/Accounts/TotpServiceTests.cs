using Dapper;
using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership.Accounts;

public sealed class TotpServiceTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Enrolment_is_confirmed_by_a_first_code_and_gives_ten_recovery_codes_once(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");

        var first = (await f.Totp.GetOrBeginAsync(ada)).Value;
        var again = (await f.Totp.GetOrBeginAsync(ada)).Value;
        Assert.Equal(first, again);
        Assert.Equal(new TotpState(false, true, 0), await f.Totp.GetStateAsync(ada.MemberId));
        Assert.True(Base32.TryDecode(first.SecretText, out var secret));
        Assert.Equal(Totp.SecretBytes, secret.Length);

        var wrong = await f.Totp.ConfirmAsync(ada, Totp.Compute(secret, Totp.StepAt(f.Clock.GetUtcNow()) + 5), Actor.Of(ada, "s1"));
        Assert.IsType<Invalid>(wrong.Problem);

        var codes = (await f.Totp.ConfirmAsync(ada, f.CurrentCode(secret), Actor.Of(ada, "s1"))).Value;
        Assert.Equal(RecoveryCodes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));
        Assert.Equal(new TotpState(true, false, 10), await f.Totp.GetStateAsync(ada.MemberId));
        Assert.IsType<Conflict>((await f.Totp.GetOrBeginAsync(ada)).Problem);
        Assert.Contains(await f.Audit.ListAsync(subject: ada.Reference), a => a.Action == "totp-enabled" && a.Authority == "session:s1");
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_secret_and_the_recovery_codes_are_never_stored_in_clear(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        var enrolment = (await f.Totp.GetOrBeginAsync(ada)).Value;
        Assert.True(Base32.TryDecode(enrolment.SecretText, out var secret));
        var codes = (await f.Totp.ConfirmAsync(ada, f.CurrentCode(secret), Actor.Of(ada, "s1"))).Value;

        await using var connection = await f.Database.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>("SELECT sealed FROM totp_secret");
        var hashes = (await connection.QueryAsync<string>("SELECT code_hash FROM recovery_code")).ToList();
        var sealedBytes = Convert.FromBase64String(stored!);
        Assert.DoesNotContain(enrolment.SecretText.Replace(" ", string.Empty, StringComparison.Ordinal), stored, StringComparison.Ordinal);
        Assert.False(sealedBytes.AsSpan().IndexOf(secret) >= 0, "the raw secret is inside the sealed value");
        Assert.Equal(10, hashes.Count);
        Assert.All(codes, c => Assert.DoesNotContain(hashes, h => h.Contains(c.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)));

        // A sealed secret moved onto another member's row does not open.
        var bo = await f.AddAsync("bo@nic.fr");
        await connection.ExecuteAsync("INSERT INTO totp_secret (member_id, sealed, created_at) SELECT @bo, sealed, created_at FROM totp_secret WHERE member_id = @ada",
            new { bo = bo.MemberId, ada = ada.MemberId });
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => f.Totp.GetOrBeginAsync(bo));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_login_code_works_once_and_then_only_a_newer_one(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var (ada, secret) = await f.AddWithTotpAsync("ada@nic.fr", RoleAssignment.PlainMember);
        var code = f.CurrentCode(secret);

        Assert.True(await f.Database.InTransactionAsync((c, t) => f.Totp.VerifyAsync(c, t, ada.MemberId, code)));
        Assert.False(await f.Database.InTransactionAsync((c, t) => f.Totp.VerifyAsync(c, t, ada.MemberId, code)));

        f.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        Assert.False(await f.Database.InTransactionAsync((c, t) => f.Totp.VerifyAsync(c, t, ada.MemberId, code)));
        Assert.True(await f.Database.InTransactionAsync((c, t) => f.Totp.VerifyAsync(c, t, ada.MemberId, f.CurrentCode(secret))));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_recovery_code_works_once_whatever_its_case_and_hyphen(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var ada = await f.AddAsync("ada@nic.fr");
        Assert.True(Base32.TryDecode((await f.Totp.GetOrBeginAsync(ada)).Value.SecretText, out var secret));
        var codes = (await f.Totp.ConfirmAsync(ada, f.CurrentCode(secret), Actor.Of(ada, "s1"))).Value;
        var typed = codes[3].Replace("-", " ", StringComparison.Ordinal).ToUpperInvariant();

        Assert.True(await f.Database.InTransactionAsync((c, t) => f.Totp.UseRecoveryCodeAsync(c, t, ada, typed, Actor.Of(ada, "s2"))));
        Assert.False(await f.Database.InTransactionAsync((c, t) => f.Totp.UseRecoveryCodeAsync(c, t, ada, codes[3], Actor.Of(ada, "s2"))));
        Assert.False(await f.Database.InTransactionAsync((c, t) => f.Totp.UseRecoveryCodeAsync(c, t, ada, "aaaaa-aaaaa", Actor.Of(ada, "s2"))));
        Assert.Equal(9, (await f.Totp.GetStateAsync(ada.MemberId)).RecoveryCodesLeft);
        Assert.Single(await f.Audit.ListAsync(subject: ada.Reference), a => a.Action == "recovery-code-used");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Renewing_recovery_codes_needs_a_current_code_and_kills_the_old_ones(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var (ada, secret) = await f.AddWithTotpAsync("ada@nic.fr", RoleAssignment.PlainMember);

        Assert.IsType<Invalid>((await f.Totp.RenewRecoveryCodesAsync(ada, "000000", Actor.Of(ada, "s"))).Problem);
        var renewed = (await f.Totp.RenewRecoveryCodesAsync(ada, f.CurrentCode(secret), Actor.Of(ada, "s"))).Value;

        Assert.Equal(10, (await f.Totp.GetStateAsync(ada.MemberId)).RecoveryCodesLeft);
        Assert.True(await f.Database.InTransactionAsync((c, t) => f.Totp.UseRecoveryCodeAsync(c, t, ada, renewed[0], Actor.Of(ada, "s"))));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_member_may_turn_TOTP_off_with_a_code_but_committee_and_secretariat_may_not(SqlDialect dialect)
    {
        await using var f = await AccountsFixture.CreateAsync(dialect);
        var (ada, adaSecret) = await f.AddWithTotpAsync("ada@nic.fr", RoleAssignment.PlainMember);
        var (chair, chairSecret) = await f.AddWithTotpAsync("chair@nic.fr", RoleAssignment.Committee(CommitteePosition.Chair));
        var (staff, staffSecret) = await f.AddWithTotpAsync("staff@icann.example", RoleAssignment.Secretariat);

        Assert.IsType<Invalid>((await f.Totp.DisableAsync(ada, "123456", Actor.Of(ada, "s"))).Problem);
        Assert.IsType<Forbidden>((await f.Totp.DisableAsync(chair, f.CurrentCode(chairSecret), Actor.Of(chair, "s"))).Problem);
        Assert.IsType<Forbidden>((await f.Totp.DisableAsync(staff, f.CurrentCode(staffSecret), Actor.Of(staff, "s"))).Problem);
        Assert.True((await f.Totp.DisableAsync(ada, f.CurrentCode(adaSecret), Actor.Of(ada, "s"))).Value);

        Assert.Equal(new TotpState(false, false, 0), await f.Totp.GetStateAsync(ada.MemberId));
        Assert.True((await f.Totp.GetStateAsync(chair.MemberId)).Enabled);
        Assert.Contains(await f.Audit.ListAsync(subject: ada.Reference), a => a.Action == "totp-disabled");
    }
}
