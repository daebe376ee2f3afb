using TldOps.Mail;

namespace TldOps.Core.Membership;

/// <summary>
/// Limits applied while reading a phone number typed by a person. <see cref="Default"/> is
/// frozen; call <see cref="FreezableOptions{TSelf}.Clone"/> to change a copy. The digit counts are not options: ITU-T
/// E.164 §6 fixes the maximum at 15 digits, country code included.
/// </summary>
public sealed class PhoneNumberOptions : FreezableOptions<PhoneNumberOptions>
{
    private int _maxInputLength = 64;

    /// <summary>The frozen default limits.</summary>
    public static PhoneNumberOptions Default { get; } = new PhoneNumberOptions().Freeze();

    /// <summary>
    /// The longest text accepted, in characters, separators included. Default 64: 15 digits
    /// with a separator between each pair, a "00" prefix and a "(0)" still fit with room to spare.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 8 (a "+" and the shortest number).</exception>
    /// <exception cref="InvalidOperationException">The options are frozen.</exception>
    public int MaxInputLength
    {
        get => _maxInputLength;
        set => SetAtLeast(ref _maxInputLength, value, PhoneNumber.MinDigits + 1);
    }
}
