using Matchmaker.Api.Hosting;

if (StaffCommandLine.Matches(args)) return await StaffCommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchmaker();

var app = builder.Build();
await app.InitializeMatchmakerAsync();
app.UseMatchmaker();
app.MapMatchmaker();
await app.RunAsync();
return 0;

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
