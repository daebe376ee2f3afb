using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>in</c> queue. Mail to the posting address runs the posting chain and the decision
/// is recorded with its trace: accepted posts go to the pipeline, held ones to the moderation
/// queue (the author and the committee are told), rejected ones are answered. Mail to -request is
/// offered to the request handlers (vetting) and otherwise answered with help; mail to -owner is
/// passed to the committee. Everything a message causes is written in one transaction; the post
/// row is keyed by the entry, so an entry processed again after a crash finds its post and does
/// nothing twice.
/// </summary>
public sealed class IncomingRunner(
    QueueRunnerContext context,
    ILogger<IncomingRunner> logger,
    Database database,
    MessageStore messages,
    PostingFacts facts,
    PostingChain chain,
    PostStore posts,
    ListNotices notices,
    ListMemberDirectory members,
    DkimAlignment alignment,
    IEnumerable<IRequestMailHandler> requestHandlers,
    ListOptions options) : QueueRunner(context, logger)
{
    private readonly IReadOnlyList<IRequestMailHandler> _requestHandlers = requestHandlers.ToList();

    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.In];

    protected override int MaxConcurrency => 4;

    protected override int LeaseBatch => 8;

    protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var raw = entry.MessageId is { } id ? await messages.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (raw is null)
        {
            return new EntryOutcome.Failed("The stored message is gone.");
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(raw);
        }
        catch (MimeLimitExceededException ex)
        {
            return new EntryOutcome.Failed($"The message exceeds a parser limit and was not processed: {ex.Message}");
        }

        var intake = JsonSerializer.Deserialize<IntakePayload>(entry.Payload, JsonSerializerOptions.Web);
        var receivedAt = intake?.ReceivedAt ?? entry.CreatedAt;
        var byKind = entry.RecipientList.GroupBy(r => options.Addresses.Classify(r, out _)).ToDictionary(g => g.Key, g => g.ToList());
        var work = new List<Func<DbConnection, DbTransaction, Task>>();
        var outcome = new List<string>();
        var wakes = new HashSet<string>(StringComparer.Ordinal);

        if (byKind.ContainsKey(ListAddressKind.Posting))
        {
            if (await posts.FindByInEntryAsync(entry.Id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                outcome.Add($"post #{existing.Id} already {existing.State}");
            }
            else
            {
                var posting = await facts.GatherAsync(message, raw.Length, entry.Sender, cancellationToken).ConfigureAwait(false);
                var decision = chain.Run(posting);
                work.Add((c, t) => RecordAsync(c, t, entry, posting, decision, receivedAt, cancellationToken));
                wakes.Add(decision.Action == ChainAction.Accept ? QueueNames.Pipeline : QueueNames.Virgin);
                outcome.Add($"post {decision.Action.ToString().ToLowerInvariant()}");
            }
        }

        if (byKind.TryGetValue(ListAddressKind.Request, out var requestRecipients))
        {
            var handled = await OfferRequestAsync(entry, raw, message, requestRecipients, receivedAt, cancellationToken).ConfigureAwait(false);
            if (!handled && NoticePolicy.MayAnswer(message, entry.Sender, options.Addresses))
            {
                var sender = await RecipientOfAsync(message, entry.Sender, cancellationToken).ConfigureAwait(false);
                work.Add((c, t) => notices.HelpAsync(c, t, sender, message.MessageId, cancellationToken));
                wakes.Add(QueueNames.Virgin);
            }

            outcome.Add(handled ? "request handled" : "request answered with help");
        }

        if (byKind.ContainsKey(ListAddressKind.Owner))
        {
            if (NoticePolicy.MayAnswer(message, entry.Sender, options.Addresses))
            {
                var from = PostingFacts.AuthorOf(message)?.ToString() ?? entry.Sender ?? "<>";
                work.Add((c, t) => notices.OwnerMailAsync(c, t, raw, from, message.Subject, cancellationToken));
                wakes.Add(QueueNames.Virgin);
                outcome.Add("passed to the committee");
            }
            else
            {
                outcome.Add("automatic mail to the owner dropped");
            }
        }

        if (work.Count > 0)
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                foreach (var step in work)
                {
                    await step(connection, transaction).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            foreach (var queue in wakes)
            {
                Context.Store.Notify(queue);
            }
        }

        return new EntryOutcome.Done(string.Join("; ", outcome));
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, QueueEntry entry, Posting posting, ChainDecision decision, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var now = Context.Clock.GetUtcNow();
        var priority = posting.Classification.IsAlert ? QueuePriority.Alert : QueuePriority.Normal;
        var post = new StoredPost
        {
            InEntryId = entry.Id,
            MessageId = entry.MessageId!.Value,
            HeaderMessageId = posting.Message.MessageId,
            EnvelopeSender = entry.Sender,
            FromAddress = posting.Author?.Address,
            FromName = posting.Author?.DisplayName,
            MemberId = posting.Member?.Id,
            Subject = posting.Message.Subject,
            Size = posting.Size,
            AuthenticatedDomain = posting.AuthenticatedDomain,
            Decision = decision.Action.ToString().ToLowerInvariant(),
            Trace = PostTrace.Write(decision.Trace),
            Tags = JsonSerializer.Serialize(posting.Classification.Tags),
            Tlp = posting.Classification.TlpText,
            Priority = priority,
            State = decision.Action switch
            {
                ChainAction.Accept => PostState.Queued,
                ChainAction.Hold => PostState.Held,
                ChainAction.Reject => PostState.Rejected,
                _ => PostState.Discarded,
            },
            ReceivedAt = receivedAt,
            DecidedAt = now,
        };
        post = post with { Id = await posts.InsertAsync(connection, transaction, post, cancellationToken).ConfigureAwait(false) };
        var author = posting.Author is { } a ? new NoticeRecipient(a.Address, a.DisplayName, posting.Member?.Language ?? "en") : null;
        var mayAnswer = author is not null && NoticePolicy.MayAnswer(posting.Message, entry.Sender, options.Addresses);
        switch (decision.Action)
        {
            case ChainAction.Accept:
                await Context.Store.EnqueueAsync(connection, transaction, PipelineEntry.For(post.Id, post.MessageId, priority), cancellationToken).ConfigureAwait(false);
                break;
            case ChainAction.Hold:
                await posts.HoldAsync(connection, transaction, post.Id, decision.Causes, now, cancellationToken).ConfigureAwait(false);
                if (mayAnswer)
                {
                    await notices.HeldAsync(connection, transaction, author!, post, decision.Causes, cancellationToken).ConfigureAwait(false);
                }

                await notices.CommitteeHeldAsync(connection, transaction, post, decision.Trace, cancellationToken).ConfigureAwait(false);
                break;
            case ChainAction.Reject when mayAnswer:
                await notices.RejectedAsync(connection, transaction, author!, post, decision.Causes.Select(c => c.Rule).ToList(), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<bool> OfferRequestAsync(QueueEntry entry, byte[] raw, MimeMessage message, IReadOnlyList<string> recipients, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (_requestHandlers.Count == 0)
        {
            return false;
        }

        var author = PostingFacts.AuthorOf(message);
        var mail = new RequestMail(
            message.MessageId, raw, message, entry.Sender, recipients,
            await alignment.AuthenticatedDomainAsync(message, author?.Domain, cancellationToken).ConfigureAwait(false),
            receivedAt);
        foreach (var handler in _requestHandlers)
        {
            if (await handler.HandleAsync(mail, cancellationToken).ConfigureAwait(false) == RequestMailOutcome.Handled)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<NoticeRecipient> RecipientOfAsync(MimeMessage message, string? envelopeSender, CancellationToken cancellationToken)
    {
        var author = PostingFacts.AuthorOf(message);
        var address = author?.Address ?? envelopeSender!;
        var member = await members.FindByEmailAsync(address, cancellationToken).ConfigureAwait(false);
        return new NoticeRecipient(address, author?.DisplayName, member?.Language ?? "en");
    }
}
