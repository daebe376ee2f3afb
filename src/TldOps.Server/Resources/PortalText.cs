namespace TldOps.Server.Resources;

/// <summary>
/// Names the portal's texts for <c>IStringLocalizer&lt;PortalText&gt;</c>: PortalText.resx (English,
/// the fallback) and PortalText.LANG.resx for fr, es, ru, zh and ar, compiled into satellite
/// assemblies. Every key exists in every language (a test checks it).
/// </summary>
internal sealed class PortalText
{
    private PortalText()
    {
    }
}
