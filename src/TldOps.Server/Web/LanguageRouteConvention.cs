using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace TldOps.Server.Web;

/// <summary>
/// Gives every page a second address under each language prefix: "/login" also answers as
/// "/fr/login", "/" as "/fr". New pages get it without registering anything.
/// </summary>
internal sealed class LanguageRouteConvention : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var selector in model.Selectors.ToList())
        {
            var template = selector.AttributeRouteModel?.Template;
            if (template is null || template.StartsWith('{'))
            {
                continue;
            }

            var prefixed = $"{{lang:{LanguageRouteConstraint.Name}}}" + (template.Length == 0 ? string.Empty : "/" + template);
            model.Selectors.Add(new SelectorModel
            {
                AttributeRouteModel = new AttributeRouteModel { Template = prefixed },
            });
        }
    }
}
