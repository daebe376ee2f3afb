namespace TldOps.Core.Scheduling;

/// <summary>
/// Limits for reading cron expressions. <see cref="Default"/> is frozen; change a <see cref="Clone"/>.
/// </summary>
public sealed class CronParserOptions
{
    private bool _frozen;
    private int _maxLength = 256;
    private int _maxListItems = 60;

    /// <summary>The frozen defaults.</summary>
    public static CronParserOptions Default { get; } = new CronParserOptions().Freeze();

    /// <summary>The longest expression read, in characters. Default 256: every minute listed one by one is 170.</summary>
    public int MaxLength
    {
        get => _maxLength;
        set => Set(ref _maxLength, value);
    }

    /// <summary>The most comma-separated items in one field. Default 60, one per minute of an hour.</summary>
    public int MaxListItems
    {
        get => _maxListItems;
        set => Set(ref _maxListItems, value);
    }

    public bool IsFrozen => _frozen;

    public CronParserOptions Clone() => new() { _maxLength = _maxLength, _maxListItems = _maxListItems };

    public CronParserOptions Freeze()
    {
        _frozen = true;
        return this;
    }

    private void Set(ref int field, int value)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("These cron options are frozen; change a Clone() instead.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        field = value;
    }
}
