using HeadCt.Gateway.Apis;
using HeadCt.Gateway.Extensions;
using HeadCt.Gateway.Problems;
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

app.MapUploadApi();
app.MapResultsApi();
app.MapRenderingsApi();

app.Run();
