using System.Text.Json;

namespace Matchmaker.Tests.Api;

/// <summary>The served OpenAPI document, read as JSON: its operations by "METHOD /path", as the server's routes name them.</summary>
internal sealed class OpenApi(JsonElement root)
{
    public const string Path = "/swagger/v1/swagger.json";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public JsonElement Root { get; } = root;

    public static async Task<OpenApi> LoadAsync(HttpClient client)
    {
        var response = await client.GetAsync(Path);
        response.EnsureSuccessStatusCode();
        return new OpenApi(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public IReadOnlyDictionary<string, JsonElement> Operations =>
        Root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name))
                .Select(m => (Key: $"{m.Name.ToUpperInvariant()} {path.Name}", m.Value)))
            .ToDictionary(p => p.Key, p => p.Value);

    public static IReadOnlySet<int> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
}
