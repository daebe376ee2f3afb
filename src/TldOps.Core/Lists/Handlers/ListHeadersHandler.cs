using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>list-headers</c>: the fields that make a copy a list message. RFC 2919 List-Id; RFC 2369
/// List-Post, List-Help, List-Unsubscribe, List-Owner and List-Archive; RFC 5064 Archived-At;
/// Precedence: list (which auto-responders respect); an RFC 8601 Authentication-Results field
/// with what the list verified. Such fields arriving from outside are removed first (another
/// list's fields, or a forged Authentication-Results in our name), and so are the author's DKIM
/// signatures: the subject prefix and footer break them, and a broken signature only makes
/// receivers doubt the copy. The list's own signature is added last by <c>dkim-sign</c>.
/// </summary>
public sealed class ListHeadersHandler : IHandler
{
    private static readonly string[] Replaced =
    [
        "List-Id", "List-Post", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Owner", "List-Archive",
        "Archived-At", "Precedence", "DKIM-Signature", "Authentication-Results", "Return-Path",
    ];

    public string Name => "list-headers";

    public Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var headers = post.Message.Headers;
        foreach (var name in Replaced)
        {
            headers.Remove(name);
        }

        var options = post.Options;
        var addresses = options.Addresses;
        var fields = new List<Header>
        {
            Header.CreateRaw("Authentication-Results", AuthenticationResults(addresses.Domain, post.Post.AuthenticatedDomain), headers.FormatOptions),
            Header.Create("List-Id", $"{options.DisplayName} <{addresses.ListId}>", headers.FormatOptions),
            Header.CreateRaw("List-Post", $"<mailto:{addresses.Posting}>", headers.FormatOptions),
            Header.CreateRaw("List-Help", $"<mailto:{addresses.Request}?subject=help>", headers.FormatOptions),
            Header.CreateRaw("List-Unsubscribe", $"<mailto:{addresses.Request}?subject=unsubscribe>", headers.FormatOptions),
            Header.CreateRaw("List-Owner", $"<mailto:{addresses.Owner}>", headers.FormatOptions),
        };
        if (!string.IsNullOrWhiteSpace(options.ArchiveUrl))
        {
            fields.Add(Header.CreateRaw("List-Archive", $"<{options.ArchiveUrl.TrimEnd('/')}>", headers.FormatOptions));
        }

        if (post.ArchivedAt is { } archivedAt)
        {
            fields.Add(Header.CreateRaw("Archived-At", $"<{archivedAt}>", headers.FormatOptions));
        }

        fields.Add(Header.CreateRaw("Precedence", "list", headers.FormatOptions));
        for (var i = 0; i < fields.Count; i++)
        {
            headers.Insert(i, fields[i]);
        }

        return Task.FromResult(HandlerOutcome.Continue);
    }

    // RFC 8601 §2.2: "authserv-id; method=result property=value".
    private static string AuthenticationResults(string listDomain, string? authenticatedDomain) =>
        authenticatedDomain is null ? $"{listDomain}; dkim=none" : $"{listDomain}; dkim=pass header.d={authenticatedDomain}";
}
