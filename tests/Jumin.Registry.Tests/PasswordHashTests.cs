using System.Buffers.Binary;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Tests;

/// <summary>The password hash cost: what is stored, at the cost the node was given.</summary>
public sealed class PasswordHashTests
{
    [Fact]
    public async Task A_node_with_default_settings_stores_passwords_at_the_production_cost_and_the_test_registers_at_their_own()
    {
        var directory = Directory.CreateTempSubdirectory("jumin-hash-").FullName;
        try
        {
            var production = new RegistryNode(new RegistryOptions { DataDirectory = directory });
            await production.InitialiseAsync();
            await production.Accounts.CreateAsync(Operator.Batch("init"), new NewAccount("admin01", "管理 太郎", "a-long-password-1", "情報政策課", [Roles.Administrator], []));
            Assert.Equal(AccountService.ProductionPasswordHashIterations, await StoredIterationsAsync(production, "admin01"));

            await using var registry = await TestRegistry.CreateAsync(DatabaseProvider.Sqlite);
            Assert.Equal(TestRegistry.PasswordHashIterations, await StoredIterationsAsync(registry.Node, "clerk01"));
            Assert.Equal(LoginOutcome.Succeeded, (await registry.LoginAsync("clerk01")).Outcome);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>ASP.NET Core Identity's V3 hash: 0x01, PRF, iteration count (big-endian), salt length, salt, subkey.</summary>
    private static async Task<int> StoredIterationsAsync(RegistryNode node, string userId)
    {
        await using var db = node.Database.Open();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.UserId == userId)).PasswordHash);
        Assert.Equal(0x01, hash[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
    }
}
