using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.Supervision;

/// <summary>
/// Replaces a resource's stop and restart commands with ones that first record the request, then do as before: the
/// run they end was ended on purpose.
/// </summary>
internal static class StopCommandWrapper
{
    public static void Wrap(IResource resource, StopRequests stops)
    {
        lock (resource.Annotations)
        {
            if (resource.Annotations.OfType<WrappedAnnotation>().Any())
            {
                return; // a restart starts the resource again: wrapped already
            }

            Wrap(resource, KnownResourceCommands.StopCommand, stops);
            Wrap(resource, KnownResourceCommands.RestartCommand, stops);
            resource.Annotations.Add(new WrappedAnnotation());
        }
    }

    private sealed class WrappedAnnotation : IResourceAnnotation;

    private static void Wrap(IResource resource, string commandName, StopRequests stops)
    {
        var stop = resource.Annotations.OfType<ResourceCommandAnnotation>()
            .FirstOrDefault(command => command.Name == commandName);
        if (stop is null)
        {
            throw new InvalidOperationException($"Resource '{resource.Name}' has no '{commandName}' command to supervise.");
        }

        resource.Annotations.Remove(stop);
        resource.Annotations.Add(new ResourceCommandAnnotation(
            stop.Name,
            stop.DisplayName,
            stop.UpdateState,
            async context =>
            {
                // The instance's id: a replica stopped on request leaves the other replicas supervised.
                stops.Requested(context.ResourceName);
                return await stop.ExecuteCommand(context);
            },
            stop.DisplayDescription,
            stop.Arguments,
            stop.ConfirmationMessage,
            stop.IconName,
            stop.IconVariant,
            stop.IsHighlighted,
            stop.Visibility,
            stop.ValidateArguments));
    }
}
