using System.CommandLine;
using TldOps.Core.Common;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Cli.Committee;

/// <summary>
/// <c>tldops committee add EMAIL [--name N] [--cctld X] [--position P] [--security]</c>: makes a
/// member (or a new person) a committee member, audited as the operator's act on the authority
/// of the command line. Their next login starts with TOTP enrolment.
/// </summary>
internal static class CommitteeAddCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("EMAIL") { Description = "The person's address: a member's, or a new person's with --name and --cctld." };
        var name = new Option<string?>("--name") { Description = "The name, for a person not yet on the list.", HelpName = "NAME" };
        var ccTld = new Option<string?>("--cctld")
        {
            Description = "The ccTLD the person represents (needed for a new person, or to choose among one person's ccTLDs).",
            HelpName = "CCTLD",
        };
        var position = new Option<string>("--position")
        {
            Description = "chair, vice-chair or member (default member). One chair and one vice-chair at a time.",
            DefaultValueFactory = _ => "member",
            HelpName = "POSITION",
        };
        position.AcceptOnlyFromAmong("chair", "vice-chair", "member");
        var security = new Option<bool>("--security") { Description = "A seat on the security subcommittee." };

        var command = new Command("add", "Make a person a member of the Standing Committee (audited; TOTP enrolment at their next login).");
        command.Arguments.Add(email);
        command.Options.Add(name);
        command.Options.Add(ccTld);
        command.Options.Add(position);
        command.Options.Add(security);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var runtime = await CliRuntime.StartAsync(parseResult, cancellationToken);
            RoleCodes.TryParsePosition(parseResult.GetValue(position), out var seat);
            var role = RoleAssignment.Committee(seat, parseResult.GetValue(security));
            var result = await AddAsync(runtime, parseResult.GetValue(email)!, parseResult.GetValue(name), parseResult.GetValue(ccTld), role, cancellationToken);
            if (!result.TryGetValue(out var account, out var problem))
            {
                await runtime.Error.WriteLineAsync($"committee add: {Describe(problem)}");
                return ExitCodes.Failure;
            }

            await runtime.Output.WriteLineAsync($"{account.Name} <{account.Email}> (.{account.CcTld}) is now {account.Role.Describe()}; their next login starts with TOTP enrolment.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<Result<Account>> AddAsync(CliRuntime runtime, string email, string? name, string? ccTld, RoleAssignment role, CancellationToken cancellationToken)
    {
        if (!EmailSyntax.TryNormalise(email, out var address, out var reason))
        {
            return new Invalid(reason, [new FieldError("EMAIL", reason)]);
        }

        var code = ccTld is null ? null : Core.Registry.CcTldCatalog.Normalise(ccTld);
        var found = (await runtime.Get<AccountStore>().FindByEmailAsync(address, cancellationToken))
            .Where(a => a.CcTld is not null && (code is null || a.CcTld == code))
            .ToList();
        var roles = runtime.Get<RoleService>();
        if (found.Count > 1)
        {
            return new Invalid("This address is on the list for several ccTLDs: say which with --cctld.",
                [new FieldError("--cctld", string.Join(", ", found.Select(a => "." + a.CcTld)))]);
        }

        if (found.Count == 1)
        {
            return await roles.AssignAsync(found[0].PublicId, role, Actor.Operator, cancellationToken);
        }

        if (name is null || ccTld is null)
        {
            return new Invalid("No member has this address: give --name and --cctld to add a new person.",
                [new FieldError(name is null ? "--name" : "--cctld", "required for a new person")]);
        }

        var person = await runtime.Get<PersonFormValidator>().ValidateAsync(new PersonForm(name, address, ccTld), MemberRole.Committee, cancellationToken);
        return person.TryGetValue(out var valid, out var invalid)
            ? await roles.AddAsync(valid, role, Actor.Operator, cancellationToken)
            : invalid;
    }

    private static string Describe(Problem problem) => problem is Invalid { Fields.Count: > 0 } invalid
        ? $"{problem.Message} ({string.Join("; ", invalid.Fields.Select(f => $"{f.Field}: {f.Reason}"))})"
        : problem.Message;
}
