using TldOps.Core.Membership;
using TldOps.Core.Membership.Vetting;
using TldOps.Core.Tests.Membership;

namespace TldOps.Core.Tests.ContactDirectory;

/// <summary>Members across regions and scripts, with long values, commas and semicolons, for the repository's formats.</summary>
internal static class RepositoryData
{
    public const string Fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";

    public static async Task<IReadOnlyList<Member>> SeedAsync(VettingFixture f)
    {
        var added = await f.Members.AddAllAsync(
        [
            new NewMember("fr", "Jeanne Martin", "jeanne.martin@nic.fr", PhoneNumber.Parse("+33 1 39 30 83 00"), PhoneNumber.Parse("+33 6 12 34 56 78"), Language: "fr"),
            new NewMember("fr", "Alexandre-Maximilien de la Tour d'Auvergne-Lauraguais, dit « Max »", "alexandre-maximilien.de-la-tour-dauvergne@cert.afnic.fr",
                PhoneNumber.Parse("+33 1 39 30 83 01"), null, Language: "fr"),
            new NewMember("ke", "Wanjiru Kamau; CSIRT, Nairobi", "wanjiru@kenic.or.ke", PhoneNumber.Parse("+254 20 4450057"), null),
            new NewMember("cn", "王小明", "wang@cnnic.cn", PhoneNumber.Parse("+86 10 5881 3000"), null, Language: "zh"),
            new NewMember("eg", "محمد علي", "m.ali@egregistry.eg", PhoneNumber.Parse("+20 2 3534 0000"), null, Language: "ar"),
            new NewMember("xn--p1ai", "Иван Петров", "ivan@cctld.ru", null, PhoneNumber.Parse("+7 916 000 00 00"), Language: "ru"),
            new NewMember("cl", "María José Pérez", "mjperez@nic.cl", PhoneNumber.Parse("+56 2 2940 7700"), null, Language: "es"),
            new NewMember("us", "John Smith", "john@nic.us", PhoneNumber.Parse("+1 571 434 5757"), null),
            new NewMember(null, "Liaison Person", "liaison@ssac.example", null, null, MemberRole.Liaison),
        ]);
        var members = added.Value;
        await f.Database.InTransactionAsync(async (c, t) =>
        {
            await f.Vetting.SetProfileAsync(c, t, members[0].Id, "Responsable du CERT, astreinte 24/7, coordination des incidents et relations avec l'ANSSI", null, Fingerprint);
            await f.Vetting.SetProfileAsync(c, t, members[3].Id, "安全负责人", null, null);
            await f.Vetting.SetUnverifiedAsync(c, t, members[6].Id, f.Clock.GetUtcNow());
            await f.Members.MarkVerifiedAsync(c, t, members[7].Id, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        });
        await f.DisableDeliveryAsync(members[7].Id, f.Clock.GetUtcNow());
        return members;
    }
}
