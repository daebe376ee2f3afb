namespace TldOps.Core.Membership.Joining;

/// <summary>What <see cref="JoinRequestService.SubmitAsync"/> answers: the stored request and the requester's status link (also mailed).</summary>
public sealed record JoinSubmission(JoinRequest Request, string StatusUrl);
