using System.Net;
using TldOps.Core.Registry.Iana;

namespace TldOps.Core.Tests.Registry.Iana;

public sealed class WhoisRecordParserCorpusTests
{
    private readonly WhoisRecordParser _parser = new();

    [Fact]
    public void Every_corpus_file_parses_and_names_the_tld_of_its_file_name()
    {
        var files = IanaCorpus.AllAnswerFiles();
        // 335 current, 284 legacy, the IPv6-banner variant, 4 retired.
        Assert.Equal(624, files.Count);
        var failures = new List<string>();
        foreach (var file in files)
        {
            if (!_parser.TryParse(File.ReadAllBytes(file), out var answer, out var error))
            {
                failures.Add($"{IanaCorpus.Relative(file)}: {error.Message}");
                continue;
            }

            if (answer.Tld != Path.GetFileName(file).ToLowerInvariant())
            {
                failures.Add($"{IanaCorpus.Relative(file)}: parsed as {answer.Tld}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_record_has_an_administrative_contact_with_an_email_and_at_least_one_name_server()
    {
        var problems = new List<string>();
        var undated = new List<string>();
        foreach (var file in IanaCorpus.AllAnswerFiles())
        {
            var answer = _parser.Parse(File.ReadAllBytes(file));
            if (answer.Delegation is not { } d)
            {
                continue;
            }

            if (d.AdministrativeContact?.Email is null || d.NameServers.Count == 0 || d.Changed is null)
            {
                problems.Add(IanaCorpus.Relative(file));
            }

            if (d.Created is null)
            {
                undated.Add(IanaCorpus.Relative(file));
            }
        }

        Assert.Empty(problems);
        // The two legacy records that print "Registration Date: None".
        Assert.Equal(["old-format/AX", "old-format/TL"], undated);
    }

    [Fact]
    public void De_current_layout_reads_every_field()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("DE")), "de").Delegation!;

        Assert.Equal("de", d.Tld);
        Assert.Equal("de", d.ULabel);
        Assert.Equal(DelegationFormat.Whois, d.Format);
        Assert.Equal("DENIC eG", d.ManagerOrganisation);
        Assert.Equal(["Theodor-Stern-Kai 1", "Frankfurt am Main 60596", "Germany"], d.ManagerAddress);
        var admin = d.AdministrativeContact!;
        Assert.Equal("Vorstand DENIC eG", admin.Name);
        Assert.Equal("DENIC eG", admin.Organisation);
        Assert.Equal("+49 69 27235 0", admin.Phone);
        Assert.Equal("+49 69 27235 235", admin.Fax);
        Assert.Equal("ianacontact@denic.de", admin.Email);
        var tech = Assert.Single(d.TechnicalContacts);
        Assert.Equal("Business Services", tech.Name);
        Assert.Equal("dbs@denic.de", tech.Email);
        Assert.Equal(6, d.NameServers.Count);
        Assert.Equal("a.nic.de", d.NameServers[0].HostName);
        Assert.Equal([IPAddress.Parse("194.0.0.53"), IPAddress.Parse("2001:678:2::53")], d.NameServers[0].Addresses);
        // F.NIC.DE lists its IPv6 address first; the stable text form puts IPv4 first.
        Assert.Equal("81.91.164.5 2a02:568:0:2::53", d.NameServers[1].AddressText);
        var ds = Assert.Single(d.DsRecords);
        Assert.Equal(new DsRecord(26755, 8, 2, "f341357809a5954311ccb82ade114c6c1d724a75c0395137aa3978035425e78d"), ds);
        Assert.Equal("whois.denic.de", d.WhoisServer);
        Assert.Equal("ACTIVE", d.Status);
        Assert.Equal("Registration information: http://www.denic.de/", d.Remarks);
        Assert.Equal("http://www.denic.de/", d.RegistrationUrl);
        Assert.Equal(new DateOnly(1986, 11, 5), d.Created);
        Assert.Equal(new DateOnly(2023, 4, 4), d.Changed);
        Assert.Equal("IANA", d.Source);
    }

    [Fact]
    public void Fr_current_layout_reads_contacts_and_ds()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("FR"))).Delegation!;

        Assert.Equal("fr", d.Tld);
        Assert.Equal("Association Française pour le Nommage Internet en Coopération (A.F.N.I.C.)", d.ManagerOrganisation);
        Assert.Equal(["7, avenue du 8 mai 1945", "Guyancourt 78280", "France"], d.ManagerAddress);
        Assert.Equal("TLD Admin Contact", d.AdministrativeContact!.Name);
        Assert.Equal("tld-admin@nic.fr", d.AdministrativeContact.Email);
        Assert.Equal("+33 1 39 30 83 05", d.AdministrativeContact.Phone);
        Assert.Equal("tld-tech@nic.fr", Assert.Single(d.TechnicalContacts).Email);
        Assert.Equal(["d.nic.fr", "f.ext.nic.fr", "g.ext.nic.fr"], d.NameServers.Select(n => n.HostName));
        Assert.Equal("194.0.9.1 2001:678:c::1", d.NameServers[0].AddressText);
        Assert.Equal(new DsRecord(29133, 13, 2, "1303e8da8fb60db500d5bea1ee5dc9a2bcc93dfe2fc43d346576658feccf5749"), Assert.Single(d.DsRecords));
        Assert.Equal("https://www.nic.fr", d.RegistrationUrl);
        Assert.Equal(new DateOnly(1986, 9, 2), d.Created);
        Assert.Equal(new DateOnly(2024, 9, 9), d.Changed);
    }

    [Fact]
    public void Organisation_continued_on_a_repeated_line_is_joined()
    {
        var bd = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("BD"))).Delegation!;
        var im = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("IM"))).Delegation!;

        Assert.Equal("Bangladesh Telecommunications, Company Limited (BTCL)", Assert.Single(bd.TechnicalContacts).Organisation);
        Assert.Contains("Information Systems Division, Isle of Man Government", im.Contacts.Select(c => c.Organisation));
    }

    [Fact]
    public void Idn_current_layout_takes_the_a_label_from_domain_ace()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("XN--P1AI"))).Delegation!;

        Assert.Equal("xn--p1ai", d.Tld);
        Assert.Equal("рф", d.ULabel);
        Assert.Equal(".рф", d.Display);
        Assert.Equal(".xn--p1ai domain Administrative group", d.AdministrativeContact!.Name);
        Assert.Equal("ru-adm@cctld.ru", d.AdministrativeContact.Email);
        Assert.Equal("a.dns.ripn.net", d.NameServers[0].HostName);
        Assert.Equal("193.232.128.6 2001:678:17:0:193:232:128:6", d.NameServers[0].AddressText);
        Assert.Equal(new DsRecord(59497, 8, 2, "3de6c0350e9d16583aeaca8fbfb5148c25cfaf3a81d5083c1aa90d8399720ae3"), Assert.Single(d.DsRecords));
        Assert.Equal(new DateOnly(2010, 5, 12), d.Created);
        Assert.Equal(new DateOnly(2024, 1, 17), d.Changed);
    }

    [Fact]
    public void Remarks_split_over_two_lines_are_joined_and_yield_the_url()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("AL"))).Delegation!;

        Assert.Equal("Registration information: https://akep.al/e-aplikime-domain/", d.Remarks);
        Assert.Equal("https://akep.al/e-aplikime-domain/", d.RegistrationUrl);
        Assert.Null(d.WhoisServer);
    }

    [Fact]
    public void De_legacy_layout_reads_every_field()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("DE"))).Delegation!;

        Assert.Equal("de", d.Tld);
        Assert.Equal(DelegationFormat.WhoisLegacy, d.Format);
        Assert.Equal("DENIC eG", d.ManagerOrganisation);
        Assert.Equal(["Kaiserstrasse 75-77", "Frankfurt am Main 60329", "Germany"], d.ManagerAddress);
        var admin = d.AdministrativeContact!;
        Assert.Equal("Vorstand DENIC eG", admin.Name);
        Assert.Equal("vorstand@denic.de", admin.Email);
        Assert.Equal("+49 69 27235 0", admin.Phone);
        Assert.Equal(["Kaiserstrasse 75-77", "Frankfurt am Main 60329", "Germany"], admin.Address);
        Assert.Equal("a.nic.de", d.NameServers[0].HostName);
        Assert.Equal("194.0.0.53 2001:678:2::53", d.NameServers[0].AddressText);
        Assert.Equal("s.de.net", d.NameServers[3].HostName);
        Assert.Equal([IPAddress.Parse("195.243.137.26")], d.NameServers[3].Addresses);
        Assert.Empty(d.DsRecords);
        Assert.Equal("whois.denic.de", d.WhoisServer);
        Assert.Equal("http://www.denic.de/", d.RegistrationUrl);
        Assert.Null(d.Status);
        Assert.Equal(new DateOnly(1986, 11, 5), d.Created);
        Assert.Equal(new DateOnly(2010, 6, 1), d.Changed);
    }

    [Fact]
    public void Legacy_idn_record_maps_to_its_u_label()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("XN--P1AI"))).Delegation!;

        Assert.Equal("xn--p1ai", d.Tld);
        Assert.Equal("рф", d.ULabel);
        Assert.Equal("ru-adm@cctld.ru", d.AdministrativeContact!.Email);
        Assert.Equal("ns.ripn.net", d.NameServers[0].HostName);
        Assert.Equal(new DateOnly(2010, 5, 12), d.Created);
    }

    [Fact]
    public void Legacy_latin1_text_is_decoded()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("ES"))).Delegation!;

        Assert.Equal("Jesús García Tello", d.TechnicalContacts.Concat([d.AdministrativeContact!]).Select(c => c.Name).Single(n => n!.StartsWith("Jes", StringComparison.Ordinal)));
    }

    [Fact]
    public void Legacy_continuation_lines_extend_the_organisation_and_two_technical_contacts_are_kept()
    {
        var gov = _parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("GOV"))).Delegation!;
        var bf = _parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("BF"))).Delegation!;

        Assert.Equal("General Services Administration, Federal Acquisition Service (FAS), Office of Planning & Strategic Solutions (QTD)", gov.AdministrativeContact!.Organisation);
        Assert.Equal("General Services Administration, Attn: QTDC, 2E08 (.gov Domain Registration)", gov.ManagerOrganisation);
        Assert.Equal(["po@ONATEL.BF", "badiel@onatel.bf"], bf.TechnicalContacts.Select(c => c.Email));
    }

    [Fact]
    public void Legacy_ipv6_banner_variant_parses_like_the_plain_banner()
    {
        var d = _parser.Parse(File.ReadAllBytes(Path.Combine(IanaCorpus.Root, "old-format", "ipv6-banner-variant", "DE"))).Delegation!;

        Assert.Equal("de", d.Tld);
        Assert.Equal(new DateOnly(2008, 3, 5), d.Changed);
        Assert.Equal("2001:628:453:4905::53", d.NameServers[^1].Addresses[^1].ToString());
    }

    [Fact]
    public void Retired_yu_is_a_not_found_answer()
    {
        var answer = _parser.Parse(File.ReadAllBytes(IanaCorpus.Retired("YU")));

        Assert.True(answer.IsNotFound);
        Assert.Equal("yu", answer.Tld);
        Assert.Null(answer.Delegation);
    }

    [Fact]
    public void Retired_um_has_an_administrative_contact_without_a_name()
    {
        var d = _parser.Parse(File.ReadAllBytes(IanaCorpus.Retired("UM"))).Delegation!;

        Assert.Null(d.AdministrativeContact!.Name);
        Assert.Equal("umdomreg@nic.um", d.AdministrativeContact.Email);
    }

    [Fact]
    public void Current_layout_zero_objects_answer_is_not_found_for_the_queried_tld()
    {
        const string Answer = "% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n%\n% This query returned 0 objects.\n";

        Assert.Equal("yu", _parser.Parse(Answer, "YU").Tld);
        var error = Assert.Throws<WhoisFormatException>(() => _parser.Parse(Answer));
        Assert.Contains("0 objects", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_about_another_tld_than_the_queried_one_is_rejected()
    {
        var error = Assert.Throws<WhoisFormatException>(() => _parser.Parse(File.ReadAllBytes(IanaCorpus.Current("DE")), "fr"));

        Assert.Contains("'de', not the queried 'fr'", error.Message, StringComparison.Ordinal);
    }
}
