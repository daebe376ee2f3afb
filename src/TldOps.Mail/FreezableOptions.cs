namespace TldOps.Mail;

/// <summary>
/// The base of options objects that become read-only once in use: a shared <c>Default</c> is
/// frozen, and so is the copy a parser or client keeps; callers change a <see cref="Clone"/>.
/// Setters go through <see cref="Set{T}"/>, <see cref="SetAtLeast{T}"/> or
/// <see cref="SetInRange{T}"/>, which throw <see cref="InvalidOperationException"/> once frozen.
/// </summary>
/// <typeparam name="TSelf">The options class itself, which <see cref="Freeze"/> and <see cref="Clone"/> return.</typeparam>
public abstract class FreezableOptions<TSelf>
    where TSelf : FreezableOptions<TSelf>
{
    /// <summary>True when the options can no longer change; their setters then throw <see cref="InvalidOperationException"/>.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Makes these options read-only. Freezing cannot be undone; <see cref="Clone"/> gives a changeable copy.</summary>
    /// <returns>This instance.</returns>
    public TSelf Freeze()
    {
        IsFrozen = true;
        return (TSelf)this;
    }

    /// <summary>A changeable copy of these options, frozen or not.</summary>
    /// <returns>The copy, not frozen, with every value of this instance.</returns>
    public TSelf Clone()
    {
        var copy = (TSelf)MemberwiseClone();
        copy.IsFrozen = false;
        copy.CopyMutableState();
        return copy;
    }

    /// <summary>
    /// Called on a new <see cref="Clone"/> after its fields were copied one by one, so that a class
    /// whose fields refer to something it changes in place (a list it adds to, say) gives the copy
    /// its own; values that are only ever replaced may stay shared. Does nothing by default.
    /// </summary>
    protected virtual void CopyMutableState()
    {
    }

    /// <summary>Throws if the options are frozen; every setter calls it before changing anything.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    protected void ThrowIfFrozen()
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException($"These {typeof(TSelf).Name} are frozen (a Default instance, or in use); change a Clone() instead.");
        }
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="field"/> unless the options are frozen.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    protected void Set<T>(ref T field, T value)
    {
        ThrowIfFrozen();
        field = value;
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="field"/> unless the options are frozen or it is below <paramref name="min"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than <paramref name="min"/> (parameter "value").</exception>
    protected void SetAtLeast<T>(ref T field, T value, T min)
        where T : IComparable<T>
    {
        ThrowIfFrozen();
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        field = value;
    }

    /// <summary>Stores <paramref name="value"/> in <paramref name="field"/> unless the options are frozen or it is outside <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range, both ends allowed (parameter "value").</exception>
    protected void SetInRange<T>(ref T field, T value, T min, T max)
        where T : IComparable<T>
    {
        ThrowIfFrozen();
        ThrowIfOutOfRange(value, min, max);
        field = value;
    }

    /// <summary>Checks a value against a range, both ends allowed, for setters that store something else (a nullable, a normalized value).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range (parameter "value").</exception>
    protected static void ThrowIfOutOfRange<T>(T value, T min, T max)
        where T : IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max);
    }
}
