namespace TldOps.Core.Tests.Registry.Iana;

/// <summary>
/// RDAP domain objects written for these tests in the shape rdap.iana.org serves (RFC 9083),
/// carrying the same data as the corpus' current whois answers for DE and XN--P1AI. DE uses the
/// adr label for the manager and technical contact and the structured adr for the administrative
/// one, and both text and tel: URI phone values, to exercise each jCard form.
/// </summary>
internal static class RdapSamples
{
    public const string De = """
        {
          "rdapConformance": ["rdap_level_0"],
          "objectClassName": "domain",
          "handle": "DE",
          "ldhName": "de",
          "entities": [
            {
              "objectClassName": "entity",
              "roles": ["registrant"],
              "vcardArray": ["vcard", [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", "DENIC eG"],
                ["adr", {"label": "Theodor-Stern-Kai 1\nFrankfurt am Main 60596\nGermany"}, "text", ["", "", "", "", "", "", ""]]
              ]]
            },
            {
              "objectClassName": "entity",
              "roles": ["administrative"],
              "vcardArray": ["vcard", [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", "Vorstand DENIC eG"],
                ["org", {}, "text", "DENIC eG"],
                ["adr", {}, "text", ["", "", ["Theodor-Stern-Kai 1"], "Frankfurt am Main", "", "60596", "Germany"]],
                ["tel", {"type": "voice"}, "text", "+49 69 27235 0"],
                ["tel", {"type": ["fax"]}, "uri", "tel:+49 69 27235 235"],
                ["email", {}, "text", "ianacontact@denic.de"]
              ]]
            },
            {
              "objectClassName": "entity",
              "roles": ["technical"],
              "vcardArray": ["vcard", [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", "Business Services"],
                ["org", {}, "text", "DENIC eG"],
                ["adr", {"label": "Theodor-Stern-Kai 1\nFrankfurt am Main 60596\nGermany"}, "text", ["", "", "", "", "", "", ""]],
                ["tel", {"type": "voice"}, "uri", "tel:+49 69 27235 272"],
                ["tel", {"type": "fax"}, "text", "+49 69 27235 234"],
                ["email", {}, "text", "dbs@denic.de"]
              ]]
            }
          ],
          "nameservers": [
            {"objectClassName": "nameserver", "ldhName": "a.nic.de", "ipAddresses": {"v4": ["194.0.0.53"], "v6": ["2001:678:2::53"]}},
            {"objectClassName": "nameserver", "ldhName": "f.nic.de", "ipAddresses": {"v4": ["81.91.164.5"], "v6": ["2a02:568:0:2::53"]}},
            {"objectClassName": "nameserver", "ldhName": "l.de.net", "ipAddresses": {"v4": ["77.67.63.105"], "v6": ["2001:668:1f:11::105"]}},
            {"objectClassName": "nameserver", "ldhName": "n.de.net", "ipAddresses": {"v4": ["194.146.107.6"], "v6": ["2001:67c:1011:1::53"]}},
            {"objectClassName": "nameserver", "ldhName": "s.de.net", "ipAddresses": {"v4": ["195.243.137.26"], "v6": ["2003:8:14::53"]}},
            {"objectClassName": "nameserver", "ldhName": "z.nic.de", "ipAddresses": {"v4": ["194.246.96.1"], "v6": ["2a02:568:fe02::de"]}}
          ],
          "secureDNS": {
            "delegationSigned": true,
            "dsData": [{"keyTag": 26755, "algorithm": 8, "digestType": 2, "digest": "F341357809A5954311CCB82ADE114C6C1D724A75C0395137AA3978035425E78D"}]
          },
          "events": [
            {"eventAction": "registration", "eventDate": "1986-11-05T00:00:00Z"},
            {"eventAction": "last changed", "eventDate": "2023-04-04T00:00:00Z"}
          ],
          "status": ["active"],
          "port43": "whois.denic.de",
          "remarks": [{"description": ["Registration information: http://www.denic.de/"]}],
          "notices": [{"title": "Terms of Service", "description": ["Service subject to Terms of Service."]}]
        }
        """;

    public const string XnP1ai = """
        {
          "rdapConformance": ["rdap_level_0"],
          "objectClassName": "domain",
          "ldhName": "xn--p1ai",
          "unicodeName": "рф",
          "entities": [
            {
              "objectClassName": "entity",
              "roles": ["administrative"],
              "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", ".xn--p1ai domain Administrative group"], ["email", {}, "text", "ru-adm@cctld.ru"]]]
            },
            {
              "objectClassName": "entity",
              "roles": ["registrant", "technical"],
              "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Coordination Center for TLD RU"], ["email", {}, "text", "ru-tech@tcinet.ru"]]]
            }
          ],
          "nameservers": [{"objectClassName": "nameserver", "ldhName": "a.dns.ripn.net", "ipAddresses": {"v4": ["193.232.128.6"]}}],
          "events": [{"eventAction": "registration", "eventDate": "2010-05-12T00:00:00Z"}],
          "status": ["active"]
        }
        """;
}
