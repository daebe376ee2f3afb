namespace TldOps.Mail.Smtp.Protocol;

/// <summary>The command verbs the server recognises (RFC 5321 §4.1, RFC 2033, RFC 3030, RFC 3207).</summary>
internal enum SmtpVerb
{
    Unknown,
    Helo,
    Ehlo,
    Lhlo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,
    StartTls,
    Auth,
    Etrn,
    Turn,
}
