using Microsoft.Extensions.Localization;

namespace TldOps.Server.Web.Pages;

/// <summary>One labelled input for the _Field partial.</summary>
internal sealed record FieldView(
    string Name,
    LocalizedString Label,
    string? Value,
    LocalizedString? Error,
    string Type = "text",
    string? AutoComplete = null,
    bool Required = false,
    LocalizedString? Hint = null,
    string? Id = null,
    int MaxLength = 200,
    string? Direction = null)
{
    public string InputId => Id ?? Name.Replace('.', '-').Replace('[', '-').Replace("]", string.Empty, StringComparison.Ordinal);
}
