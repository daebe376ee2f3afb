namespace TldOps.Server.Web.Pages;

/// <summary>The model of the _ContactFields partial: contact number <see cref="Index"/> of a form.</summary>
internal sealed record ContactFieldsView(FormPageModel Form, int Index, ContactInput Contact, bool Required);
