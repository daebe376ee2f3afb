using TldOps.Core.Common;
using TldOps.Core.Lists.Posts;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>footer</c>: adds the list's footer without ever breaking a signed or encrypted message. A
/// plain text/plain post gets the footer after a signature separator ("-- ") in the same part;
/// anything else (multipart, PGP/MIME, S/MIME, HTML) keeps its body untouched inside a new
/// multipart/mixed with the footer as a second part (<see cref="MimeMessage.AppendFooter"/>).
/// With footers per language (<see cref="ListOptions.FooterTexts"/>) the post becomes one copy
/// per distinct footer among the members' languages; each copy is signed once.
/// </summary>
public sealed class FooterHandler(ListMemberDirectory members, IRandomSource random) : IHandler
{
    public string Name => "footer";

    public async Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        var options = post.Options;
        if (options.FooterTexts.Count == 0)
        {
            if (options.FooterText.Trim().Length > 0)
            {
                Add(post.Message, options.FooterText, random);
            }

            return HandlerOutcome.Continue;
        }

        // Languages with their own footer get a copy each (languages sharing a text share it);
        // the copy with the default footer comes last and serves every other language, including
        // one nobody had when the post went out.
        var languages = await members.RecipientLanguagesAsync(cancellationToken).ConfigureAwait(false);
        var own = languages
            .Where(l => options.FooterTexts.TryGetValue(l, out var text) && !string.Equals(text, options.FooterText, StringComparison.Ordinal))
            .GroupBy(l => options.FooterTexts[l], StringComparer.Ordinal)
            .ToList();
        var baseBytes = own.Count > 0 ? post.Message.ToArray() : null;
        foreach (var group in own)
        {
            var copy = MimeMessage.Load(baseBytes);
            if (group.Key.Trim().Length > 0)
            {
                Add(copy, group.Key, random);
            }

            post.Copies.Add(new PostCopy(group.ToList(), copy));
        }

        if (options.FooterText.Trim().Length > 0)
        {
            Add(post.Message, options.FooterText, random);
        }

        post.Copies.Add(new PostCopy(null, post.Message));
        return HandlerOutcome.Continue;
    }

    /// <summary>Adds <paramref name="footer"/> to <paramref name="message"/> as described above.</summary>
    public static void Add(MimeMessage message, string footer, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentNullException.ThrowIfNull(random);
        var text = footer.Trim().ReplaceLineEndings("\n");
        if (message.Body is MimePart { IsAttachment: false } part && part.ContentType.Is("text", "plain")
            && part.ContentTransferEncoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.QuotedPrintable or ContentEncoding.Base64
            && part.ContentType.Parameters["format"] is null or "fixed" or "flowed")
        {
            var body = part.GetText();
            var separator = body.Length == 0 || body.EndsWith('\n') ? string.Empty : "\n";
            part.SetText($"{body}{separator}-- \n{text}\n");
            return;
        }

        var footerPart = new MimePart(new ContentType("text", "plain"), message.Headers.FormatOptions);
        footerPart.Headers.Add(Header.CreateRaw("Content-Disposition", "inline", message.Headers.FormatOptions));
        footerPart.SetText(text + "\n");
        message.AppendFooter(footerPart, new Random(random.Next(int.MaxValue)));
    }
}
