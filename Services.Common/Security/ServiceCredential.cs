namespace HeadCt.Services.Common.Security;

/// <summary>The credential the gateway presents to the processor (AppHost parameter <c>processor-service-key</c>).</summary>
public static class ServiceCredential
{
    public const string HeaderName = "X-Service-Key";

    /// <summary>Shorter keys are refused at start-up: a generated key has 32 characters.</summary>
    public const int MinimumLength = 16;
}
