using System.Text;
using TldOps.Mail.Mime;
using TldOps.Mail.Reports;

namespace TldOps.Mail.Tests.Reports;

public sealed class DeliveryStatusReportTests
{
    public static TheoryData<string> Bounces => new()
    {
        // Left out: cpython_msg_25.txt (its boundary parameter is cut short, so it has no parts)
        // and mimekit_delivery-status.anonymized.eml (every value is x'd out).
        "cpython_msg_16.txt", "cpython_msg_43.txt", "deltachat_dsn_relayed.eml", "deltachat_gmail_ndn.eml",
        "deltachat_gmail_ndn_group.eml", "deltachat_ndn_with_attachment.eml", "deltachat_posteo_ndn.eml", "deltachat_testrun_ndn.eml",
        "deltachat_testrun_ndn_2.eml", "deltachat_tiscali_ndn.eml", "mimekit_bounce.txt", "mimekit_delivery-status-multiple-blank-lines.txt",
        "mimekit_delivery-status-no-blank-line.txt", "mimekit_delivery-status.txt",
        "mimekit_delivery-status2.txt", "rubymail_multi_address_bounce1.eml", "rubymail_multipart_report_multiple_status.eml",
        "rubymail_raw_email_with_mimepart_without_content_type.eml", "rubymail_report_422.eml", "rubymail_report_530.eml",
    };

    [Theory]
    [MemberData(nameof(Bounces))]
    public void Every_corpus_bounce_yields_recipients_with_an_address_and_an_action(string file)
    {
        var message = MimeMessage.Load(MimeCorpus.Read(file));

        Assert.True(DeliveryStatusReport.TryParse(message, out var report));

        Assert.NotEmpty(report.Recipients);
        Assert.All(report.Recipients, r => Assert.False(string.IsNullOrEmpty(r.Recipient), r.ToString()));
        Assert.All(report.Recipients, r => Assert.True(r.Action != DeliveryAction.Unknown || r.EffectiveStatus is not null, r.ToString()));
    }

    [Fact]
    public void A_global_dsn_gives_recipient_status_diagnostic_and_remote_mta()
    {
        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("deltachat_testrun_ndn.eml")), out var report));

        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("dns", report.ReportingMta!.Type);
        Assert.Equal("hq5.merlinux.eu", report.ReportingMta.Value);
        Assert.Equal("hcksocnsofoejx@five.chat", recipient.Recipient);
        Assert.Equal(DeliveryAction.Failed, recipient.Action);
        Assert.Equal(new StatusCode(5, 1, 1), recipient.Status);
        Assert.Equal("mail.five.chat", recipient.RemoteMta!.Value);
        Assert.Equal("smtp", recipient.DiagnosticCode!.Type);
        Assert.StartsWith("550 5.1.1 <hcksocnsofoejx@five.chat>: Recipient address rejected", recipient.DiagnosticCode.Value, StringComparison.Ordinal);
        Assert.True(recipient.IsHardFailure);
        Assert.Equal("message/global", report.ReturnedContent!.ContentType.MimeType);
    }

    [Fact]
    public void Many_recipients_in_one_report_are_all_read()
    {
        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("cpython_msg_43.txt")), out var report));

        Assert.Equal(25, report.Recipients.Count);
        Assert.All(report.Recipients, r => Assert.Equal((DeliveryAction.Failed, new StatusCode(5, 7, 1)), (r.Action, r.Status!.Value)));
        Assert.All(report.Recipients, r => Assert.EndsWith("@dot.ca.gov", r.Recipient, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_status_field_the_status_comes_from_the_diagnostic()
    {
        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("mimekit_delivery-status-no-blank-line.txt")), out var report));

        var recipient = Assert.Single(report.Recipients);
        Assert.Null(recipient.Status);
        Assert.Equal(new StatusCode(5, 0, 0), recipient.EffectiveStatus);
        Assert.Equal("newsletter-request@imusic.com", recipient.Recipient);
        Assert.True(recipient.IsHardFailure);
    }

    [Fact]
    public void A_prose_status_part_is_skipped_and_bracketed_addresses_are_cleaned()
    {
        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("rubymail_multipart_report_multiple_status.eml")), out var report));

        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("u@ci.com", recipient.Recipient);
        Assert.Equal(new StatusCode(5, 3, 0), recipient.Status);
    }

    [Fact]
    public void Delayed_and_relayed_are_not_hard_failures()
    {
        var text = "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\nnotice\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
            + "Final-Recipient: rfc822; slow@example.net\r\nAction: delayed\r\nStatus: 4.4.7\r\nWill-Retry-Until: Fri, 6 Jun 2025 10:00:00 +0000\r\n\r\n"
            + "Final-Recipient: rfc822; gone@example.net\r\nAction: failed\r\nStatus: 4.4.1\r\n\r\n"
            + "Final-Recipient: rfc822; onward@example.net\r\nAction: relayed\r\nStatus: 2.0.0\r\n--b--\r\n";

        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(Encoding.ASCII.GetBytes(text)), out var report));

        Assert.Equal([false, false, false], report.Recipients.Select(r => r.IsHardFailure));
        Assert.Equal([true, true, false], report.Recipients.Select(r => r.IsSoftFailure));
        Assert.Equal(new DateTimeOffset(2025, 6, 6, 10, 0, 0, TimeSpan.Zero), report.Recipients[0].WillRetryUntil);
    }

    [Fact]
    public void Recipient_blocks_base64_encoded_inside_the_report_are_read()
    {
        Assert.True(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("mimekit_bounce.txt")), out var report));

        var recipient = Assert.Single(report.Recipients);
        Assert.Equal("netec.test@netecgc.com", recipient.Recipient);
        Assert.Equal(new StatusCode(5, 1, 1), recipient.Status);
    }

    [Fact]
    public void A_message_that_is_no_report_yields_nothing()
    {
        Assert.False(DeliveryStatusReport.TryParse(MimeMessage.Load(MimeCorpus.Read("cpython_msg_02.txt")), out _));
    }

    [Theory]
    [InlineData("550 5.1.1 User unknown", 5, 1, 1)]
    [InlineData("smtp; 452 4.2.2 Over quota", 4, 2, 2)]
    [InlineData("host 192.5.1.1 said 5.7.1 denied", 5, 7, 1)]
    public void Status_codes_are_found_inside_diagnostics(string text, int c, int s, int d)
    {
        Assert.True(StatusCode.TryFind(text, out var code));
        Assert.Equal(new StatusCode(c, s, d), code);
    }

    [Fact]
    public void Disposition_notifications_are_read()
    {
        Assert.True(DispositionNotification.TryParse(MimeMessage.Load(MimeCorpus.Read("mimekit_disposition-notification.txt")), out var mdn));

        Assert.False(string.IsNullOrEmpty(mdn.FinalRecipient?.Address));
        Assert.Contains(mdn.DispositionType, new[] { "displayed", "deleted", "dispatched", "processed" });
        Assert.Contains(mdn.ActionMode, new[] { "manual-action", "automatic-action" });
        Assert.False(string.IsNullOrEmpty(mdn.OriginalMessageId));
    }

    [Fact]
    public void An_exchange_read_receipt_is_read()
    {
        Assert.True(DispositionNotification.TryParse(MimeMessage.Load(MimeCorpus.Read("deltachat_ms_exchange_report_disposition_notification.eml")), out var mdn));

        Assert.Equal("displayed", mdn.DispositionType);
    }
}
