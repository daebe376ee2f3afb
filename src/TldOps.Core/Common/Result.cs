using System.Diagnostics.CodeAnalysis;

namespace TldOps.Core.Common;

/// <summary>Either a value or a <see cref="Problem"/>; services return this for expected failures.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Problem = null;
    }

    private Result(Problem problem)
    {
        _value = default;
        Problem = problem;
    }

    public Problem? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsSuccess => Problem is null;

    /// <summary>The value; throws when the result is a problem (a bug in the caller).</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"Result holds a problem, not a value: {Problem.Message}");

    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(Problem problem) => new(problem ?? throw new ArgumentNullException(nameof(problem)));

#pragma warning disable CA2225 // The named factories above are the alternates.
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Problem problem) => Failure(problem);
#pragma warning restore CA2225

    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out Problem? problem)
    {
        value = _value;
        problem = Problem;
        return IsSuccess;
    }
}
