using System.ComponentModel.DataAnnotations;
using HeadCt.Services.Common.Security;

namespace HeadCt.Processor.Security;

/// <summary><c>Auth:ServiceKey</c>: the key the gateway must present (AppHost parameter <c>processor-service-key</c>).</summary>
public sealed class ServiceKeyOptions
{
    public const string Section = "Auth";

    [Required]
    [MinLength(ServiceCredential.MinimumLength)]
    public string ServiceKey { get; set; } = "";
}
