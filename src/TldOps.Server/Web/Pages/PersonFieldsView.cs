using TldOps.Core.Registry;

namespace TldOps.Server.Web.Pages;

/// <summary>The model of the _PersonFields partial: the form, the posted values, the ccTLDs to choose from (null: no ccTLD field).</summary>
internal sealed record PersonFieldsView(FormPageModel Form, string Prefix, PersonInput Person, IReadOnlyList<RegisteredCcTld>? CcTlds);
