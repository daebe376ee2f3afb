using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Handlers;
using TldOps.Core.Lists.Notices;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Rules;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>pipeline</c> queue: runs an accepted post through the handlers, then, in one
/// transaction, stores each prepared copy once, writes the <c>out</c> entries of its first
/// recipients and marks the post distributed; the delivery runners write the other recipients'
/// entries as they lease them, behind a durable cursor (<see cref="FanOutWriter"/>). The state
/// change from queued to distributed guards the fan-out, so a pipeline entry run twice never
/// fans out twice.
/// </summary>
public sealed class PipelineRunner(
    QueueRunnerContext context,
    ILogger<PipelineRunner> logger,
    Database database,
    MessageStore messages,
    PostStore posts,
    FanOutWriter fanOut,
    ListNotices notices,
    ListMemberDirectory members,
    IEnumerable<IHandler> handlers,
    ListOptions options) : QueueRunner(context, logger)
{
    private readonly IReadOnlyList<IHandler> _pipeline = DefaultPipeline.Create(handlers);

    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.Pipeline];

    protected override int MaxConcurrency => 2;

    protected override int LeaseBatch => 4;

    protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var post = PipelineEntry.PostIdOf(entry) is { } postId ? await posts.GetAsync(postId, cancellationToken).ConfigureAwait(false) : null;
        if (post is null)
        {
            return new EntryOutcome.Failed("The pipeline entry names no stored post.");
        }

        if (post.State != PostState.Queued)
        {
            return new EntryOutcome.Done($"post #{post.Id} already {post.State}");
        }

        var raw = await messages.GetAsync(post.MessageId, cancellationToken).ConfigureAwait(false);
        if (raw is null)
        {
            return new EntryOutcome.Failed($"The message of post #{post.Id} is gone.");
        }

        var message = MimeMessage.Load(raw);
        var progress = new PostInProgress
        {
            Post = post,
            Raw = raw,
            Message = message,
            Options = options,
            Author = PostingFacts.AuthorOf(message),
            Priority = post.Priority,
        };
        foreach (var handler in _pipeline)
        {
            var outcome = await handler.ProcessAsync(progress, cancellationToken).ConfigureAwait(false);
            if (outcome is HandlerOutcome.DiscardOutcome discard)
            {
                await StopAsync(progress, PostState.Discarded, null, cancellationToken).ConfigureAwait(false);
                return new EntryOutcome.Done($"post #{post.Id} discarded by {handler.Name}: {discard.Reason}");
            }

            if (outcome is HandlerOutcome.RejectOutcome reject)
            {
                await StopAsync(progress, PostState.Rejected, reject.Reason, cancellationToken).ConfigureAwait(false);
                return new EntryOutcome.Done($"post #{post.Id} rejected by {handler.Name}: {reject.Reason}");
            }
        }

        var start = await FanOutAsync(progress, cancellationToken).ConfigureAwait(false);
        if (start is not { } queued)
        {
            return new EntryOutcome.Done($"post #{post.Id} was already distributed");
        }

        Context.Store.Notify(QueueNames.Out);
        return new EntryOutcome.Done(queued switch
        {
            { Continues: false } => $"post #{post.Id}: {queued.Written} copies queued",
            { Written: 0 } => $"post #{post.Id} distributed: the delivery runners write its copies as they take them",
            _ => $"post #{post.Id}: {queued.Written} copies queued, the others as the delivery runners take them",
        });
    }

    /// <summary>The post marked distributed, its copies stored and their head starts queued; null when it was distributed already.</summary>
    private Task<FanOutStart?> FanOutAsync(PostInProgress progress, CancellationToken cancellationToken)
    {
        var copies = progress.EffectiveCopies;
        var named = copies.Where(c => c.Languages is not null).SelectMany(c => c.Languages!).ToList();
        return database.InTransactionAsync<FanOutStart?>(async (connection, transaction) =>
        {
            if (!await posts.SetStateAsync(connection, transaction, progress.Post.Id, PostState.Queued, PostState.Distributed, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var total = new FanOutStart(0, false);
            foreach (var copy in copies)
            {
                var messageId = await messages.AddAsync(connection, transaction, copy.Message.ToArray(), cancellationToken).ConfigureAwait(false);
                var start = await fanOut.BeginAsync(
                    connection, transaction, progress.Post.Id, messageId, progress.Priority,
                    copy.Languages, copy.Languages is null ? named : null, cancellationToken).ConfigureAwait(false);
                total = new FanOutStart(total.Written + start.Written, total.Continues || start.Continues);
            }

            await posts.MarkDistributedAsync(connection, transaction, progress.Post.Id, progress.Classification, progress.Priority, total.Written, Context.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return total;
        }, cancellationToken);
    }

    private async Task StopAsync(PostInProgress progress, string state, string? reason, CancellationToken cancellationToken)
    {
        var post = progress.Post;
        NoticeRecipient? author = null;
        if (reason is not null && post.FromAddress is { } from && NoticePolicy.MayAnswer(MimeMessage.Load(progress.Raw), post.EnvelopeSender, options.Addresses))
        {
            var member = await members.FindByEmailAsync(from, cancellationToken).ConfigureAwait(false);
            author = new NoticeRecipient(from, post.FromName, member?.Language ?? "en");
        }

        await database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await posts.SetStateAsync(connection, transaction, post.Id, PostState.Queued, state, cancellationToken).ConfigureAwait(false) && author is not null)
            {
                await notices.RejectedAsync(connection, transaction, author, post, [reason!], cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        Context.Store.Notify(QueueNames.Virgin);
    }
}
