using HeadCt.Dimse.Scu;
using HeadCt.Dimse.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Routing;

/// <summary>The configured destinations by name.</summary>
public interface IDestinationFactory
{
    IResultDestination? Get(string name);
}

/// <summary>
/// Builds destinations from <see cref="RoutingOptions"/>: <c>stow-rs</c> over the named HttpClient "routing", and
/// <c>dimse</c> through our C-STORE SCU as <see cref="RoutingOptions.CallingAeTitle"/>.
/// </summary>
public sealed class DestinationFactory(IOptions<RoutingOptions> options, IHttpClientFactory http, DimseTelemetry telemetry) : IDestinationFactory
{
    public const string HttpClientName = "routing";

    public IResultDestination? Get(string name) => options.Value.Destinations.FirstOrDefault(d => d.Name == name) is { } destination
        ? destination.Kind switch
        {
            "stow-rs" => new StowRsDestination(destination.Name, new Uri(destination.Url), http.CreateClient(HttpClientName)),
            "dimse" => new DimseDestination(destination.Name, new ScuSettings
            {
                CallingAeTitle = options.Value.CallingAeTitle,
                CalledAeTitle = destination.AeTitle,
                Host = destination.Host,
                Port = destination.Port,
                ResponseTimeout = options.Value.SendTimeout,
            }, telemetry),
            _ => throw new DestinationException($"Destination '{name}' has kind '{destination.Kind}'; the kinds are stow-rs and dimse."),
        }
        : null;
}
