namespace TldOps.Server.Web.Pages;

/// <summary>The model of the _CodeField partial: the form, and the input's id (a page may hold several code fields).</summary>
internal sealed record CodeFieldView(FormPageModel Form, string Id);
