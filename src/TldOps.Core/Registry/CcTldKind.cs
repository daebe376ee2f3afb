namespace TldOps.Core.Registry;

/// <summary>A two-letter ASCII ccTLD, or an internationalised (IDN) ccTLD designated for a two-letter code.</summary>
public enum CcTldKind
{
    Ascii,
    Idn,
}
