using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// Maps an RDAP domain object (RFC 9083) for a TLD onto the same <see cref="Delegation"/> the whois
/// parser produces: the "registrant" entity is the manager, "administrative" and "technical"
/// entities are the contacts (jCard, RFC 7095), nameservers with their ipAddresses, secureDNS
/// dsData, events "registration" and "last changed", port43, status and remarks.
/// </summary>
internal static class RdapDelegationReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static Delegation Read(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new RdapFormatException("invalid JSON: " + error.Message.Split(" Path:", 2)[0], OffsetOf(json, error), error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "objectClassName") != "domain")
            {
                throw new RdapFormatException("the answer is not an RDAP domain object ($.objectClassName is not \"domain\")");
            }

            var ldh = Text(root, "ldhName") ?? throw new RdapFormatException("$.ldhName is missing");
            var unicode = Text(root, "unicodeName");
            if (!WhoisValues.TryNormaliseTld(unicode ?? ldh, ldh, out var tld, out var uLabel, out var problem))
            {
                throw new RdapFormatException("$.ldhName: " + problem);
            }

            var (manager, managerAddress, contacts) = ReadEntities(root);
            var remarkLines = Array(root, "remarks").SelectMany(r => Array(r, "description"))
                .Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!.Trim()).Where(l => l.Length > 0).ToList();
            var remarks = remarkLines.Count == 0 ? null : string.Join(' ', remarkLines);
            var statuses = Array(root, "status").Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!.ToUpperInvariant()).ToList();
            return new Delegation(
                tld,
                uLabel,
                manager,
                managerAddress,
                contacts,
                Array(root, "nameservers").Select(NameServer).ToList(),
                Array(Member(root, "secureDNS"), "dsData").Select(Ds).ToList(),
                WhoisValues.NullIfEmpty(Text(root, "port43")),
                statuses.Count == 0 ? null : string.Join(", ", statuses),
                remarks,
                WhoisValues.FindRegistrationUrl(remarks),
                EventDate(root, "registration"),
                EventDate(root, "last changed"),
                Source: null,
                DelegationFormat.Rdap);
        }
    }

    /// <summary>The manager (the "registrant" entity) and the contacts, administrative first; an entity may hold several roles.</summary>
    private static (string? Manager, IReadOnlyList<string> ManagerAddress, List<DelegationContact> Contacts) ReadEntities(JsonElement root)
    {
        var contacts = new List<DelegationContact>();
        string? manager = null;
        IReadOnlyList<string> managerAddress = [];
        foreach (var entity in Array(root, "entities"))
        {
            var card = VCard.Read(entity);
            foreach (var role in Array(entity, "roles").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null))
            {
                switch (role)
                {
                    case "registrant":
                        manager ??= card.Organisation ?? card.Name;
                        managerAddress = managerAddress.Count == 0 ? card.Address : managerAddress;
                        break;
                    case "administrative":
                        contacts.Add(card.ToContact(ContactRole.Administrative));
                        break;
                    case "technical":
                        contacts.Add(card.ToContact(ContactRole.Technical));
                        break;
                }
            }
        }

        if (contacts.Count(c => c.Role == ContactRole.Administrative) > 1)
        {
            throw new RdapFormatException("$.entities has more than one administrative contact");
        }

        return (manager, managerAddress, contacts.OrderBy(c => c.Role).ToList());
    }

    private static DelegationNameServer NameServer(JsonElement server)
    {
        var name = Text(server, "ldhName");
        if (name is null || !WhoisValues.TryParseHostName(name, out var host))
        {
            throw new RdapFormatException("$.nameservers[].ldhName is missing or not a host name");
        }

        var addresses = new List<IPAddress>();
        var ip = Member(server, "ipAddresses");
        foreach (var value in Array(ip, "v4").Concat(Array(ip, "v6")))
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            addresses.Add(WhoisValues.TryParseAddress(text, out var address)
                ? address
                : throw new RdapFormatException($"$.nameservers[{host}].ipAddresses: '{text}' is not an IP address"));
        }

        return new DelegationNameServer(host, addresses);
    }

    private static DsRecord Ds(JsonElement ds)
    {
        if (Number(ds, "keyTag") is not { } keyTag || keyTag > ushort.MaxValue
            || Number(ds, "algorithm") is not { } algorithm || algorithm > byte.MaxValue
            || Number(ds, "digestType") is not { } digestType || digestType > byte.MaxValue
            || Text(ds, "digest") is not { } digest || !WhoisValues.TryNormaliseDigest(digest, out var normalised))
        {
            throw new RdapFormatException("$.secureDNS.dsData[] needs keyTag, algorithm, digestType (in range) and a hexadecimal digest");
        }

        return new DsRecord((ushort)keyTag, (byte)algorithm, (byte)digestType, normalised);
    }

    private static DateOnly? EventDate(JsonElement root, string action)
    {
        foreach (var item in Array(root, "events"))
        {
            if (Text(item, "eventAction") == action)
            {
                var text = Text(item, "eventDate");
                return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                    ? DateOnly.FromDateTime(when.UtcDateTime)
                    : throw new RdapFormatException($"$.events[{action}].eventDate is not an RFC 3339 date");
            }
        }

        return null;
    }

    internal static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    internal static string? Text(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    internal static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    private static long? Number(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) && number >= 0 ? number : null;

    private static long? OffsetOf(ReadOnlySpan<byte> json, JsonException error)
    {
        if (error.LineNumber is not { } line || error.BytePositionInLine is not { } column)
        {
            return null;
        }

        long offset = 0;
        for (var i = 0L; i < line; i++)
        {
            var next = json[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return null;
            }

            offset += next + 1;
        }

        return offset + column;
    }
}
