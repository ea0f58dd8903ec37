using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Api.Models;

if (KeysCommand.Matches(args)) return await KeysCommand.RunAsync(args);
if (ModelsCommand.Matches(args)) return await ModelsCommand.RunAsync(args);

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
