using TldOps.Mail;

namespace TldOps.Core.Registry.Iana;

/// <summary>Limits for <see cref="IanaImporter"/>. <see cref="Default"/> is frozen; change a <see cref="FreezableOptions{TSelf}.Clone"/>.</summary>
public sealed class IanaImportOptions : FreezableOptions<IanaImportOptions>
{
    private WhoisParserOptions _parser = WhoisParserOptions.Default;
    private int _maxFiles = 10_000;

    /// <summary>Defaults: <see cref="WhoisParserOptions.Default"/>, at most 10,000 files per import.</summary>
    public static IanaImportOptions Default { get; } = new IanaImportOptions().Freeze();

    /// <summary>The parser limits applied to every file (its <see cref="WhoisParserOptions.MaxBytes"/> also caps how much of a file is read).</summary>
    public WhoisParserOptions Parser
    {
        get => _parser;
        set
        {
            ThrowIfFrozen();
            _parser = value ?? throw new ArgumentNullException(nameof(value));
        }
    }

    /// <summary>
    /// The most files one import reads. Default 10,000: the root zone has about 1,450 TLDs, so a
    /// folder with several snapshots of each fits, and a mistaken path (a home folder) stops early.
    /// </summary>
    public int MaxFiles
    {
        get => _maxFiles;
        set => SetAtLeast(ref _maxFiles, value, 1);
    }
}
