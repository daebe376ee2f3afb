namespace TldOps.Core.Audit;

/// <summary>
/// One audited action. <see cref="Authority"/> is what the action rests on — which admin
/// contact's signed link or message, which committee member's session, which operator command —
/// because in TLD-OPS who may decide is the whole point.
/// </summary>
/// <param name="Actor">Who acted: "member:PUBLICID", "admin-contact:CCTLD", "operator", "system".</param>
/// <param name="Action">What was done, kebab-case: "member-added", "join-approved", "role-granted".</param>
/// <param name="CcTld">The ccTLD concerned, if any.</param>
/// <param name="Subject">What was acted on: "member:PUBLICID", "join:17", "post:42".</param>
/// <param name="Authority">What it rests on: "link:TOKENID", "message:&lt;id@host&gt;", "cli", "session:…".</param>
/// <param name="Detail">Specifics as a JSON object (old and new values…).</param>
public sealed record AuditEntry(
    string Actor,
    string Action,
    string? CcTld = null,
    string? Subject = null,
    string? Authority = null,
    string Detail = "{}");
