using Microsoft.Extensions.Localization;

namespace TldOps.Server.Web.Pages;

/// <summary>The model of the _LanguageSelect partial.</summary>
internal sealed record LanguageSelectView(string Name, string? Selected, LocalizedString? Error);
