namespace TldOps.Mail.Tests.Inspection;

/// <summary>
/// Every place where Python's email package (3.11, policy.default) and we read the corpus
/// differently, one by one, with the reason. Either Python has a quirk, or we are lenient on
/// purpose. The differential test fails on any difference not listed here and on any listed
/// difference that no longer occurs.
/// </summary>
internal static class KnownDifferences
{
    private static readonly KnownDifference[] All =
    [
        new("cpython_msg_15.txt", "1", Aspect.Data, Why.NoOpeningBoundary),
        new("cpython_msg_16.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("cpython_msg_36.txt", "2.1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("cpython_msg_36.txt", "2.2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("cpython_msg_42.txt", "2.1", Aspect.Data, Why.NoOpeningBoundary),
        new("cpython_msg_43.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_attach_filename_combined.eml", "2", Aspect.FileName, Why.PreferRfc2231),
        new("deltachat_dsn_relayed.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_gmail_ndn.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_gmail_ndn_group.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_mailparse-0.16.0-panic.eml", "", Aspect.Data, Why.NoOpeningBoundary),
        new("deltachat_ms_exchange_report_disposition_notification.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_ndn_with_attachment.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_posteo_ndn.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_testrun_ndn.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_testrun_ndn_2.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_testrun_ndn_2.eml", "3", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_tiscali_ndn.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("deltachat_webxdc_good_extension.eml", "2", Aspect.Text, Why.UndeclaredCharset),
        new("mime4j_bad-newlines-multiple-parts-base64.msg", "1", Aspect.Structure, Why.EncodedEmbeddedMessage),
        new("mime4j_bad-newlines-multiple-parts-base64.msg", "1", Aspect.ContentType, Why.EncodedEmbeddedMessage),
        new("mime4j_base64encoded-rfc822message-nested.msg", "1", Aspect.Structure, Why.EncodedEmbeddedMessage),
        new("mime4j_base64encoded-rfc822message-nested.msg", "1", Aspect.ContentType, Why.EncodedEmbeddedMessage),
        new("mime4j_base64encoded-rfc822message.msg", "1", Aspect.Charset, Why.EncodedEmbeddedMessage),
        new("mime4j_base64encoded-rfc822message.msg", "1", Aspect.Data, Why.EncodedEmbeddedMessage),
        new("mime4j_ending-boundaries.msg", "", Aspect.Structure, Why.BoundaryLineWithText),
        new("mime4j_mime4j-219-new-date-time-format.msg", "", Aspect.Text, Why.UndeclaredCharset),
        new("mime4j_missing-inner-boundary.msg", "2", Aspect.Data, Why.NoOpeningBoundary),
        new("mime4j_missing-inner-start-boundary.msg", "2", Aspect.Data, Why.NoOpeningBoundary),
        new("mime4j_multipartemptypart.msg", "1", Aspect.Data, Why.DelimiterThenClose),
        new("mime4j_multipartnopart.msg", "", Aspect.Data, Why.NoOpeningBoundary),
        new("mime4j_obsolete.msg", "", Aspect.HeaderNames, Why.ObsoleteFieldSyntax),
        new("mime4j_obsolete.msg", "", Aspect.Data, Why.ObsoleteFieldSyntax),
        new("mime4j_russian-headers.msg", "", Aspect.FileName, Why.EncodedWordInParameter),
        new("mime4j_very-long-boundary.msg", "", Aspect.Structure, Why.BoundaryLineWithText),
        new("mime4j_very-very-long-boundary.msg", "", Aspect.Structure, Why.BoundaryLineWithText),
        new("mime4j_weird-boundary.msg", "", Aspect.Structure, Why.BoundaryLineWithText),
        new("mimekit_bounce.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_delivery-status-multiple-blank-lines.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_delivery-status-no-blank-line.txt", "1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_delivery-status.anonymized.eml", "1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_delivery-status.txt", "1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_delivery-status2.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_disposition-notification.anonymized.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_disposition-notification.txt", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_empty-multipart.txt", "1", Aspect.Data, Why.NoOpeningBoundary),
        new("mimekit_feedback-report.txt", "", Aspect.Text, Why.Utf8Bom),
        new("mimekit_message-partial.0.eml", "", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_message-partial.1.eml", "", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_message-partial.2.eml", "", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_rfc2046.0.eml", "", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_rfc2046.1.eml", "", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimetools_infinite.msg", "", Aspect.Text, Why.UndeclaredCharset),
        new("mimetools_jt-0498.msg", "2.1", Aspect.Data, Why.UnclosedLastPart),
        new("mimetools_multi-2evil.msg", "2", Aspect.FileName, Why.MangledWindowsPath),
        new("mimetools_multi-2gifs-base64.msg", "1", Aspect.Structure, Why.EncodedEmbeddedMessage),
        new("mimetools_multi-2gifs-base64.msg", "1", Aspect.ContentType, Why.EncodedEmbeddedMessage),
        new("mimetools_multi-bad.msg", "1", Aspect.Data, Why.UnclosedLastPart),
        new("mimetools_russian.msg", "", Aspect.FileName, Why.EncodedWordInParameter),
        new("mimetools_twopart.msg", "2", Aspect.Data, Why.CteWithBlanks),
        new("rubymail_attachment_pdf_non_ascii.eml", "1", Aspect.Text, Why.Latin1AsWindows1252),
        new("rubymail_attachment_pdf_non_ascii_lf.eml", "1", Aspect.Text, Why.Latin1AsWindows1252),
        new("rubymail_attachment_with_base64_encoded_name.eml", "2", Aspect.FileName, Why.EncodedWordInParameter),
        new("rubymail_attachment_with_unquoted_name.eml", "2", Aspect.FileName, Why.UnquotedValueWithBlanks),
        new("rubymail_content_transfer_encoding_7-bit.eml", "1", Aspect.Text, Why.Latin1AsWindows1252),
        new("rubymail_content_transfer_encoding_7-bit.eml", "2", Aspect.Text, Why.Latin1AsWindows1252),
        new("rubymail_content_transfer_encoding_empty.eml", "", Aspect.Text, Why.Big5Tables),
        new("rubymail_content_transfer_encoding_plain.eml", "", Aspect.Text, Why.UndeclaredCharset),
        new("rubymail_example13.eml", "", Aspect.HeaderNames, Why.ObsoleteFieldSyntax),
        new("rubymail_example13.eml", "", Aspect.Data, Why.ObsoleteFieldSyntax),
        new("rubymail_invalid_subject_characters.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("rubymail_multi_address_bounce1.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("rubymail_multipart_report_multiple_status.eml", "1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("rubymail_multipart_report_multiple_status.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("rubymail_multiple_invalid_content_dispositions.eml", "", Aspect.Disposition, Why.DispositionEncodedWord),
        new("rubymail_raw_email4.eml", "3", Aspect.Data, Why.UnclosedLastPart),
        new("rubymail_raw_email5.eml", "", Aspect.Text, Why.UndeclaredCharset),
        new("rubymail_raw_email6.eml", "", Aspect.Text, Why.UndeclaredCharset),
        new("rubymail_raw_email_bad_time.eml", "", Aspect.Structure, Why.LenientContentType),
        new("rubymail_raw_email_with_binary_encoded.eml", "", Aspect.Structure, Why.LenientContentType),
        new("rubymail_raw_email_with_illegal_boundary.eml", "", Aspect.Structure, Why.LenientContentType),
        new("rubymail_raw_email_with_mimepart_without_content_type.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("rubymail_report_422.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("rubymail_report_530.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("stalwart-legacy_010.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("stalwart-legacy_016.eml", "3", Aspect.FileName, Why.Raw8BitHeaders),
        new("stalwart-legacy_020.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("stalwart-legacy_022.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("stalwart-legacy_023.eml", "4", Aspect.FileName, Why.Raw8BitHeaders),
        new("stalwart-legacy_026.eml", "2", Aspect.FileName, Why.Raw8BitHeaders),
        new("stalwart-legacy_026.eml", "2", Aspect.Text, Why.UndeclaredCharset),
        new("stalwart-legacy_027.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("stalwart-legacy_035.eml", "1.2.2", Aspect.FileName, Why.WindowsPathBackslashes),
        new("stalwart-legacy_035.eml", "1.2.3", Aspect.FileName, Why.WindowsPathBackslashes),
        new("stalwart-legacy_039.eml", "1.2", Aspect.FileName, Why.WindowsPathBackslashes),
        new("stalwart-legacy_039.eml", "1.3", Aspect.FileName, Why.WindowsPathBackslashes),
        new("stalwart-legacy_052.eml", "", Aspect.HeaderValue, Why.Raw8BitHeaders),
        new("stalwart-legacy_052.eml", "", Aspect.Text, Why.UndeclaredCharset),
        new("stalwart-malformed_001.eml", "2", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_003.eml", "2", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_006.eml", "1.1", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_008.eml", "2", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_009.eml", "2", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_012.eml", "2.1", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_016.eml", "2", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-malformed_017.eml", "", Aspect.Structure, Why.LenientContentType),
        new("stalwart-malformed_017.eml", "", Aspect.ContentType, Why.LenientContentType),
        new("stalwart-malformed_019.eml", "", Aspect.HeaderNames, Why.ObsoleteFieldSyntax),
        new("stalwart-malformed_019.eml", "", Aspect.Structure, Why.ObsoleteFieldSyntax),
        new("stalwart-malformed_019.eml", "", Aspect.ContentType, Why.ObsoleteFieldSyntax),
        new("stalwart-rfc_001.eml", "1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("stalwart-rfc_001.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("stalwart-rfc_001.eml", "3", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("stalwart-rfc_008.eml", "2.1", Aspect.Structure, Why.EncodedEmbeddedMessage),
        new("stalwart-rfc_008.eml", "2.1", Aspect.ContentType, Why.EncodedEmbeddedMessage),
        new("stalwart-thirdparty_003.eml", "4", Aspect.Data, Why.CteWithBlanks),
        new("stalwart-thirdparty_005.eml", "5", Aspect.Data, Why.UnclosedLastPart),
        new("stalwart-thirdparty_009.eml", "2", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("stalwart-thirdparty_010.eml", "1", Aspect.Text, Why.UndeclaredCharset),
        new("cpython_mailbox_01.mbox", "", Aspect.MessageCount, Why.MboxEnvelopeHeuristic),
        new("mimekit_content-length.mbox.txt", "#27/1", Aspect.Structure, Why.MessageBodyIsNotAMessage),
        new("mimekit_simple.mbox.txt", "#0/1.1.1", Aspect.Data, Why.UnclosedLastPart),
        new("mimekit_simple.mbox.txt", "#1/3", Aspect.Data, Why.UnclosedLastPart),
        new("mimekit_simple.mbox.txt", "#2/3", Aspect.Data, Why.UnclosedLastPart),
        new("mimekit_unmunged.mbox.txt", "", Aspect.MessageCount, Why.MboxEnvelopeHeuristic),
    ];

    public static IReadOnlyList<KnownDifference> For(string file) => All.Where(k => k.File == file).ToList();
}

/// <summary>One listed difference.</summary>
internal sealed record KnownDifference(string File, string Path, Aspect Aspect, string Reason);

/// <summary>The reasons, each said once.</summary>
internal static class Why
{
    public const string MessageBodyIsNotAMessage =
        "Python parses every message/* body as a message; delivery-status (RFC 3464), disposition-notification (RFC 8098), "
        + "global-headers (RFC 6533), partial and external-body (RFC 2046 §5.2.2-3) hold fields or fragments, so they are leaves for us.";

    public const string EncodedEmbeddedMessage =
        "message/rfc822 sent in base64 (RFC 2046 §5.2.1 forbids it): we decode it and parse the message inside, as mime4j does; "
        + "Python parses the base64 text itself as a message.";

    public const string LenientContentType =
        "A Content-Type Python cannot read (an unquoted boundary containing '=', no ';' before the boundary): we read the boundary.";

    public const string ObsoleteFieldSyntax =
        "Blanks between a field name and its colon are RFC 5322 §4.5 obsolete syntax that we accept; Python ends the header block there.";

    public const string BoundaryLineWithText =
        "RFC 2046 §5.1.1 (note to implementors): a boundary line need only start with the boundary; we accept a blank and text after it, "
        + "Python wants nothing but blanks (this includes boundaries ending in blanks, which both strip).";

    public const string NoOpeningBoundary =
        "A multipart with no opening boundary line is one leaf for both; Python keeps only the text before a close line and keeps the line "
        + "break before an enclosing boundary, we keep every byte up to the enclosing boundary and give it that line break (RFC 2046 §5.1.1).";

    public const string UnclosedLastPart =
        "In a multipart without a close line, Python drops the last line break of the last part; no boundary follows it, so it is content.";

    public const string DelimiterThenClose =
        "A boundary line directly followed by the close line: Python reads both as one boundary and parses the epilogue as a part; "
        + "we see an empty part, the close line and the epilogue.";

    public const string CteWithBlanks =
        "Content-Transfer-Encoding with trailing blanks: Python does not recognise the encoding and returns the encoded text; we decode it.";

    public const string PreferRfc2231 =
        "filename and filename* both given and different: we take the RFC 2231 form (RFC 6266 §4.3 says so for HTTP); Python takes the plain one.";

    public const string EncodedWordInParameter =
        "An RFC 2047 word as an unquoted parameter value (name==?koi8-r?B?…?=): we decode it, Python finds no file name.";

    public const string MangledWindowsPath =
        "A file name with backslashes and RFC 2047 words glued into it: we keep the backslashes and decode the words, "
        + "Python drops the backslashes (quoted-pairs) and keeps the words.";

    public const string UnquotedValueWithBlanks =
        "An unquoted parameter value with blanks (name=This is a test.txt): we keep it up to the ';', Python keeps the first word.";

    public const string Raw8BitHeaders =
        "Raw 8-bit header bytes that are not UTF-8: we decode them as Windows-1252 (MimeParserOptions.HeaderFallbackCharset), "
        + "Python substitutes U+FFFD.";

    public const string WindowsPathBackslashes =
        "Backslashes in a quoted file name (a Windows path from Netscape): we keep them, Python reads them as quoted-pairs and drops them.";

    public const string UndeclaredCharset =
        "8-bit text with no charset or declared US-ASCII: we decode valid UTF-8 as UTF-8 and anything else as Windows-1252; "
        + "Python substitutes U+FFFD.";

    public const string Latin1AsWindows1252 =
        "ISO-8859-1 is decoded as Windows-1252, as the WHATWG Encoding standard does, so 0x80-0x9F are printable; Python maps them to C1 controls.";

    public const string Utf8Bom = "A UTF-8 byte-order mark at the start of undeclared text is dropped; Python decodes it as three U+FFFD.";

    public const string Big5Tables = ".NET's and Python's Big5 decoders substitute invalid sequences differently.";

    public const string DispositionEncodedWord =
        "A Content-Disposition that is only an RFC 2047 word: Python decodes it; an RFC 2183 disposition is a token, so we keep it.";

    public const string MboxEnvelopeHeuristic =
        "mbox: we start a message only at envelope lines (\"From sender\" with an address or a time of day); Python also splits at "
        + "unquoted body lines such as \"From time to time\" and \"From Russia with love\".";
}
