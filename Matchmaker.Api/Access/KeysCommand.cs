using Matchmaker.Api.Hosting;
using Matchmaker.Core.Access;
using Matchmaker.Core.Storage;

namespace Matchmaker.Api.Access;

/// <summary>
/// <c>Matchmaker.Api keys ...</c>: staff manage keys on the server's own database without a running server or a key.
/// Configuration comes as for the server (appsettings, environment, <c>--Key=value</c> arguments).
/// </summary>
internal static class KeysCommand
{
    private const string Usage = """
        usage: keys create partner <partnerId> <name>
               keys create staff <name>
               keys create analyst <name>
               keys list
               keys revoke <keyId>
        Options as for the server, in the form --Key=value, e.g. --ConnectionStrings:Matchmaker="Data Source=/path/matchmaker.db"
        """;

    public static bool Matches(string[] args) => args is ["keys", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var words = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Skip(1).ToArray();
        var builder = WebApplication.CreateBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        var database = MatchmakerHosting.CreateDatabase(builder);
        await database.MigrateAsync();
        var keys = new ApiKeyStore(database, TimeProvider.System);
        switch (words)
        {
            case ["list"]:
                foreach (var key in await keys.ListAsync())
                    Console.WriteLine($"{key.Id}\t{RoleNames.Of(key.Role)}\t{key.PartnerId ?? "-"}\t{key.CreatedAt:O}\t{(key.RevokedAt is { } at ? $"revoked {at:O}" : "active")}\t{key.Name}");
                return 0;
            case ["create", "partner", var partner, var name]:
                return await CreateAsync(keys, new NewApiKey(Role.Partner, name, partner));
            case ["create", "staff", var name]:
                return await CreateAsync(keys, new NewApiKey(Role.Staff, name));
            case ["create", "analyst", var name]:
                return await CreateAsync(keys, new NewApiKey(Role.Analyst, name));
            case ["revoke", var id]:
                if (await keys.RevokeAsync(id)) return 0;
                Console.Error.WriteLine($"no key '{id}'");
                return 1;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> CreateAsync(ApiKeyStore keys, NewApiKey request)
    {
        var errors = request.Validate();
        if (errors.Any)
        {
            Console.Error.WriteLine(errors.Summary());
            return 2;
        }
        var created = await keys.CreateAsync(request);
        Console.Error.WriteLine($"created key {created.Id} ({RoleNames.Of(created.Role)}{(created.PartnerId is null ? "" : $" of {created.PartnerId}")}); it is shown once:");
        Console.WriteLine(created.Key);
        return 0;
    }
}
