namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>subject-prefix</c>: puts the list's prefix ("[TLD-OPS]") before the subject, once: a reply
/// whose subject already carries it ("Re: [TLD-OPS] …") is left alone.
/// </summary>
public sealed class SubjectPrefixHandler : IHandler
{
    public string Name => "subject-prefix";

    public Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var prefix = post.Options.SubjectPrefix.Trim();
        if (prefix.Length > 0)
        {
            post.Message.Subject = Apply(prefix, post.Message.Subject);
        }

        return Task.FromResult(HandlerOutcome.Continue);
    }

    /// <summary>The subject with the prefix, as this handler writes it.</summary>
    public static string Apply(string prefix, string? subject)
    {
        var s = subject?.Trim() ?? string.Empty;
        if (s.Contains(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return s;
        }

        return s.Length == 0 ? $"{prefix} (no subject)" : $"{prefix} {s}";
    }
}
