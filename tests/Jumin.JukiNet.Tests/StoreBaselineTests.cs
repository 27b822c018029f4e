using Jumin.JukiNet.Persistence;
using Jumin.National.Cards;
using Jumin.National.NumberGeneration;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Issue 14 item 2: each 住基ネット store (本人確認情報, カード管理, 個人番号生成) starts from one baseline migration per
/// provider, has no model change without a migration, and keeps what may never be rewritten append-only: the baseline
/// carries the guards the earlier migrations added one by one.
/// </summary>
public abstract class StoreBaselineTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-baseline-").FullName;
    private readonly List<string> postgresDatabases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var database in postgresDatabases)
        {
            await TestRegistry.DropPostgresDatabaseAsync(database);
        }
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("identity", "identity_history")]
    [InlineData("identity", "message_log")]
    [InlineData("identity", "provision_log")]
    [InlineData("cards", "card_events")]
    [InlineData("numbers", "generated_numbers")]
    [InlineData("numbers", "number_assignments")]
    public async Task A_new_store_has_its_one_baseline_and_the_guards_on_what_it_keeps(string store, string appendOnlyTable)
    {
        var connection = await NewDatabaseAsync(store);
        var protector = KeyStore.CreateTemporary().IndividualNumberProtector;
        await using DbContext db = store switch
        {
            "identity" => await MigratedAsync(new JukiNetDatabase(provider, connection, protector)),
            "cards" => await MigratedAsync(new CardDatabase(provider, connection, protector)),
            _ => await MigratedAsync(new NumberGenerationDatabase(provider, connection, protector)),
        };

        Assert.Equal("Initial", Assert.Single(db.Database.GetMigrations()).Split('_', 2)[1]);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a migration: run dotnet ef migrations add for both providers");
        Assert.True(await GuardsOnAsync(db, appendOnlyTable) >= 2, $"{appendOnlyTable} has lost its append-only triggers");
    }

    /// <summary>The triggers on a table (SQLite: no update, no delete; PostgreSQL: no update or delete, no truncate).</summary>
    private async Task<long> GuardsOnAsync(DbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = @table"
            : "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(@table) AND NOT tgisinternal";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<TContext> MigratedAsync<TContext>(StoreDatabase<TContext> database) where TContext : DbContext
    {
        await database.MigrateAsync();
        return database.Open();
    }

    private async Task<string> NewDatabaseAsync(string store)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return $"Data Source={Path.Combine(directory, store + ".db")}";
        }
        var name = $"jumin_test_baseline_{Guid.NewGuid():N}"[..40];
        await using var server = new NpgsqlConnection(TestRegistry.PostgresServer + ";Database=postgres");
        await server.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", server))
        {
            await create.ExecuteNonQueryAsync();
        }
        postgresDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = name }.ConnectionString;
    }
}

public sealed class SqliteStoreBaselineTests() : StoreBaselineTests(DatabaseProvider.Sqlite);

public sealed class PostgresStoreBaselineTests() : StoreBaselineTests(DatabaseProvider.Postgres);
