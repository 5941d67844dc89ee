using Aspire.Hosting.ApplicationModel;

namespace HeadCt.AppHost.LocalServices;

/// <summary>The study index: the database services reference, and the resource they wait for (its server).</summary>
internal sealed record StudyIndexDatabase(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResource> Server);
