using System.CommandLine;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Cli.Committee;

/// <summary><c>tldops committee list</c>: the committee, the liaisons and the secretariat, with their seats and whether they have TOTP.</summary>
internal static class CommitteeListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the committee, liaisons and secretariat with their positions and TOTP state.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            var staff = await runtime.Get<AccountStore>().ListStaffAsync(cancellationToken);
            if (!staff.Any(a => a.Role.Role == MemberRole.Committee))
            {
                await runtime.Error.WriteLineAsync("No committee yet: `tldops serve` prints a one-time enrolment link, or use `tldops committee add`.");
            }

            foreach (var person in staff.OrderBy(a => Rank(a.Role)).ThenBy(a => a.Name, StringComparer.CurrentCulture))
            {
                var tld = person.CcTld is null ? "-" : "." + person.CcTld;
                await runtime.Output.WriteLineAsync($"{person.Role.Describe(),-42} {tld,-8} {person.Name} <{person.Email}>{(person.TotpEnabled ? string.Empty : "  [no TOTP yet]")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int Rank(RoleAssignment role) => (role.Role, role.Position) switch
    {
        (MemberRole.Committee, CommitteePosition.Chair) => 0,
        (MemberRole.Committee, CommitteePosition.ViceChair) => 1,
        (MemberRole.Committee, _) => 2,
        (MemberRole.Liaison, _) => 3,
        _ => 4,
    };
}
