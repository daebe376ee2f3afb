using System.Globalization;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A delegation as an ordered list of named text fields, the unit in which imports record what
/// changed: "manager.organisation", "admin.email", "tech.phone" (a second technical contact is
/// "tech-2.…"), one "name-server:HOST" field per name server holding its addresses, "ds-records"
/// holding every DS record, "whois-server", "status", "remarks", "registration-url", "created",
/// "changed", "source". Absent values are left out; multi-line values are joined by newlines.
/// </summary>
public static class DelegationFields
{
    /// <summary>The field that records a TLD leaving (or coming back to) the root zone: "yes" or "no".</summary>
    public const string Delegated = "delegated";

    /// <summary>The fields of <paramref name="delegation"/> in a stable order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(Delegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        var fields = new List<KeyValuePair<string, string>>(48);
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                fields.Add(new(key, value));
            }
        }

        Add("u-label", delegation.ULabel);
        Add("manager.organisation", delegation.ManagerOrganisation);
        Add("manager.address", Lines(delegation.ManagerAddress));
        var technical = 0;
        foreach (var contact in delegation.Contacts.OrderBy(c => c.Role))
        {
            var prefix = contact.Role == ContactRole.Administrative
                ? "admin"
                : ++technical == 1 ? "tech" : string.Create(CultureInfo.InvariantCulture, $"tech-{technical}");
            Add(prefix + ".name", contact.Name);
            Add(prefix + ".organisation", contact.Organisation);
            Add(prefix + ".address", Lines(contact.Address));
            Add(prefix + ".phone", contact.Phone);
            Add(prefix + ".fax", contact.Fax);
            Add(prefix + ".email", contact.Email);
        }

        foreach (var server in delegation.NameServers.OrderBy(s => s.HostName, StringComparer.Ordinal))
        {
            Add("name-server:" + server.HostName, server.AddressText);
        }

        Add("ds-records", Lines(delegation.DsRecords.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList()));
        Add("whois-server", delegation.WhoisServer);
        Add("status", delegation.Status);
        Add("remarks", delegation.Remarks);
        Add("registration-url", delegation.RegistrationUrl);
        Add("created", delegation.Created?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("changed", delegation.Changed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("source", delegation.Source);
        return fields;
    }

    /// <summary>
    /// The fields whose value differs between <paramref name="before"/> (null: nothing stored yet,
    /// so every field is new) and <paramref name="after"/>, in the order of
    /// <paramref name="after"/>'s fields followed by the fields that disappeared.
    /// </summary>
    public static IReadOnlyList<FieldChange> Compare(Delegation? before, Delegation after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = before is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : Flatten(before).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var (key, value) in Flatten(after))
        {
            if (old.Remove(key, out var previous) && string.Equals(previous, value, StringComparison.Ordinal))
            {
                continue;
            }

            changes.Add(new FieldChange(key, previous, value));
        }

        var flattenedBefore = before is null ? [] : Flatten(before);
        foreach (var (key, value) in flattenedBefore)
        {
            if (old.ContainsKey(key))
            {
                changes.Add(new FieldChange(key, value, null));
            }
        }

        return changes;
    }

    private static string? Lines(IReadOnlyList<string> lines) => lines.Count == 0 ? null : string.Join('\n', lines);
}
