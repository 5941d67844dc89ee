using System.ComponentModel.DataAnnotations;
using HeadCt.Services.Common.Security;

namespace HeadCt.Gateway.Security;

/// <summary><c>Processor:ServiceKey</c>, the AppHost's <c>processor-service-key</c>.</summary>
public sealed class ProcessorCredentialOptions
{
    public const string Section = "Processor";

    [Required]
    [MinLength(ServiceCredential.MinimumLength)]
    public string ServiceKey { get; set; } = "";
}
