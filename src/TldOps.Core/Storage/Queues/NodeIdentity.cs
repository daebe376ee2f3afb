namespace TldOps.Core.Storage.Queues;

/// <summary>
/// The name this node writes into leases. Stable across restarts of the same installation, so
/// a node that crashed takes its own leases back at start; distinct between nodes.
/// </summary>
public sealed record NodeIdentity(string Id)
{
    /// <summary>The configured id, or the machine name plus a short digest of the data folder.</summary>
    public static NodeIdentity From(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new NodeIdentity(configured.Trim());
        }

        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..8];
        return new NodeIdentity($"{Environment.MachineName}:{digest}");
    }
}
