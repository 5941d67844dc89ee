using HeadCt.Dimse.Association;
using HeadCt.Dimse.Services;
using HeadCt.Dimse.Telemetry;
using HeadCt.Gateway.Features.Dimse.Assembly;
using HeadCt.Gateway.Features.Dimse.Hosting;
using HeadCt.Gateway.Features.Dimse.Receiving;
using HeadCt.Gateway.Features.Dimse.Sending;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse;

public static class DimseServices
{
    /// <summary>The DICOM endpoint (Storage and Verification SCP), study assembly and the C-STORE SCU send queue.</summary>
    public static IServiceCollection AddDimse(this IServiceCollection services)
    {
        services.AddOptions<DimseOptions>().BindConfiguration(DimseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DimseOptions>, DimseOptionsValidator>();
        services.AddSingleton(provider => new DimseTelemetry(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<DimseGatewayTelemetry>();
        services.AddSingleton<StudyAssembler>();
        services.AddSingleton<AssociationAudit>();
        services.AddSingleton<GatewayStorageScp>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DimseOptions>>().Value;
            return new AssociationAcceptor(
                new AcceptorSettings
                {
                    AeTitle = options.AeTitle,
                    MaxPduLength = (uint)options.MaxPduLength,
                    ArtimTimeout = options.ArtimTimeout,
                    IdleTimeout = options.IdleTimeout,
                },
                provider.GetRequiredService<GatewayStorageScp>(),
                new AssociationLimiter(options.MaxAssociations),
                provider.GetRequiredService<DimseTelemetry>(),
                provider.GetRequiredService<ILogger<AssociationAcceptor>>());
        });
        services.AddSingleton<SendJobStore>();
        services.AddSingleton<StudySender>();
        services.AddSingleton<SendQueue>();

        // Stopped in reverse order: the listener first (no new instances), then the last commits, then the sends.
        services.AddHostedService(provider => provider.GetRequiredService<SendQueue>());
        services.AddHostedService<StudyAssemblyWorker>();
        services.AddSingleton<DimseListener>();
        services.AddHostedService(provider => provider.GetRequiredService<DimseListener>());
        return services;
    }
}
