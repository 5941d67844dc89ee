namespace HeadCt.Gateway.Security;

/// <summary>Claim types of API-key principals (JWT principals use the configured name and role claim types).</summary>
public static class GatewayClaims
{
    public const string Name = "name";
    public const string Role = "role";
}
