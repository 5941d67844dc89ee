using HeadCt.AppHost;
using HeadCt.AppHost.Diagnostics;
using HeadCt.AppHost.LocalServices;
using Microsoft.Extensions.Configuration;
using HeadCt.AppHost.Supervision;
using HeadCt.AppHost.ViewerAssets;
using Microsoft.Extensions.DependencyInjection;

// Mapped by MapDefaultEndpoints() in ServiceDefaults.
const string HealthPath = "/health";

var builder = DistributedApplication.CreateBuilder(args);
builder.Services.AddHostedService<ResourceStateLogger>();

var localServices = LocalServicesPlan.Decide(builder);
var storage = builder.AddStorage("storage", localServices);
var cache = builder.AddCache("cache", localServices);

// Secrets generated on first run and kept in the AppHost user secrets; tests set them as Parameters:<name>.
var credentialDefault = new GenerateParameterDefault { MinLength = 32, Special = false };
var devApiKey = builder.AddParameter("gateway-dev-api-key", credentialDefault, secret: true, persist: true);
var serviceKey = builder.AddParameter("processor-service-key", credentialDefault, secret: true, persist: true);
var indexPassword = builder.AddParameter("postgres-password", credentialDefault, secret: true, persist: true);
var index = builder.AddStudyIndex("postgres", "index", "headct", indexPassword, localServices);

// Every replica takes jobs off the shared queue (one study at a time each, by its claim) and draws any study's
// images from its stored volume; requests reach the replicas through the AppHost's proxy.
var processorReplicas = ReplicaCounts.Read(builder.Configuration, "processor-replicas");
var gatewayReplicas = ReplicaCounts.Read(builder.Configuration, "gateway-replicas");

var processor = builder.AddProject<Projects.Processor>("processor")
    .WithReplicas(processorReplicas)
    .WithReference(storage).WaitFor(storage)
    .WithReference(cache).WaitFor(cache)
    .WithReference(index.Database).WaitFor(index.Server)
    .WithEnvironment("Auth__ServiceKey", serviceKey)
    .WithHttpHealthCheck(HealthPath);

// The gateway's DICOM (DIMSE) endpoint: port 11112 locally (AppHost setting Dimse:Port), a TCP endpoint reachable from
// outside when published; the gateway listens on the target port it is given as Dimse__Port.
var dicomPort = builder.Configuration.GetValue<int?>("Dimse:Port") ?? 11112;

builder.AddProject<Projects.Gateway>("gateway")
    .WithReplicas(gatewayReplicas)
    .WithReference(storage).WaitFor(storage)
    .WithReference(cache).WaitFor(cache)
    .WithReference(index.Database).WaitFor(index.Server)
    .WithReference(processor).WaitFor(processor)
    .WithEnvironment("Processor__ServiceKey", serviceKey)
    .WithEnvironment("Auth__ApiKeys__0__Name", "development")
    .WithEnvironment("Auth__ApiKeys__0__Role", "admin")
    .WithEnvironment("Auth__ApiKeys__0__Key", devApiKey)
    .WithHttpHealthCheck(HealthPath)
    .WithViewerBundle()
    .WithExternalHttpEndpoints()
    .WithEndpoint(port: dicomPort, targetPort: builder.ExecutionContext.IsPublishMode ? 11112 : null,
        scheme: "tcp", name: "dicom", env: "Dimse__Port", isExternal: true);

// A killed or crashed service or backing server is started again (AppHost/Supervision).
builder.AddSupervision("gateway", "processor", "cache", "storage", "postgres");

builder.Build().Run();
