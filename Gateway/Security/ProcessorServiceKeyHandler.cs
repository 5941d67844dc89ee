using HeadCt.Services.Common.Security;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security;

/// <summary>Adds the service credential to every call the gateway makes to the processor.</summary>
public sealed class ProcessorServiceKeyHandler(IOptions<ProcessorCredentialOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(ServiceCredential.HeaderName);
        request.Headers.TryAddWithoutValidation(ServiceCredential.HeaderName, options.Value.ServiceKey);
        return base.SendAsync(request, cancellationToken);
    }
}
