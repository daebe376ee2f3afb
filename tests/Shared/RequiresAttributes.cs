namespace TldOps.Testing;

/// <summary>
/// A fact that needs real programs. Pairs are "executable=debian-package", for example
/// <c>[RequiresFact("swaks=swaks", "gpg=gnupg")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(params string[] needs)
    {
        var reason = RealComponent.SkipReason(RequiresSyntax.Parse(needs));
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs real programs; see <see cref="RequiresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params string[] needs)
    {
        var reason = RealComponent.SkipReason(RequiresSyntax.Parse(needs));
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}

internal static class RequiresSyntax
{
    public static IReadOnlyList<(string Executable, string Package)> Parse(string[] needs)
    {
        return needs.Select(n =>
        {
            var eq = n.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? (n, n) : (n[..eq], n[(eq + 1)..]);
        }).ToList();
    }
}
