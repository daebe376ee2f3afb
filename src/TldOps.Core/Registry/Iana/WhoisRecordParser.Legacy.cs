namespace TldOps.Core.Registry.Iana;

public sealed partial class WhoisRecordParser
{
    private const string SponsoringSection = "Sponsoring Organization";
    private const string AdministrativeSection = "Administrative Contact";
    private const string TechnicalSection = "Technical Contact";
    private const string NameServerSection = "Nameserver Information";

    /// <summary>
    /// The pre-2010 layout: after the "IANA Whois Service" banner, top-level "Label: value" lines
    /// (Domain, ID, URL for registration services, Whois Server (port 43), and the domain's
    /// Registration and Last Updated dates, which always come last) and sections opened by a
    /// "Sponsoring Organization:", "Administrative Contact:", "Technical Contact:" or
    /// "Nameserver Information:" line whose fields are indented four spaces. A line indented deeper
    /// continues the field above it (multi-line organisation names).
    /// </summary>
    private static Delegation ParseLegacy(List<WhoisLine> lines, int startIndex)
    {
        var record = new LegacyRecord();
        LegacySection? section = null;
        for (var i = startIndex; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                section = record.Close(section);
                continue;
            }

            var indent = line.Indent;
            if (indent == 0)
            {
                section = record.Close(section);
                if (!line.TrySplit(out var label, out var value))
                {
                    throw line.Error("expected 'Label: value' or a section heading");
                }

                section = label is SponsoringSection or AdministrativeSection or TechnicalSection or NameServerSection && value.Length == 0
                    ? new LegacySection(line, label)
                    : record.AddTopLevel(line, label, value);
                continue;
            }

            if (section is null)
            {
                throw line.Error("an indented line outside a section");
            }

            section.Add(line, indent);
        }

