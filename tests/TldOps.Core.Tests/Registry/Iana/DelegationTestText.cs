using TldOps.Core.Registry.Iana;

namespace TldOps.Core.Tests.Registry.Iana;

/// <summary>A complete text form of an answer, so tests can compare two answers field by field.</summary>
internal static class DelegationTestText
{
    public static string Describe(DelegationAnswer answer) =>
        answer.Delegation is null ? $"not found: {answer.Tld}" : string.Join('\n', DelegationFields.Flatten(answer.Delegation).Select(f => $"{f.Key}={f.Value}"));
}
