using System.Text.Json;

namespace TldOps.Core.Registry.Iana;

/// <summary>The parts of an entity's jCard (RFC 7095; vCard properties per RFC 6350) that a delegation contact holds.</summary>
internal sealed record VCard(string? Name, string? Organisation, IReadOnlyList<string> Address, string? Phone, string? Fax, string? Email)
{
    public DelegationContact ToContact(ContactRole role) => new(role, Name, Organisation, Address, Phone, Fax, Email);

    /// <summary>Reads <c>vcardArray</c>: ["vcard", [[name, params, type, value…], …]]. Unknown properties are skipped.</summary>
    public static VCard Read(JsonElement entity)
    {
        string? name = null, organisation = null, phone = null, fax = null, email = null;
        IReadOnlyList<string> address = [];
        var array = RdapDelegationReader.Member(entity, "vcardArray");
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != 2 || array[0].ValueKind != JsonValueKind.String
            || array[0].GetString() != "vcard" || array[1].ValueKind != JsonValueKind.Array)
        {
            throw new RdapFormatException("$.entities[].vcardArray is not [\"vcard\", [properties]]");
        }

        foreach (var property in array[1].EnumerateArray())
        {
            if (property.ValueKind != JsonValueKind.Array || property.GetArrayLength() < 4 || property[0].ValueKind != JsonValueKind.String)
            {
                throw new RdapFormatException("$.entities[].vcardArray has a property that is not [name, parameters, type, value]");
            }

            var value = property[3];
            switch (property[0].GetString()!.ToLowerInvariant())
            {
                case "fn":
                    name ??= WhoisValues.NullIfEmpty(Flatten(value));
                    break;
                case "org":
                    organisation ??= WhoisValues.JoinLines(Components(value));
                    break;
                case "adr":
                    address = address.Count == 0 ? ReadAddress(property[1], value) : address;
                    break;
                case "tel" when Types(property[1]).Contains("fax"):
                    fax ??= Telephone(value);
                    break;
                case "tel":
                    phone ??= Telephone(value);
                    break;
                case "email":
                    email ??= WhoisValues.NullIfEmpty(Flatten(value));
                    break;
            }
        }

        return new VCard(name, organisation, address, phone, fax, email);
    }

    /// <summary>The label parameter if given (the lines as printed), else the structured value: street lines, "locality region code", country (RFC 6350 §6.3.1).</summary>
    private static List<string> ReadAddress(JsonElement parameters, JsonElement value)
    {
        if (RdapDelegationReader.Text(parameters, "label") is { } label)
        {
            return label.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        }

        var parts = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
        string Part(int index) => index < parts.Count ? string.Join(' ', Components(parts[index])) : string.Empty;
        var lines = new List<string>();
        for (var i = 0; i <= 2 && i < parts.Count; i++)
        {
            lines.AddRange(Components(parts[i]).SelectMany(c => c.Split('\n')).Select(c => c.Trim()).Where(c => c.Length > 0));
        }

        var locality = string.Join(' ', new[] { Part(3), Part(4), Part(5) }.Where(p => p.Length > 0));
        if (locality.Length > 0)
        {
            lines.Add(locality);
        }

        if (Part(6) is { Length: > 0 } country)
        {
            lines.Add(country);
        }

        return lines;
    }

    private static string? Telephone(JsonElement value)
    {
        var text = WhoisValues.NullIfEmpty(Flatten(value));
        return text is not null && text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? WhoisValues.NullIfEmpty(text[4..]) : text;
    }

    private static HashSet<string> Types(JsonElement parameters)
    {
        var type = RdapDelegationReader.Member(parameters, "type");
        return new HashSet<string>(Components(type).Select(t => t.ToLowerInvariant()), StringComparer.Ordinal);
    }

    private static List<string> Components(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Components).Where(c => c.Length > 0).ToList(),
        _ => [],
    };

    private static string Flatten(JsonElement value) => string.Join(' ', Components(value));
}
