using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// One variant of a post as delivered: the message, and the member languages it is for (null:
/// every language no other copy names). A post has one copy unless footers differ per language.
/// </summary>
public sealed record PostCopy(IReadOnlyList<string>? Languages, MimeMessage Message);
