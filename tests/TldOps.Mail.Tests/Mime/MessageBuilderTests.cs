using System.Text;
using System.Text.Json;
using TldOps.Mail.Addresses;
using TldOps.Mail.Inspection;
using TldOps.Mail.Mime;
using TldOps.Mail.Tests.Inspection;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Mime;

public sealed class MessageBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public void The_same_clock_and_seed_give_the_same_bytes()
    {
        var first = Notice(new Random(42)).Build().ToArray();
        var second = Notice(new Random(42)).Build().ToArray();
        var other = Notice(new Random(43)).Build().ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_notice_has_the_expected_fields_and_structure_and_is_7bit_clean()
    {
        var message = Notice(new Random(1)).Build();
        var bytes = message.ToArray();

        Assert.True(Ascii.IsValid(bytes));
        Assert.All(Encoding.ASCII.GetString(bytes).Split("\r\n"), line => Assert.InRange(line.Length, 0, 998));
        var reread = MimeMessage.Load(bytes);
        Assert.Equal(["Date", "From", "To", "Cc", "Subject", "Message-ID", "Auto-Submitted", "MIME-Version", "Content-Type"], reread.Headers.Select(h => h.Name));
        Assert.Equal(Now, reread.Date);
        Assert.Equal("Contact repository — März 2025 (ccTLD .рф, .中国)", reread.Subject);
        Assert.Matches("^[0-9a-f]+\\.[0-9a-f]{24}@tld-ops\\.example$", reread.MessageId);
        Assert.Equal("multipart/mixed", reread.Body.ContentType.MimeType);
        Assert.Equal("multipart/alternative", Assert.IsType<Multipart>(reread.Body)[0].ContentType.MimeType);
        Assert.Equal("Grüße aus dem Sekretariat\r\nZeile zwei\r\n", reread.TextBody!.GetText());
        Assert.Contains("<p>Grüße</p>", reread.HtmlBody!.GetText(), StringComparison.Ordinal);
        var attachments = reread.Attachments.ToList();
        Assert.Equal(["contacts-2025-03.csv", "Équipe d'intervention.vcf"], attachments.Select(a => a.FileName));
        Assert.Equal(Csv, attachments[0].GetDecodedContent());
    }

    [Fact]
    public void With_smtputf8_and_8bitmime_headers_are_raw_utf8_and_text_is_8bit()
    {
        var builder = Notice(new Random(1), FormatOptions.International);

        var bytes = builder.Build().ToArray();

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("Subject: Contact repository — März 2025 (ccTLD .рф, .中国)\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: 8bit\r\n", text, StringComparison.Ordinal);
        Assert.Equal("Contact repository — März 2025 (ccTLD .рф, .中国)", MimeMessage.Load(bytes).Subject);
    }

    [Fact]
    public void A_message_without_from_or_body_is_refused()
    {
        var builder = new MessageBuilder(new ManualClock(Now), new Random(1)) { TextBody = "x" };
        Assert.Throws<InvalidOperationException>(() => builder.Build());

        builder = new MessageBuilder(new ManualClock(Now), new Random(1)) { From = MailboxAddress.Parse("a@example.org") };
        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void Converting_an_8bit_message_to_7bit_keeps_its_content()
    {
        var message = MimeMessage.Load(MimeCorpus.Read("stalwart-thirdparty_003.eml"));
        var before = message.EnumerateEntities().OfType<MimePart>().Select(p => p.GetText()).ToList();
        Assert.True(message.HasEightBitContent);

        var changed = message.ConvertToSevenBit();

        var bytes = message.ToArray();
        Assert.True(changed);
        Assert.True(Ascii.IsValid(bytes));
        Assert.Equal(before, MimeMessage.Load(bytes).EnumerateEntities().OfType<MimePart>().Select(p => p.GetText()));
    }

    [RequiresFact("python3=python3")]
    public async Task Python_reads_what_we_build_as_we_do()
    {
        using var directory = new TempDirectory();
        var files = new List<string>();
        foreach (var (name, options) in new[] { ("seven.eml", FormatOptions.Default), ("eight.eml", FormatOptions.International), ("unix.eml", FormatOptions.Unix) })
        {
            await File.WriteAllBytesAsync(directory.Combine(name), Notice(new Random(5), options).Build().ToArray());
            files.Add(directory.Combine(name));
        }

        var python = await PythonEmail.InspectAsync(files, mbox: false);

        foreach (var file in files)
        {
            using var ours = JsonDocument.Parse(MessageInspector.ToJson(MimeMessage.Load(await File.ReadAllBytesAsync(file))));
            var differences = InspectComparison.Compare(ours.RootElement, python[file]);
            Assert.True(differences.Count == 0, file + ": " + string.Join("; ", differences));
        }
    }

    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("tld,name,phone\r\nrf,Ответственный,+7 495 000 00 00\r\n");

    private static MessageBuilder Notice(Random random, FormatOptions? options = null)
    {
        var builder = new MessageBuilder(new ManualClock(Now), random, options)
        {
            From = new MailboxAddress("TLD-OPS Secretariat", "secretariat@tld-ops.example"),
            Subject = "Contact repository — März 2025 (ccTLD .рф, .中国)",
            TextBody = "Grüße aus dem Sekretariat\nZeile zwei",
            HtmlBody = "<p>Grüße</p>",
        };
        builder.To.Add(new MailboxAddress("Members", "members@tld-ops.example"));
        builder.Cc.Add(new MailboxAddress("Коорд. группа", "coord@xn--p1ai.example"));
        builder.AddField("Auto-Submitted", "auto-generated");
        builder.Attach(new MessageAttachment("contacts-2025-03.csv", Csv, new ContentType("text", "csv").WithParameter("charset", "utf-8")));
        builder.Attach(new MessageAttachment("Équipe d'intervention.vcf", "BEGIN:VCARD\r\nEND:VCARD\r\n"u8.ToArray(), new ContentType("text", "vcard")));
        return builder;
    }
}
