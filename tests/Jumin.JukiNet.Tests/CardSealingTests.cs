using Jumin.Domain.Identifiers;
using Jumin.National.Cards;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Issue 15 item 6: the カード管理システム's store keeps no 個人番号 in clear; a store the release before sealing wrote in
/// clear is sealed when the node starts, and its cards are still found by 個人番号 (by the keyed hash).
/// </summary>
public abstract class CardSealingTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string Digits = IndividualNumber.FromLeadingDigits("34567890123").Digits;
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-cards-").FullName;
    private readonly string postgresDatabase = $"jumin_test_cards_{Guid.NewGuid():N}"[..40];
    private CardDatabase database = null!;

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
            connection = $"Data Source={Path.Combine(directory, "cards.db")}";
        }
        database = new CardDatabase(provider, connection, KeyStore.CreateTemporary().IndividualNumberProtector);
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
    public async Task Card_numbers_an_earlier_release_kept_in_clear_are_sealed_at_start_and_still_found_by_individual_number()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var (issued, expires) = (new DateOnly(2026, 1, 1), new DateOnly(2036, 1, 1));
        await using (var db = database.Open())
        {
            // The store as the release before sealing left it: the numbers in clear, no keyed hash to find them by.
            await db.GetService<IMigrator>().MigrateAsync("Initial");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO cards (card_number, resident_code, individual_number, individual_number_hash, municipality_code, status, issued_on, expires_on, updated_at) VALUES ('JPKI00000001', '10000000011', {Digits}, '', '032999', 1, {issued}, {expires}, {now})");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO card_destinations (municipality_code, destination_number, resident_code, individual_number, name, name_kana, birth_date, sex, address, delivery_name, delivery_address, reason, received_at) VALUES ('032999', 1, '10000000011', {Digits}, '佐藤　一郎', 'サトウ　イチロウ', '1980年1月1日', 1, '岩手県', '佐藤　一郎', '岩手県', '異動', {now})");
        }

        await database.MigrateAsync();

        await using var sealedStore = database.Open();
        var card = await sealedStore.Cards.AsNoTracking().SingleAsync();
        var destination = await sealedStore.Destinations.AsNoTracking().SingleAsync();
        Assert.All([card.IndividualNumber, card.IndividualNumberHash, destination.IndividualNumber], value => Assert.DoesNotContain(Digits, value, StringComparison.Ordinal));
        Assert.Equal(Digits, database.Protector.OpenText(card.IndividualNumber));
        Assert.Equal(Digits, database.Protector.OpenText(destination.IndividualNumber));
        var hash = database.Protector.LookupHash(Digits);
        Assert.Equal("JPKI00000001", await sealedStore.Cards.Where(c => c.IndividualNumberHash == hash).Select(c => c.CardNumber).SingleAsync());
    }
}

public sealed class SqliteCardSealingTests() : CardSealingTests(DatabaseProvider.Sqlite);

public sealed class PostgresCardSealingTests() : CardSealingTests(DatabaseProvider.Postgres);
