namespace TldOps.Core.Common;

/// <summary>
/// An expected failure, as a value: the caller asked for something that does not exist, is not
/// allowed, conflicts with what is stored, or is invalid. The web host turns each kind into a
/// ProblemDetails response or a page error in one place; the CLI prints <see cref="Message"/>.
/// Exceptions stay for bugs and broken infrastructure.
/// </summary>
public abstract record Problem(string Message)
{
    /// <summary>A short, stable, kebab-case code for logs and API clients (e.g. "not-found").</summary>
    public abstract string Code { get; }
}

/// <summary>Something named by the caller does not exist.</summary>
public sealed record NotFound(string Message) : Problem(Message)
{
    public override string Code => "not-found";
}

/// <summary>The caller may not do this.</summary>
public sealed record Forbidden(string Message) : Problem(Message)
{
    public override string Code => "forbidden";
}

/// <summary>The request clashes with what is stored (a duplicate, a stale state).</summary>
public sealed record Conflict(string Message) : Problem(Message)
{
    public override string Code => "conflict";
}

/// <summary>The input is invalid; <see cref="Fields"/> names each field and what is wrong with it.</summary>
public sealed record Invalid(string Message, IReadOnlyList<FieldError> Fields) : Problem(Message)
{
    public Invalid(string message)
        : this(message, [])
    {
    }

    public override string Code => "invalid";
}

/// <summary>
/// One invalid field: its name as the user sees it, the reason in plain words, and, where a page
/// must say something other than "this value is not valid", a short code naming the case
/// (<see cref="FieldErrorCodes"/>).
/// </summary>
public sealed record FieldError(string Field, string Reason, string? Code = null);

/// <summary>The codes a <see cref="FieldError"/> may carry.</summary>
public static class FieldErrorCodes
{
    /// <summary>The ccTLD is delegated, but its IANA administrative contact is not known here, so nobody can approve.</summary>
    public const string NoAdminContact = "no-admin-contact";

    /// <summary>The address is already a contact of the ccTLD.</summary>
    public const string AlreadyListed = "already-listed";
}
