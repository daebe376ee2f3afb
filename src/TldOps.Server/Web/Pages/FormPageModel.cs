using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TldOps.Core.Common;
using TldOps.Server.Resources;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// A page with a form: the core's expected failures become messages in the page's language,
/// per field for <see cref="Invalid"/>, or one message for the form. This is the one place
/// where pages turn a <see cref="Problem"/> into what a person reads (the API has ProblemResults).
/// </summary>
internal abstract class FormPageModel : PortalPageModel
{
    private readonly Dictionary<string, LocalizedString> _errors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A message about the whole form, if any.</summary>
    public LocalizedString? FormError { get; protected set; }

    protected IStringLocalizer<PortalText> Texts => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<PortalText>>();

    /// <summary>The message for a field, or null.</summary>
    public LocalizedString? Error(string field) => _errors.GetValueOrDefault(field);

    /// <summary>"true" for an invalid field (for aria-invalid), else null (no attribute).</summary>
    public string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    protected void AddError(string field, LocalizedString message) => _errors[field] = message;

    /// <summary>Shows <paramref name="problem"/>; sets the status to what it means (400, 403, 404, 409).</summary>
    protected void Show(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        switch (problem)
        {
            case Core.Common.Invalid invalid:
                foreach (var field in invalid.Fields)
                {
                    _errors.TryAdd(field.Field, FieldTexts.For(Texts, field));
                }

                FormError = Texts["FormInvalid"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case Forbidden:
                FormError = Texts["FormForbidden"];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case Core.Common.NotFound:
                FormError = Texts["FormNotFound"];
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            default:
                FormError = Texts["FormConflict"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
    }
}
