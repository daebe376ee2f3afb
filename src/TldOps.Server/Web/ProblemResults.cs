using Microsoft.AspNetCore.Http;
using TldOps.Core.Common;

namespace TldOps.Server.Web;

/// <summary>Turns the core's expected failures into HTTP problem responses (RFC 9457), in this one place.</summary>
internal static class ProblemResults
{
    public static IResult ToResult(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem switch
        {
            NotFound => StatusCodes.Status404NotFound,
            Forbidden => StatusCodes.Status403Forbidden,
            Conflict => StatusCodes.Status409Conflict,
            Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (problem is Invalid { Fields.Count: > 0 } invalid)
        {
            extensions["fields"] = invalid.Fields.ToDictionary(f => f.Field, f => f.Reason);
        }

        return Results.Problem(detail: problem.Message, statusCode: status, extensions: extensions);
    }
}
