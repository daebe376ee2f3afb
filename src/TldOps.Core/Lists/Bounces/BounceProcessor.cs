using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;

namespace TldOps.Core.Lists.Bounces;

/// <summary>
/// Keeps each member's bounce score (see <see cref="BounceOptions"/>): records every bounce,
/// raises the score at most once a UTC day, starts the score again when the previous counted
/// bounce is stale, and disables delivery when the score reaches the threshold, telling the
/// committee in the same transaction.
/// </summary>
public sealed partial class BounceProcessor(Database database, ListOptions options, ListMemberDirectory members, ListNotices notices, TimeProvider clock, ILogger<BounceProcessor> logger)
{
    private const string Columns =
        "member_id AS MemberId, bounce_score AS BounceScore, first_bounce_at AS FirstBounceAt, last_bounce_at AS LastBounceAt, " +
        "last_counted_on AS LastCountedOn, last_diagnostic AS LastDiagnostic, disabled, disabled_at AS DisabledAt, disabled_reason AS DisabledReason";

    /// <summary>Records <paramref name="report"/>; a token that names no member is recorded and counts for nobody.</summary>
    public async Task<BounceOutcome> RegisterAsync(BounceReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var member = VerpToken.TryGetMember(report.Token, out var publicId)
            ? await members.FindByPublicIdAsync(publicId, cancellationToken).ConfigureAwait(false)
            : null;
        var outcome = await database.InTransactionAsync(
            (connection, transaction) => RegisterAsync(connection, transaction, report, member, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (outcome.DisabledNow && member is not null)
        {
            Log.Disabled(logger, member.PublicId, outcome.Score);
        }

        return outcome;
    }

    /// <summary>The delivery health of a member (null: never bounced).</summary>
    public async Task<MemberDelivery?> GetAsync(long memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, memberId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers to the member again with a clean score (after the address was fixed).</summary>
    public async Task<bool> EnableAsync(long memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE list_member_delivery SET bounce_score = 0, disabled = @no, disabled_at = NULL, disabled_reason = NULL,
                first_bounce_at = NULL, last_counted_on = NULL, updated_at = @now
            WHERE member_id = @memberId
            """, new { memberId, no = false, now = clock.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    private async Task<BounceOutcome> RegisterAsync(DbConnection connection, DbTransaction transaction, BounceReport report, ListMember? member, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var current = member is null ? null : await GetAsync(connection, transaction, member.Id, cancellationToken).ConfigureAwait(false);
        var counts = member is not null && BounceClassifier.Counts(report.Kind) && current?.LastCountedOn != today;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO list_bounce (member_id, token, recipient, kind, status, diagnostic, counted, source, received_at)
            VALUES (@memberId, @Token, @Recipient, @kind, @Status, @diagnostic, @counts, @Source, @now)
            """,
            new { memberId = member?.Id, report.Token, report.Recipient, kind = BounceClassifier.ToCode(report.Kind), report.Status, diagnostic = Bounded(report.Diagnostic), counts, report.Source, now },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (member is null || !counts)
        {
            return new BounceOutcome(member?.Id, false, current?.BounceScore ?? 0, false);
        }

        var stale = current?.LastBounceAt is { } last && now - last > options.Bounces.StaleAfter;
        var score = (stale || current is null ? 0 : current.BounceScore) + (report.Kind == BounceKind.Hard ? options.Bounces.HardScore : options.Bounces.SoftScore);
        var disable = current?.Disabled != true && score >= options.Bounces.Threshold;
        var reason = disable
            ? string.Create(CultureInfo.InvariantCulture, $"Bounce score {score:0.0} reached {options.Bounces.Threshold:0.0}; last: {report.Status} {report.Diagnostic}").Trim()
            : null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO list_member_delivery (member_id, bounce_score, first_bounce_at, last_bounce_at, last_counted_on, last_diagnostic, disabled, disabled_at, disabled_reason, updated_at)
            VALUES (@memberId, @score, @now, @now, @today, @diagnostic, @disable, @disabledAt, @reason, @now)
            ON CONFLICT (member_id) DO UPDATE SET
                bounce_score = @score,
                first_bounce_at = CASE WHEN @stale OR list_member_delivery.first_bounce_at IS NULL THEN @now ELSE list_member_delivery.first_bounce_at END,
                last_bounce_at = @now, last_counted_on = @today, last_diagnostic = @diagnostic,
                disabled = CASE WHEN @disable THEN @disable ELSE list_member_delivery.disabled END,
                disabled_at = CASE WHEN @disable THEN @disabledAt ELSE list_member_delivery.disabled_at END,
                disabled_reason = CASE WHEN @disable THEN @reason ELSE list_member_delivery.disabled_reason END,
                updated_at = @now
            """,
            new
            {
                memberId = member.Id, score, now, today, diagnostic = Bounded($"{report.Status} {report.Diagnostic}".Trim()), disable,
                disabledAt = disable ? now : (DateTimeOffset?)null, reason = Bounded(reason), stale,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (disable)
        {
            await notices.DeliveryDisabledAsync(connection, transaction, member, score, $"{report.Status} {report.Diagnostic}".Trim(), cancellationToken).ConfigureAwait(false);
        }

        return new BounceOutcome(member.Id, true, score, disable);
    }

    private static Task<MemberDelivery?> GetAsync(DbConnection connection, DbTransaction? transaction, long memberId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<MemberDelivery>(new CommandDefinition(
            $"SELECT {Columns} FROM list_member_delivery WHERE member_id = @memberId", new { memberId }, transaction, cancellationToken: cancellationToken));

    private static string? Bounded(string? text) => text is { Length: > 1000 } ? text[..1000] + "…" : text;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to member {PublicId} disabled: bounce score {Score}")]
        public static partial void Disabled(ILogger logger, string publicId, double score);
    }
}
