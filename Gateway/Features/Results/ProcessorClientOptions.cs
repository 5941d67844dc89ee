using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Features.Results;

public sealed class ProcessorClientOptions
{
    public const string Section = "Processor";

    /// <summary>Resolved by service discovery: the AppHost's "processor" resource.</summary>
    [Required]
    public string BaseAddress { get; set; } = "https+http://processor";
}
