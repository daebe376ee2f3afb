namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>A fact that needs Python's aiosmtpd: skipped with an install hint, failing under CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresAiosmtpdFactAttribute : FactAttribute
{
    public RequiresAiosmtpdFactAttribute()
    {
        if (!TldOps.Testing.RealComponent.IsCi && Python.Aiosmtpd is null)
        {
            Skip = "needs python3 with aiosmtpd: install with 'apt-get install python3-aiosmtpd' (under CI=true this is a failure)";
        }
    }
}
