using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace HeadCt.Gateway.Features.Dimse.Hosting;

/// <summary>The DICOM server's listener has a connection handler instead of HTTP, so no request ever reaches this.</summary>
internal sealed class NoHttpApplication : IHttpApplication<object>
{
    public object CreateContext(IFeatureCollection contextFeatures) => throw new NotSupportedException("The DICOM endpoint does not speak HTTP.");

    public Task ProcessRequestAsync(object context) => throw new NotSupportedException("The DICOM endpoint does not speak HTTP.");

    public void DisposeContext(object context, Exception? exception)
    {
    }
}
