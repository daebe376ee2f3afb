using TldOps.Mail;

namespace TldOps.Core.Scheduling;

/// <summary>
/// Limits for reading cron expressions. <see cref="Default"/> is frozen; change a <see cref="FreezableOptions{TSelf}.Clone"/>.
/// </summary>
public sealed class CronParserOptions : FreezableOptions<CronParserOptions>
{
    private int _maxLength = 256;
    private int _maxListItems = 60;

    /// <summary>The frozen defaults.</summary>
    public static CronParserOptions Default { get; } = new CronParserOptions().Freeze();

    /// <summary>The longest expression read, in characters. Default 256: every minute listed one by one is 170.</summary>
    public int MaxLength
    {
        get => _maxLength;
        set => SetAtLeast(ref _maxLength, value, 1);
    }

    /// <summary>The most comma-separated items in one field. Default 60, one per minute of an hour.</summary>
    public int MaxListItems
    {
        get => _maxListItems;
        set => SetAtLeast(ref _maxListItems, value, 1);
    }
}
