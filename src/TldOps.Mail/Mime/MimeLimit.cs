namespace TldOps.Mail.Mime;

/// <summary>The limit of <see cref="MimeParserOptions"/> that input exceeded.</summary>
public enum MimeLimit
{
    /// <summary><see cref="MimeParserOptions.MaxHeaderBytes"/>.</summary>
    HeaderBytes,

    /// <summary><see cref="MimeParserOptions.MaxLineLength"/>.</summary>
    LineLength,

    /// <summary><see cref="MimeParserOptions.MaxMimeDepth"/>.</summary>
    MimeDepth,

    /// <summary><see cref="MimeParserOptions.MaxParts"/>.</summary>
    Parts,

    /// <summary><see cref="MimeParserOptions.MaxMessageSize"/>.</summary>
    MessageSize,
}
