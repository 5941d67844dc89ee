using HeadCt.AppHost.LocalServices;

var builder = DistributedApplication.CreateBuilder(args);

var localServices = LocalServicesPlan.Decide(builder);
var storage = builder.AddStorage("storage", localServices);
var cache = builder.AddCache("cache", localServices);

builder.Build().Run();