        record.Close(section);
        return record.Build(lines[^1]);
    }

    private sealed class LegacySection(WhoisLine heading, string name)
    {
        private readonly List<(WhoisLine Line, string Label, string Value)> _fields = [];
        private int _fieldIndent;

        public WhoisLine Heading => heading;

        public string Name => name;

        public IReadOnlyList<(WhoisLine Line, string Label, string Value)> Fields => _fields;

        public void Add(WhoisLine line, int indent)
        {
            if (_fields.Count > 0 && indent > _fieldIndent)
            {
                var (first, label, value) = _fields[^1];
                _fields[^1] = (first, label, WhoisValues.JoinLines([value, line.Text]) ?? string.Empty);
                return;
            }

            if (!line.TrySplit(out var key, out var text))
            {
                throw line.Error($"expected 'Label: value' in the {name} section");
            }

            _fieldIndent = indent;
            _fields.Add((line, key, text));
        }

        public string? Single(string label)
        {
            string? found = null;
            WhoisLine first = default;
            foreach (var (line, key, value) in _fields)
            {
                if (key != label)
                {
                    continue;
                }

                if (found is not null)
                {
                    throw line.Error($"a second '{label}:' in the {name} section (the first is on line {first.Number})");
                }

                found = value;
                first = line;
            }

            return found;
        }

        /// <summary>Address1–3, then "City State Postal Code", then Country: the order the current layout prints.</summary>
        public List<string> Address()
        {
            var lines = new List<string>();
            foreach (var label in (string[])["Address1", "Address2", "Address3"])
            {
                if (WhoisValues.NullIfEmpty(Single(label)) is { } text)
                {
                    lines.Add(text);
                }
            }

            var locality = string.Join(' ', new[] { Single("City"), Single("State/Province"), Single("Postal Code") }
                .Select(WhoisValues.NullIfEmpty).OfType<string>());
            if (locality.Length > 0)
            {
                lines.Add(locality);
            }

            if (WhoisValues.NullIfEmpty(Single("Country")) is { } country)
            {
                lines.Add(country);
            }

            return lines;
        }

        public DelegationContact Contact(ContactRole role)
        {
            if (Single("Name") is not { } name)
            {
                throw heading.Error($"the {Name} section has no 'Name:' line");
            }

            return new DelegationContact(role, WhoisValues.NullIfEmpty(name), WhoisValues.NullIfEmpty(Single("Organization")),
                Address(), WhoisValues.NullIfEmpty(Single("Phone")), WhoisValues.NullIfEmpty(Single("Fax")), WhoisValues.NullIfEmpty(Single("Email")));
        }
    }

    private sealed class LegacyRecord
    {
        private readonly Dictionary<string, (WhoisLine Line, string Value)> _top = new(StringComparer.Ordinal);
        private readonly List<DelegationContact> _contacts = [];
        private readonly List<DelegationNameServer> _nameServers = [];
        private LegacySection? _sponsor;

        public LegacySection? AddTopLevel(WhoisLine line, string label, string value)
        {
            if (label is "Domain" or "ID" or "URL for registration services" or "Whois Server (port 43)" or "Registration Date" or "Last Updated Date"
                && !_top.TryAdd(label, (line, value)))
            {
                throw line.Error($"a second '{label}:' line (the first is on line {_top[label].Line.Number})");
            }

            return null;
        }

        public LegacySection? Close(LegacySection? section)
        {
            switch (section?.Name)
            {
                case null:
                    return null;
                case SponsoringSection:
                    if (_sponsor is not null)
                    {
                        throw section.Heading.Error("a second Sponsoring Organization section");
                    }

                    _sponsor = section;
                    break;
                case AdministrativeSection:
                    if (_contacts.Any(c => c.Role == ContactRole.Administrative))
                    {
                        throw section.Heading.Error("a second administrative contact");
                    }

                    _contacts.Add(section.Contact(ContactRole.Administrative));
                    break;
                case TechnicalSection:
                    _contacts.Add(section.Contact(ContactRole.Technical));
                    break;
                default:
                    AddNameServers(section);
                    break;
            }

            return null;
        }

        public Delegation Build(WhoisLine last)
        {
            // The domain's own "Last Updated Date" is the layout's last line.
            if (!_top.TryGetValue("Last Updated Date", out var changed))
            {
                throw last.Error("the answer ends before the domain's 'Last Updated Date:': it was cut short");
            }

            if (!_top.TryGetValue("Domain", out var domain))
            {
                throw last.Error("the answer has no 'Domain:' line");
            }

            if (!WhoisValues.TryNormaliseTld(domain.Value, null, out var tld, out var uLabel, out var problem))
            {
                throw domain.Line.Error(problem);
            }

            var url = WhoisValues.NullIfEmpty(_top.GetValueOrDefault("URL for registration services").Value);
            return new Delegation(
                tld,
                uLabel,
                WhoisValues.NullIfEmpty(_sponsor?.Single("Organization")),
                _sponsor?.Address() ?? [],
                _contacts,
                _nameServers,
                [],
                WhoisValues.NullIfEmpty(_top.GetValueOrDefault("Whois Server (port 43)").Value),
                Status: null,
                Remarks: null,
                WhoisValues.FindRegistrationUrl(url),
                Date("Registration Date"),
                Date(changed),
                Source: null,
                DelegationFormat.WhoisLegacy);
        }

        private DateOnly? Date(string label) => _top.TryGetValue(label, out var entry) ? Date(entry) : null;

        private static DateOnly? Date((WhoisLine Line, string Value) entry)
        {
            // The legacy AX and TL records print "Registration Date: None" (no date known).
            if (entry.Value.Length == 0 || entry.Value == "None")
            {
                return null;
            }

            return WhoisValues.TryParseLegacyDate(entry.Value, out var date)
                ? date
                : throw entry.Line.Error("expected a date such as 05-November-1986");
        }

        private void AddNameServers(LegacySection section)
        {
            string? host = null;
            var addresses = new List<System.Net.IPAddress>();
            foreach (var (line, label, value) in section.Fields)
            {
                if (label == "Nameserver")
                {
                    Flush();
                    host = WhoisValues.TryParseHostName(value, out var name) ? name : throw line.Error("'Nameserver:' is not a host name");
                }
                else if (label == "IP Address")
                {
                    if (host is null)
                    {
                        throw line.Error("'IP Address:' before any 'Nameserver:'");
                    }

                    addresses.AddRange(ParseAddresses(line, value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
                }
            }

            Flush();

            void Flush()
            {
                if (host is not null)
                {
                    _nameServers.Add(new DelegationNameServer(host, [.. addresses]));
                    addresses.Clear();
                }
            }
        }
    }
}
