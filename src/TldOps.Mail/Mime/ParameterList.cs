using System.Collections;

namespace TldOps.Mail.Mime;

/// <summary>The parameters of a Content-Type or Content-Disposition field, in order. Immutable.</summary>
public sealed class ParameterList : IReadOnlyList<MimeParameter>
{
    private readonly List<MimeParameter> _parameters;

    /// <summary>Creates a list.</summary>
    /// <param name="parameters">The parameters, in order.</param>
    public ParameterList(IEnumerable<MimeParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
    }

    /// <summary>An empty list.</summary>
    public static ParameterList Empty { get; } = new([]);

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>The parameter at a position.</summary>
    /// <param name="index">The position.</param>
    public MimeParameter this[int index] => _parameters[index];

    /// <summary>The value of the first parameter with this name, or null.</summary>
    /// <param name="name">The parameter name (case-insensitive).</param>
    public string? this[string name] => Find(name)?.Value;

    /// <summary>The first parameter with this name, or null.</summary>
    /// <param name="name">The parameter name (case-insensitive).</param>
    /// <returns>The parameter or null.</returns>
    public MimeParameter? Find(string name) =>
        _parameters.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A copy with a parameter set (replacing one with the same name in place, else appended).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new list.</returns>
    public ParameterList With(string name, string value)
    {
        var copy = new List<MimeParameter>(_parameters);
        var index = copy.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            copy[index] = new MimeParameter(copy[index].Name, value);
        }
        else
        {
            copy.Add(new MimeParameter(name, value));
        }

        return new ParameterList(copy);
    }

    /// <summary>A copy without parameters of this name.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The new list.</returns>
    public ParameterList Without(string name) =>
        new(_parameters.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The parameters in order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<MimeParameter> GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
