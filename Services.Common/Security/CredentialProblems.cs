using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace HeadCt.Services.Common.Security;

/// <summary>401 and 403 as RFC 9457 problem documents with stable types, written by the authentication handlers.</summary>
public static class CredentialProblems
{
    public const string UnauthorizedType = "https://headct.dev/problems/unauthorized";
    public const string ForbiddenType = "https://headct.dev/problems/forbidden";

    public static Task WriteUnauthorizedAsync(HttpContext context, string detail) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, UnauthorizedType, "A credential is required.", detail);

    public static Task WriteForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, ForbiddenType, "The credential lacks the role for this request.",
            "Roles: uploader (POST /upload), reviewer (reads and PUT /results/{id}), admin (everything).");

    private static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}
