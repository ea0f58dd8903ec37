using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;

if (KeysCommand.Matches(args)) return KeysCommand.Run(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchmaker();

var app = builder.Build();
app.InitializeMatchmaker();
app.UseMatchmaker();
app.MapMatchmaker();
app.Run();
return 0;

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
