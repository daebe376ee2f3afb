using System.Globalization;

namespace TldOps.Core.Scheduling;

public sealed partial class CronExpression
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly FieldSpec[] Fields =
    [
        new("minute", 0, 59, null, 0),
        new("hour", 0, 23, null, 0),
        new("day of month", 1, 31, null, 1),
        new("month", 1, 12, MonthNames, 1),
        // 7 is Sunday too (crontab(5)); it is folded onto 0 after reading.
        new("day of week", 0, 7, DayNames, 0),
    ];

    private static bool TryParseCore(string text, CronParserOptions options, out CronExpression expression, out CronFormatException error)
    {
        expression = null!;
        error = null!;
        if (text.Length > options.MaxLength)
        {
            error = new CronFormatException(string.Create(CultureInfo.InvariantCulture, $"longer than {options.MaxLength} characters"), options.MaxLength);
            return false;
        }

        var values = new ulong[Fields.Length];
        var restricted = new bool[Fields.Length];
        var position = 0;
        for (var field = 0; field < Fields.Length; field++)
        {
            while (position < text.Length && IsBlank(text[position]))
            {
                position++;
            }

            if (position == text.Length)
            {
                error = new CronFormatException($"the {Fields[field].Name} field is missing (five fields: minute hour day-of-month month day-of-week)", position);
                return false;
            }

            var start = position;
            while (position < text.Length && !IsBlank(text[position]))
            {
                position++;
            }

            if (!TryParseField(text, start, position, Fields[field], options, out values[field], out error))
            {
                return false;
            }

            restricted[field] = text.AsSpan(start, position - start) is not "*";
        }

        while (position < text.Length && IsBlank(text[position]))
        {
            position++;
        }

        if (position != text.Length)
        {
            error = new CronFormatException("more than five fields", position);
            return false;
        }

        var dow = values[4];
        if ((dow & (1ul << 7)) != 0)
        {
            dow = (dow | 1ul) & ~(1ul << 7);
        }

        expression = new CronExpression(text.Trim(), values[0], (uint)values[1], (uint)values[2], (ushort)values[3], (byte)dow, restricted[2], restricted[4]);
        return true;
    }

    private static bool TryParseField(string text, int start, int end, FieldSpec spec, CronParserOptions options, out ulong bits, out CronFormatException error)
    {
        bits = 0;
        error = null!;
        var itemStart = start;
        var items = 0;
        while (itemStart <= end)
        {
            var comma = text.IndexOf(',', itemStart, end - itemStart);
            var itemEnd = comma < 0 ? end : comma;
            if (++items > options.MaxListItems)
            {
                error = new CronFormatException(string.Create(CultureInfo.InvariantCulture, $"the {spec.Name} field lists more than {options.MaxListItems} items"), itemStart);
                return false;
            }

            if (!TryParseItem(text, itemStart, itemEnd, spec, ref bits, out error))
            {
                return false;
            }

            itemStart = itemEnd + 1;
        }

        return true;
    }

    // item := ('*' | value | value '-' value) ['/' step]
    private static bool TryParseItem(string text, int start, int end, FieldSpec spec, ref ulong bits, out CronFormatException error)
    {
        error = null!;
        if (start == end)
        {
            error = new CronFormatException($"an empty item in the {spec.Name} field", start);
            return false;
        }

        var slash = text.IndexOf('/', start, end - start);
        var rangeEnd = slash < 0 ? end : slash;
        int low, high;
        if (text.AsSpan(start, rangeEnd - start) is "*")
        {
            (low, high) = (spec.Min, spec.Max);
        }
        else
        {
            var dash = text.IndexOf('-', start, rangeEnd - start);
            if (!TryParseValue(text, start, dash < 0 ? rangeEnd : dash, spec, out low, out error))
            {
                return false;
            }

            high = low;
            if (dash >= 0 && !TryParseValue(text, dash + 1, rangeEnd, spec, out high, out error))
            {
                return false;
            }

            if (high < low)
            {
                error = new CronFormatException($"the range in the {spec.Name} field runs backwards", start);
                return false;
            }
        }

        var step = 1;
        if (slash >= 0)
        {
            if (!int.TryParse(text.AsSpan(slash + 1, end - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > spec.Max + 1)
            {
                error = new CronFormatException($"the step in the {spec.Name} field must be a number from 1 to {spec.Max + 1}", slash + 1);
                return false;
            }

            if (slash > start && text.IndexOf('-', start, slash - start) < 0 && text.AsSpan(start, slash - start) is not "*")
            {
                // "5/15" means "5-max/15" in Vixie cron.
                high = spec.Max;
            }
        }

        for (var value = low; value <= high; value += step)
        {
            bits |= 1ul << value;
        }

        return true;
    }

    private static bool TryParseValue(string text, int start, int end, FieldSpec spec, out int value, out CronFormatException error)
    {
        error = null!;
        var token = text.AsSpan(start, end - start);
        if (spec.Names is not null && token.Length == 3 && char.IsAsciiLetter(token[0]))
        {
            for (var i = 0; i < spec.Names.Length; i++)
            {
                if (token.Equals(spec.Names[i], StringComparison.OrdinalIgnoreCase))
                {
                    value = i + spec.NameBase;
                    return true;
                }
            }
        }

        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= spec.Min && value <= spec.Max)
        {
            return true;
        }

        error = new CronFormatException($"'{token}' is not a {spec.Name} ({spec.Min}-{spec.Max}{(spec.Names is null ? string.Empty : " or a name")})", start);
        return false;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private sealed record FieldSpec(string Name, int Min, int Max, string[]? Names, int NameBase);
}
