using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Routing;

/// <summary>The configured destinations by name.</summary>
public interface IDestinationFactory
{
    IResultDestination? Get(string name);
}

/// <summary>
/// Builds destinations from <see cref="RoutingOptions"/>: <c>stow-rs</c> over the named HttpClient "routing". A
/// <c>dimse</c> kind is refused at start-up until the C-STORE SCU exists; it plugs in here.
/// </summary>
public sealed class DestinationFactory(IOptions<RoutingOptions> options, IHttpClientFactory http) : IDestinationFactory
{
    public const string HttpClientName = "routing";

    public IResultDestination? Get(string name) => options.Value.Destinations.FirstOrDefault(d => d.Name == name) is { } destination
        ? destination.Kind switch
        {
            "stow-rs" => new StowRsDestination(destination.Name, new Uri(destination.Url), http.CreateClient(HttpClientName)),
            _ => throw new DestinationException($"Destination '{name}' has kind '{destination.Kind}'; only stow-rs is supported."),
        }
        : null;
}
