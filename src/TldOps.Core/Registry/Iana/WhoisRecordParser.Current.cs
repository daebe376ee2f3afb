namespace TldOps.Core.Registry.Iana;

public sealed partial class WhoisRecordParser
{
    private static readonly HashSet<string> ContactKeys = new(StringComparer.Ordinal) { "name", "organisation", "address", "phone", "fax-no", "e-mail" };

    /// <summary>
    /// The current layout: "key: value" lines; blank lines separate blocks; a block opened by
    /// <c>contact: administrative|technical</c> holds that contact's fields. Unknown keys are
    /// skipped (IANA may add fields); known singular keys may not repeat. <c>source:</c> is always
    /// the last field IANA prints, so an answer without it was cut short.
    /// </summary>
    private static Delegation ParseCurrent(List<WhoisLine> lines)
    {
        var fields = new CurrentFields();
        ContactBlock? block = null;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                block = fields.Close(block);
                continue;
            }

            if (line.IsComment)
            {
                continue;
            }

            if (!line.TrySplit(out var key, out var value) || !IsKey(key))
            {
                throw line.Error("expected 'key: value'");
            }

            if (key == "contact")
            {
                fields.Close(block);
                block = new ContactBlock(line, value);
                continue;
            }

            if (block is not null && ContactKeys.Contains(key))
            {
                block.Add(line, key, value);
                continue;
            }

            block = fields.Close(block);
            fields.Add(line, key, value);
        }

        fields.Close(block);
        return fields.Build(lines[^1]);
    }

    private static bool IsKey(string key)
    {
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private sealed class ContactBlock(WhoisLine start, string role)
    {
        private readonly Dictionary<string, WhoisLine> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _address = [];
        private readonly List<string> _organisation = [];
        private string? _name;
        private string? _phone;
        private string? _fax;
        private string? _email;

        public void Add(WhoisLine line, string key, string value)
        {
            // Long organisation names and addresses continue on a repeated line.
            if (key is "address" or "organisation")
            {
                if (value.Length > 0)
                {
                    (key == "address" ? _address : _organisation).Add(value);
                }

                return;
            }

            if (!_seen.TryAdd(key, line))
            {
                throw line.Error($"a second '{key}:' in the contact block (the first is on line {_seen[key].Number})");
            }

            var text = WhoisValues.NullIfEmpty(value);
            switch (key)
            {
                case "name": _name = text; break;
                case "phone": _phone = text; break;
                case "fax-no": _fax = text; break;
                default: _email = text; break;
            }
        }

        /// <summary>The contact, or null for a role this parser does not know (skipped, like unknown keys).</summary>
        public DelegationContact? Build()
        {
            ContactRole parsed;
            switch (role)
            {
                case "administrative": parsed = ContactRole.Administrative; break;
                case "technical": parsed = ContactRole.Technical; break;
                default: return null;
            }

            if (!_seen.ContainsKey("name"))
            {
                throw start.Error($"the {role} contact block has no 'name:' line");
            }

            return new DelegationContact(parsed, _name, WhoisValues.JoinLines(_organisation), _address, _phone, _fax, _email);
        }

        public WhoisLine Start => start;
    }

    private sealed class CurrentFields
    {
        private readonly Dictionary<string, WhoisLine> _seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _single = new(StringComparer.Ordinal);
        private readonly List<string> _address = [];
        private readonly List<string> _organisation = [];
        private readonly List<DelegationContact> _contacts = [];
        private readonly List<DelegationNameServer> _nameServers = [];
        private readonly List<DsRecord> _ds = [];
        private readonly List<string> _remarks = [];

        public ContactBlock? Close(ContactBlock? block)
        {
            var contact = block?.Build();
            if (contact is null)
            {
                return null;
            }

            if (contact.Role == ContactRole.Administrative && _contacts.Any(c => c.Role == ContactRole.Administrative))
            {
                // One administrative contact per TLD: it is the authority TLD-OPS relies on, so
                // two would be ambiguous, not a detail to pick from.
                throw block!.Start.Error("a second administrative contact");
            }

            _contacts.Add(contact);
            return null;
        }

        public void Add(WhoisLine line, string key, string value)
        {
            switch (key)
            {
                case "address" or "organisation":
                    if (value.Length > 0)
                    {
                        (key == "address" ? _address : _organisation).Add(value);
                    }

                    break;
                case "nserver":
                    _nameServers.Add(ParseNameServer(line, value));
                    break;
                case "ds-rdata":
                    _ds.Add(WhoisValues.TryParseDs(value, out var ds, out var problem) ? ds : throw line.Error(problem));
                    break;
                case "remarks":
                    if (value.Length > 0)
                    {
                        _remarks.Add(value);
                    }

                    break;
                case "domain" or "domain-ace" or "whois" or "status" or "created" or "changed" or "source":
                    if (!_seen.TryAdd(key, line))
                    {
                        throw line.Error($"a second '{key}:' line (the first is on line {_seen[key].Number})");
                    }

                    _single[key] = value;
                    break;
                default:
                    // A key IANA may add later: not ours to reject.
                    break;
            }
        }

        public Delegation Build(WhoisLine last)
        {
            if (!_seen.TryGetValue("source", out _))
            {
                throw last.Error("the answer ends before its closing 'source:' line: it was cut short");
            }

            if (!_seen.TryGetValue("domain", out var domainLine))
            {
                throw last.Error("the record has no 'domain:' line");
            }

            if (!WhoisValues.TryNormaliseTld(_single["domain"], _single.GetValueOrDefault("domain-ace"), out var tld, out var uLabel, out var problem))
            {
                throw (_seen.TryGetValue("domain-ace", out var ace) ? ace : domainLine).Error(problem);
            }

            var remarks = _remarks.Count == 0 ? null : string.Join(' ', _remarks);
            return new Delegation(
                tld,
                uLabel,
                WhoisValues.JoinLines(_organisation),
                _address,
                _contacts,
                _nameServers,
                _ds,
                WhoisValues.NullIfEmpty(_single.GetValueOrDefault("whois")),
                WhoisValues.NullIfEmpty(_single.GetValueOrDefault("status")),
                remarks,
                WhoisValues.FindRegistrationUrl(remarks),
                Date("created"),
                Date("changed"),
                WhoisValues.NullIfEmpty(_single.GetValueOrDefault("source")),
                DelegationFormat.Whois);
        }

        private DateOnly? Date(string key)
        {
            var text = WhoisValues.NullIfEmpty(_single.GetValueOrDefault(key));
            if (text is null)
            {
                return null;
            }

            return WhoisValues.TryParseIsoDate(text, out var date)
                ? date
                : throw _seen[key].Error($"'{key}:' is not a date in the form YYYY-MM-DD");
        }
    }

    /// <summary>"A.NIC.DE 194.0.0.53 2001:678:2:0:0:0:0:53": the host, then its addresses in any order.</summary>
    private static DelegationNameServer ParseNameServer(WhoisLine line, string value)
    {
        var parts = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !WhoisValues.TryParseHostName(parts[0], out var host))
        {
            throw line.Error("'nserver:' does not start with a host name");
        }

        return new DelegationNameServer(host, ParseAddresses(line, parts.AsSpan(1)));
    }

    private static List<System.Net.IPAddress> ParseAddresses(WhoisLine line, ReadOnlySpan<string> words)
    {
        var addresses = new List<System.Net.IPAddress>(words.Length);
        foreach (var word in words)
        {
            addresses.Add(WhoisValues.TryParseAddress(word, out var address)
                ? address
                : throw line.Error($"'{word}' is not an IPv4 or IPv6 address"));
        }

        return addresses;
    }
}
