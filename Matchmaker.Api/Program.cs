using Matchmaker.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchmaker();

var app = builder.Build();
app.InitializeMatchmaker();
app.UseMatchmaker();
app.MapMatchmaker();
app.Run();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
