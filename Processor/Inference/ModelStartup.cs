namespace HeadCt.Processor.Inference;

/// <summary>
/// Loads the models while the host starts, so a corrupted ONNX or a manifest that does not match it stops the
/// processor at start-up with the loader's message, instead of failing the first job.
/// </summary>
public sealed class ModelStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ModelRegistry>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
