using Jumin.Domain.Identifiers;
using Jumin.Registry.Persistence;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Jumin.Registry.Tests;

/// <summary>
/// A register at the baseline schema (one Initial migration per provider since issue 14 squashed the earlier ones)
/// keeps every row through start-up, which rebuilds what the rows alone do not hold (the search keys). As migrations
/// are added after the baseline, each gets an upgrade test here, from a register with rows in the schema before it.
/// </summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_register_at_the_baseline_keeps_its_residents_and_gets_its_search_keys_at_start()
    {
        await using var registry = await TestRegistry.CreateAsync(provider);
        await using (var db = registry.Node.Database.Open())
        {
            // Start again from the baseline, with a person written with the items of the first release and no search keys.
            await db.Database.EnsureDeletedAsync();
            var first = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(first);
            await InsertAsFirstReleaseAsync(db);
        }

        await registry.Node.InitialiseAsync();

        await using var upgraded = registry.Node.Database.Open();
        Assert.Empty(await upgraded.Database.GetPendingMigrationsAsync());
        var row = await upgraded.ResidentHistory.SingleAsync();
        Assert.Equal("移行", row.FamilyName);
        Assert.Equal("0000000019", row.AtenaNumber.Value);
        Assert.False(row.IsAdultWard);
        Assert.Null(row.CardIssuanceStatus);
        var reader = Access.Operator.Batch("migration-test") with { Permissions = new HashSet<Access.Permission> { Access.Permission.Inquiry }, Reason = TestRegistry.CounterReason };
        var dossier = await registry.Node.Query.GetAsync(reader, AtenaNumber.Parse("0000000019"));
        Assert.Equal("移行　太郎", dossier!.Current.FullName);
        // The カナ search keys are rebuilt from the history under today's j330 rules (issue 15 item 14): the
        // first release wrote none, and a 長音 typed as ー now meets the spelled-out イコウ タロウ.
        var found = await registry.Node.Search.SearchAsync(reader, new() { NameKana = "イコー タロー", Match = Residents.NameMatch.Exact });
        Assert.Equal("0000000019", Assert.Single(found.Hits).Current.AtenaNumber.Value);
    }

    private static async Task InsertAsFirstReleaseAsync(RegistryDbContext db)
    {
        var values = new Dictionary<string, object>
        {
            ["atena_number"] = "0000000019",
            ["history_number"] = 1,
            ["change_reason"] = 101,
            ["change_date"] = 20200401000L,
            ["processed_at"] = new DateTime(2020, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            ["input_place"] = "本庁",
            ["input_terminal"] = "T1",
            ["operator_id"] = "migration",
            ["kind"] = 1,
            ["status"] = 1,
            ["family_name"] = "移行",
            ["given_name"] = "太郎",
            ["family_name_kana"] = "イコウ",
            ["given_name_kana"] = "タロウ",
            ["name_kana_confirmed"] = false,
            ["former_surname_kana_confirmed"] = false,
            ["alias_kana_confirmed"] = false,
            ["birth_date"] = 19800101000L,
            ["sex"] = 1,
            ["household_number"] = "0000000019",
            ["household_head_atena_number"] = "0000000019",
            ["relationship"] = "世帯主",
            ["member_order"] = 1,
            ["address_code"] = "03299001001",
            ["postal_code"] = "0299901",
            ["address"] = "岩手県みどり市中央一丁目",
            ["banchi"] = "１番",
            ["address_established_on"] = 20200401000L,
            ["domicile_status"] = 3,
            ["residence_notified"] = false,
            ["moved_in_with_landing_permit"] = false,
            ["is_adult_ward"] = false,
            ["on_electoral_register"] = true,
            ["national_health_insurance"] = false,
            ["late_stage_elderly_insurance"] = false,
            ["long_term_care_insurance"] = false,
            ["national_pension"] = false,
        };
        await InsertAsync(db, "resident_history", values);
        await InsertAsync(db, "residents", new Dictionary<string, object>
        {
            ["atena_number"] = "0000000019",
            ["latest_history_number"] = 1,
            ["household_number"] = "0000000019",
            ["member_order"] = 1,
            ["status"] = 1,
            ["kind"] = 1,
            ["sex"] = 1,
            ["birth_key"] = 19800101,
            ["name_kana_key"] = "イコタロ",
        });
    }

    private static async Task InsertAsync(RegistryDbContext db, string table, Dictionary<string, object> values)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Keys.Select(k => "@" + k))})";
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
