using Microsoft.AspNetCore.Authorization;

namespace HeadCt.Gateway.Security;

/// <summary>
/// The gateway's fallback policy: every request not otherwise authorized needs the role its method implies, so a route
/// added later is covered without anyone remembering to. Reads and PUT need reviewer, POST /upload uploader, anything
/// else (DELETE, other writes) admin; admin passes everywhere.
/// </summary>
public sealed class RoleForRequestRequirement : IAuthorizationRequirement
{
    public static string RequiredRole(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPut(method))
        {
            return GatewayRoles.Reviewer;
        }

        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return HttpMethods.IsPost(method) && pattern is "/upload" or "/dicom-web/studies" or "/dicom-web/studies/{study}"
            ? GatewayRoles.Uploader
            : GatewayRoles.Admin;
    }
}

public sealed class RoleForRequestHandler : AuthorizationHandler<RoleForRequestRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleForRequestRequirement requirement)
    {
        if (context.Resource is HttpContext http &&
            (PublicPaths.Contains(http.Request) ||
             context.User.IsInRole(GatewayRoles.Admin) ||
             context.User.IsInRole(RoleForRequestRequirement.RequiredRole(http))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
