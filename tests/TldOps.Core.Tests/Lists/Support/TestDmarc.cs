using TldOps.Core.Lists.Dmarc;

namespace TldOps.Core.Tests.Lists.Support;

/// <summary>DMARC policies by domain, for unit tests of the handler (the DNS source has its own tests).</summary>
internal sealed class TestDmarc(Dictionary<string, DmarcPolicy> policies) : IDmarcPolicySource
{
    public List<string> Asked { get; } = [];

    public Task<DmarcPolicy> LookupAsync(string domain, CancellationToken cancellationToken = default)
    {
        Asked.Add(domain);
        return Task.FromResult(policies.GetValueOrDefault(domain, DmarcPolicy.Absent));
    }
}
