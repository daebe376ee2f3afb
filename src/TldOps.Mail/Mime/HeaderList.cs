using System.Collections;

namespace TldOps.Mail.Mime;

/// <summary>
/// The header fields of a message or entity, in order. Names are matched case-insensitively
/// (RFC 5322 §1.2.2). Unchanged fields keep their exact bytes; changes touch only the fields
/// they name. Fields created here use <see cref="FormatOptions"/> (for a parsed message, its
/// own line ending).
/// </summary>
public sealed class HeaderList : IReadOnlyList<Header>
{
    private readonly List<Header> _headers;

    /// <summary>Creates an empty list that formats new fields with <paramref name="formatOptions"/>.</summary>
    /// <param name="formatOptions">Formatting for fields added by name and value; <see cref="FormatOptions.Default"/> when null.</param>
    public HeaderList(FormatOptions? formatOptions = null)
    {
        _headers = [];
        FormatOptions = formatOptions ?? FormatOptions.Default;
    }

    internal HeaderList(List<Header> headers, FormatOptions formatOptions)
    {
        _headers = headers;
        FormatOptions = formatOptions;
    }

    /// <summary>Formatting for fields added by name and value.</summary>
    public FormatOptions FormatOptions { get; set; }

    /// <summary>The number of fields (lines kept only for the round trip included).</summary>
    public int Count => _headers.Count;

    /// <summary>Raised after any change, so that the owner can drop values it derived.</summary>
    internal event Action? Changed;

    /// <summary>The field at a position.</summary>
    /// <param name="index">The position, 0 for the topmost field.</param>
    public Header this[int index] => _headers[index];

    /// <summary>The decoded value of the first field with this name, or null.</summary>
    /// <param name="name">The field name.</param>
    public string? this[string name] => Find(name)?.Value;

    /// <summary>The first (topmost) field with this name, or null.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field or null.</returns>
    public Header? Find(string name)
    {
        foreach (var header in _headers)
        {
            if (Matches(header, name))
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>All fields with this name, top to bottom.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The fields.</returns>
    public IReadOnlyList<Header> FindAll(string name) => _headers.Where(h => Matches(h, name)).ToList();

    /// <summary>True when a field with this name exists.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>Whether it exists.</returns>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The position of the first field with this name, or -1.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The index or -1.</returns>
    public int IndexOf(string name) => _headers.FindIndex(h => Matches(h, name));

    /// <summary>Adds a field at the bottom.</summary>
    /// <param name="header">The field.</param>
    public void Add(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
        Changed?.Invoke();
    }

    /// <summary>Adds a field at the bottom, formatted with <see cref="FormatOptions"/>.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value (see <see cref="Header.Create"/>).</param>
    public void Add(string name, string value) => Add(Header.Create(name, value, FormatOptions));

    /// <summary>Inserts a field at a position (0 = top).</summary>
    /// <param name="index">The position.</param>
    /// <param name="header">The field.</param>
    public void Insert(int index, Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Insert(index, header);
        Changed?.Invoke();
    }

    /// <summary>
    /// Inserts a field at the top, where trace fields, List-* fields (RFC 2369) and
    /// DKIM-Signature go.
    /// </summary>
    /// <param name="header">The field.</param>
    public void Prepend(Header header) => Insert(0, header);

    /// <summary>Inserts a field at the top, formatted with <see cref="FormatOptions"/>.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Prepend(string name, string value) => Prepend(Header.Create(name, value, FormatOptions));

    /// <summary>
    /// Replaces the first field with this name in place and removes any others with the same
    /// name; adds the field at the bottom when there was none.
    /// </summary>
    /// <param name="header">The new field.</param>
    public void Replace(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var index = IndexOf(header.Name);
        if (index < 0)
        {
            Add(header);
            return;
        }

        _headers[index] = header;
        for (var i = _headers.Count - 1; i > index; i--)
        {
            if (Matches(_headers[i], header.Name))
            {
                _headers.RemoveAt(i);
            }
        }

        Changed?.Invoke();
    }

    /// <summary>Replaces (see <see cref="Replace(Header)"/>) with a field formatted by <see cref="FormatOptions"/>.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Replace(string name, string value) => Replace(Header.Create(name, value, FormatOptions));

    /// <summary>Removes every field with this name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>How many were removed.</returns>
    public int Remove(string name)
    {
        var removed = _headers.RemoveAll(h => Matches(h, name));
        if (removed > 0)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Removes one field.</summary>
    /// <param name="header">The field (compared by reference).</param>
    /// <returns>Whether it was there.</returns>
    public bool Remove(Header header)
    {
        var removed = _headers.Remove(header);
        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Removes the field at a position.</summary>
    /// <param name="index">The position.</param>
    public void RemoveAt(int index)
    {
        _headers.RemoveAt(index);
        Changed?.Invoke();
    }

    /// <summary>The fields in order, including lines kept only for the round trip.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The well-formed fields only (what a reader of the message sees).</summary>
    /// <returns>The fields.</returns>
    public IEnumerable<Header> Fields() => _headers.Where(h => !h.IsMalformed);

    private static bool Matches(Header header, string name) =>
        !header.IsMalformed && string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase);
}
