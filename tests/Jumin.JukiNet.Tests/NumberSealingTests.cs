using Jumin.Domain.Identifiers;
using Jumin.National.NumberGeneration;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using NodaTime;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Issue 15 item 6: the 個人番号生成システム's store, which keeps every number ever generated for good, keeps none in
/// clear; a store the release before sealing wrote in clear is sealed when the node starts, and stays append-only.
/// </summary>
public abstract class NumberSealingTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string Old = IndividualNumber.FromLeadingDigits("12345678901").Digits;
    private static readonly string Current = IndividualNumber.FromLeadingDigits("23456789012").Digits;
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-numbers-").FullName;
    private readonly string postgresDatabase = $"jumin_test_numbers_{Guid.NewGuid():N}"[..40];
    private NumberGenerationDatabase database = null!;

    public async Task InitializeAsync()
    {
        string connection;
        if (provider == DatabaseProvider.Postgres)
        {
            await using var server = new NpgsqlConnection(TestRegistry.PostgresServer + ";Database=postgres");
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", server);
            await create.ExecuteNonQueryAsync();
            connection = new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = postgresDatabase }.ConnectionString;
        }
        else
        {
            connection = $"Data Source={Path.Combine(directory, "numbers.db")}";
        }
        database = new NumberGenerationDatabase(provider, connection, KeyStore.CreateTemporary().IndividualNumberProtector);
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (provider == DatabaseProvider.Postgres)
        {
            await TestRegistry.DropPostgresDatabaseAsync(postgresDatabase);
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Numbers_an_earlier_release_kept_in_clear_are_hashed_and_sealed_at_start_and_still_given_out()
    {
        await using (var db = database.Open())
        {
            // The store as the release before sealing left it: the numbers themselves in the key column, nothing sealed.
            await db.GetService<IMigrator>().MigrateAsync("Initial");
            var (january, february) = (new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO generated_numbers (number_hash, sealed_number, resident_code, generated_at, replaces) VALUES ({Old}, '', '10000000011', {january}, NULL), ({Current}, '', '10000000011', {february}, {Old})");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO number_assignments (resident_code, individual_number, reason, at) VALUES ('10000000011', {Old}, '生成', {january}), ('10000000011', {Current}, '変更', {february})");
        }

        await database.MigrateAsync();

        await using (var db = database.Open())
        {
            var numbers = await db.Numbers.AsNoTracking().ToListAsync();
            var assignments = await db.Assignments.AsNoTracking().Select(a => a.IndividualNumber!).ToListAsync();
            string[] stored = [.. numbers.SelectMany(n => new[] { n.NumberHash, n.SealedNumber, n.Replaces ?? "" }), .. assignments];
            Assert.All(stored, value => Assert.DoesNotContain(Old, value, StringComparison.Ordinal));
            Assert.All(stored, value => Assert.DoesNotContain(Current, value, StringComparison.Ordinal));
            Assert.Equal(database.Protector.LookupHash(Current), numbers.Single(n => database.Protector.OpenText(n.SealedNumber) == Current).NumberHash);
            Assert.Equal(Old, database.Protector.OpenText(numbers.Single(n => n.Replaces != null).Replaces!));

            // The guard was lifted for the sealing only.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Numbers.ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => db.Assignments.ExecuteUpdateAsync(u => u.SetProperty(a => a.Reason, "改ざん")));
        }

        // The generator reads the sealed store as its own: the code keeps its number, and neither number is given out again.
        using var generator = new NumberGenerator(database, new byte[32], SystemClock.Instance);
        Assert.Equal(Current, (await generator.GenerateAsync(ResidentCode.Parse("10000000011"))).Number!.Digits);
        var changed = await generator.ChangeAsync(ResidentCode.Parse("10000000011"), IndividualNumber.Parse(Current));
        Assert.NotNull(changed.Number);
        Assert.DoesNotContain(changed.Number.Digits, new[] { Old, Current });

        // A second start finds nothing in clear and changes nothing.
        await database.MigrateAsync();
        Assert.Equal(3, await generator.CountAsync());
    }
}

public sealed class SqliteNumberSealingTests() : NumberSealingTests(DatabaseProvider.Sqlite);

public sealed class PostgresNumberSealingTests() : NumberSealingTests(DatabaseProvider.Postgres);
