using System.Text;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Lists.Rules;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Tests.Lists.Support;

/// <summary>Messages and postings for rule and handler tests.</summary>
internal static class Posts
{
    public static ListOptions Options() => new() { Domain = "lists.example", DmarcMitigation = DmarcMitigation.Never };

    public static byte[] Raw(string from = "Ana Silva <ana@nic.example.br>", string subject = "Routine notice", string body = "Hello all.\r\n", string? extraHeaders = null) =>
        Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: tld-ops@lists.example\r\nSubject: {subject}\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n" +
            $"Message-ID: <post-1@nic.example.br>\r\n{extraHeaders}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}");

    public static MimeMessage Message(string from = "Ana Silva <ana@nic.example.br>", string subject = "Routine notice", string body = "Hello all.\r\n", string? extraHeaders = null) =>
        MimeMessage.Load(Raw(from, subject, body, extraHeaders));

    public static ListMember Member(string email = "ana@nic.example.br", string status = "active", string language = "en") => new()
    {
        Id = 1, PublicId = "a2b3c4d5e6", CcTld = "br", Name = "Ana Silva", Email = email, Role = "member", Language = language, Status = status,
    };

    /// <summary>A posting from an active, authenticated-by-From member, unless told otherwise.</summary>
    public static Posting Posting(MimeMessage? message = null, ListOptions? options = null, ListMember? member = null, bool noMember = false,
        string? authenticated = null, string? banned = null, long? size = null)
    {
        message ??= Message();
        var author = message.From.SelectMany(a => a.Mailboxes()).FirstOrDefault();
        return new Posting
        {
            Message = message,
            Size = size ?? message.ToArray().Length,
            EnvelopeSender = author?.Address,
            Author = author,
            Member = noMember ? null : member ?? Member(author?.Address ?? "x@example.org"),
            AuthenticatedDomain = authenticated,
            BannedPattern = banned,
            Classification = PostClassifier.Classify(message.Subject, PostClassifier.FirstLine(message.TextBody?.GetText())),
            Options = options ?? Options(),
        };
    }

    public static MailboxAddress Author(MimeMessage message) => message.From.SelectMany(a => a.Mailboxes()).First();
}
