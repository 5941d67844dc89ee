using HeadCt.Processor.Apis;
using HeadCt.Processor.Extensions;
using HeadCt.Processor.Problems;
using HeadCt.Services.Common.Problems;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseHeadCtProblemDetails();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();

app.MapProcessApi();
app.MapResultsApi();
app.MapRenderingsApi();

app.Run();
