namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// The handlers every accepted post passes through, in order. Archive comes before the list's
/// changes (the archive keeps the post as its author wrote it); DMARC mitigation before the
/// footer, because the footer may split the post into per-language copies that must all carry
/// the same From; the signature last, over everything else.
/// </summary>
public static class DefaultPipeline
{
    public static IReadOnlyList<string> Names { get; } =
        ["classify", "archive", "list-headers", "subject-prefix", "dmarc", "footer", "dkim-sign"];

    /// <summary>Orders <paramref name="handlers"/> as <see cref="Names"/>; throws when one is missing.</summary>
    public static IReadOnlyList<IHandler> Create(IEnumerable<IHandler> handlers)
    {
        var byName = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
        return Names.Select(n => byName.TryGetValue(n, out var handler)
            ? handler
            : throw new InvalidOperationException($"The default pipeline needs the handler '{n}'.")).ToList();
    }
}
