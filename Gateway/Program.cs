var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

app.MapGet("/", () => "ok");

app.Run();
