namespace HeadCt.Gateway.Security;

/// <summary>The roles of contracts.md §3; admin implies the other two.</summary>
public static class GatewayRoles
{
    public const string Uploader = "uploader";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static readonly string[] All = [Uploader, Reviewer, Admin];

    public static bool IsKnown(string? role) => role is Uploader or Reviewer or Admin;
}
