using System.ComponentModel;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Access;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Access;

/// <summary><c>Matchmaker.Api keys ...</c>: staff manage keys on the server's own database without a running server or a key.</summary>
internal static class KeysCommand
{
    public static void Configure(IConfigurator<CommandSettings> keys)
    {
        keys.SetDescription("Create, list and revoke API keys on the server's database.");
        keys.AddCommand<Create>("create").WithDescription("Create a key: partner <partnerId> <name>, staff <name> or analyst <name>; the key is shown once.")
            .WithExample("keys", "create", "analyst", "德清县科协数据分析").WithExample("keys", "create", "partner", "P-YH", "余杭区科协门户");
        keys.AddCommand<List>("list").WithDescription("Every key: id, role, partner, created, active or revoked, name.");
        keys.AddCommand<Revoke>("revoke").WithDescription("Revoke a key by its id.");
    }

    public sealed class CreateSettings : CommandSettings
    {
        [CommandArgument(0, "<role>"), Description("partner, staff or analyst")]
        public string Role { get; init; } = "";

        [CommandArgument(1, "<name-or-partner>"), Description("the key's name; for a partner key, the partner's id (the name follows)")]
        public string First { get; init; } = "";

        [CommandArgument(2, "[name]"), Description("a partner key's name")]
        public string? Second { get; init; }

        public override ValidationResult Validate() => (Role, Second) switch
        {
            ("partner", null) => ValidationResult.Error("a partner key needs the partner's id and a name: keys create partner <partnerId> <name>"),
            ("staff" or "analyst", not null) => ValidationResult.Error($"a {Role} key takes a name only: keys create {Role} <name>"),
            ("partner" or "staff" or "analyst", _) => ValidationResult.Success(),
            _ => ValidationResult.Error("the role is partner, staff or analyst"),
        };
    }

    private sealed class Create : AsyncCommand<CreateSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, CreateSettings settings, CancellationToken cancellationToken)
        {
            var request = settings.Role switch
            {
                "partner" => new NewApiKey(Role.Partner, settings.Second!, settings.First),
                "staff" => new NewApiKey(Role.Staff, settings.First),
                _ => new NewApiKey(Role.Analyst, settings.First),
            };
            var errors = request.Validate();
            if (errors.Any)
            {
                Console.Error.WriteLine(errors.Summary());
                return 2;
            }
            var created = await new ApiKeyStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).CreateAsync(request);
            Console.Error.WriteLine($"created key {created.Id} ({RoleNames.Of(created.Role)}{(created.PartnerId is null ? "" : $" of {created.PartnerId}")}); it is shown once:");
            Console.WriteLine(created.Key);
            return 0;
        }
    }

    private sealed class List : AsyncCommand<EmptyCommandSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
        {
            foreach (var key in await new ApiKeyStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).ListAsync())
                Console.WriteLine($"{key.Id}\t{RoleNames.Of(key.Role)}\t{key.PartnerId ?? "-"}\t{key.CreatedAt:O}\t{(key.RevokedAt is { } at ? $"revoked {at:O}" : "active")}\t{key.Name}");
            return 0;
        }
    }

    public sealed class RevokeSettings : CommandSettings
    {
        [CommandArgument(0, "<keyId>")]
        public string KeyId { get; init; } = "";
    }

    private sealed class Revoke : AsyncCommand<RevokeSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, RevokeSettings settings, CancellationToken cancellationToken)
        {
            if (await new ApiKeyStore(await StaffCommandLine.DatabaseAsync(), TimeProvider.System).RevokeAsync(settings.KeyId)) return 0;
            Console.Error.WriteLine($"no key '{settings.KeyId}'");
            return 1;
        }
    }
}
