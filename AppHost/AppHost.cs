using HeadCt.AppHost.Diagnostics;
using HeadCt.AppHost.LocalServices;
using Microsoft.Extensions.DependencyInjection;

// Mapped by MapDefaultEndpoints() in ServiceDefaults.
const string HealthPath = "/health";

var builder = DistributedApplication.CreateBuilder(args);
builder.Services.AddHostedService<ResourceStateLogger>();

var localServices = LocalServicesPlan.Decide(builder);
var storage = builder.AddStorage("storage", localServices);
var cache = builder.AddCache("cache", localServices);

var processor = builder.AddProject<Projects.Processor>("processor")
    .WithReference(storage).WaitFor(storage)
    .WithReference(cache).WaitFor(cache)
    .WithHttpHealthCheck(HealthPath);

builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(storage).WaitFor(storage)
    .WithReference(cache).WaitFor(cache)
    .WithReference(processor).WaitFor(processor)
    .WithHttpHealthCheck(HealthPath)
    .WithExternalHttpEndpoints();

builder.Build().Run();
