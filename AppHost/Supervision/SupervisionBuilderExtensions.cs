using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeadCt.AppHost.Supervision;

internal static class SupervisionBuilderExtensions
{
    /// <summary>
    /// Supervises the named resources (run mode only; a deployed app has its platform's restart policy). Their stop
    /// command is wrapped so a requested stop is told apart from a crash.
    /// </summary>
    public static IDistributedApplicationBuilder AddSupervision(this IDistributedApplicationBuilder builder, params string[] resourceNames)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        builder.Services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StopRequests>();
        builder.Services.AddSingleton(new SupervisedResources(resourceNames));
        builder.Services.AddHostedService<ResourceSupervisor>();
        // The lifecycle commands exist once a resource is about to start (not yet when the app starts).
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>((startEvent, _) =>
        {
            if (resourceNames.Contains(startEvent.Resource.Name))
            {
                StopCommandWrapper.Wrap(startEvent.Resource, startEvent.Services.GetRequiredService<StopRequests>());
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
