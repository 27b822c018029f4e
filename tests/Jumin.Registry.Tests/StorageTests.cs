using System.Data.Common;
using System.Text;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Persistence;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Tests;

/// <summary>What the storage promises: migrations, append-only history, a verifiable audit log, no 個人番号 in clear.</summary>
public abstract class StorageTests(DatabaseProvider provider)
{
    [Fact]
    public async Task The_migrations_match_the_model_and_migrating_again_keeps_the_data()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 50);
        await using (var db = registry.Node.Database.Open())
        {
            Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a migration: run dotnet ef migrations add for both providers");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        int before;
        await using (var db = registry.Node.Database.Open())
        {
            before = await db.ResidentHistory.CountAsync();
        }
        await registry.Node.Database.MigrateAsync();
        await using (var db = registry.Node.Database.Open())
        {
            Assert.Equal(before, await db.ResidentHistory.CountAsync());
        }
        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);
    }

    [Fact]
    public async Task A_database_made_by_another_line_of_migrations_is_refused_with_what_to_do_and_left_as_it_was()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 5);
        int residents;
        await using (var db = registry.Node.Database.Open())
        {
            residents = await db.Residents.CountAsync();
            // As a developer database from before the baseline (ADR 0013) remembers its migrations.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO __ef_migrations_history (migration_id, product_version) VALUES ('20261129173344_Initial', '10.0.0')");
        }

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.Node.Database.MigrateAsync());

        Assert.Contains("20261129173344_Initial", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("data/", refusal.Message, StringComparison.Ordinal);
        await using var unchanged = registry.Node.Database.Open();
        Assert.Equal(residents, await unchanged.Residents.CountAsync());
    }

    [Theory]
    [InlineData("UPDATE resident_history SET given_name = 'X'")]
    [InlineData("DELETE FROM resident_history")]
    [InlineData("UPDATE audit_log SET detail = 'X'")]
    [InlineData("DELETE FROM audit_log")]
    public async Task The_database_refuses_to_rewrite_history_or_the_audit_log(string sql)
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        await using var db = registry.Node.Database.Open();
        var rows = await db.ResidentHistory.CountAsync();
        var audit = await db.AuditLog.CountAsync();
        var e = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
        Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        Assert.Equal(rows, await db.ResidentHistory.CountAsync());
        Assert.Equal(audit, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task History_numbers_must_continue_without_gaps()
    {
        await using var registry = await TestRegistry.CreateAsync(provider);
        var first = Samples.Person(10, 10, "青木", "太郎", "アオキ", "タロウ", new NodaTime.LocalDate(2003, 1, 7));
        await registry.AppendAsync(first);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.AppendAsync(first with { HistoryNumber = 3 }));
        Assert.Contains("連番", e.Message, StringComparison.Ordinal);
        await using var db = registry.Node.Database.Open();
        Assert.Equal(1, await db.ResidentHistory.CountAsync());
    }

    [Fact]
    public async Task The_audit_log_verifies_and_names_an_altered_entry()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        var target = await TwoSearchesAsync(registry);
        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);

        await using var db = registry.Node.Database.Open();
        await AsAttacker(db, $"UPDATE audit_log SET detail = 'カナ氏名=タナカ' WHERE sequence = {target}");
        var result = await registry.Node.Audit.VerifyAsync(registry.Node.Database);
        Assert.False(result.IsIntact);
        Assert.Equal(target, result.AtSequence);
        Assert.Contains("改ざん", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_names_a_removed_entry()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        var target = await TwoSearchesAsync(registry);
        await using var db = registry.Node.Database.Open();
        await AsAttacker(db, $"DELETE FROM audit_log WHERE sequence = {target}");
        var result = await registry.Node.Audit.VerifyAsync(registry.Node.Database);
        Assert.Equal(target, result.AtSequence);
        Assert.Contains("欠落", result.Problem, StringComparison.Ordinal);
    }

    /// <summary>Issue 15 item 8: the head lives in the database it protects; the checkpoint outside it does not.</summary>
    [Fact]
    public async Task Entries_cut_off_the_end_with_the_head_moved_back_are_found_against_the_checkpoint_outside_the_database()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        await TwoSearchesAsync(registry);
        var checkpoint = await registry.Node.AuditCheckpoints.WriteAsync(registry.Node.Database);
        Assert.NotNull(checkpoint);
        await registry.Node.Search.SearchAsync(await registry.OperatorAsync("clerk01"), new() { NameKana = "タナカ" });
        var anchored = await registry.Node.AuditCheckpoints.VerifyAsync(registry.Node.Database);
        Assert.True(anchored.IsIntact, anchored.Problem);
        Assert.Equal(checkpoint.Sequence, anchored.AnchoredTo?.Sequence);

        // Cut the log back to three entries before the checkpoint and move the head with it.
        var keep = checkpoint.Sequence - 3;
        await using var db = registry.Node.Database.Open();
        var kept = await db.AuditLog.Where(a => a.Sequence == keep).Select(a => a.Hash).SingleAsync();
        await AsAttacker(db, $"DELETE FROM audit_log WHERE sequence > {keep}");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_chain_head SET last_sequence = {keep}, last_hash = {kept} WHERE id = 1");

        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);
        var result = await registry.Node.AuditCheckpoints.VerifyAsync(registry.Node.Database);
        Assert.False(result.IsIntact);
        Assert.Equal(keep + 1, result.AtSequence);
        Assert.Contains($"第{keep + 1}番から第{checkpoint.Sequence}番までのログが削除されています", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_rewritten_to_match_a_shortened_log_is_found()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        await TwoSearchesAsync(registry);
        var checkpoint = (await registry.Node.AuditCheckpoints.WriteAsync(registry.Node.Database))!;
        var path = registry.Node.AuditCheckpoints.Path;

        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace($"\"Sequence\":{checkpoint.Sequence}", $"\"Sequence\":{checkpoint.Sequence - 1}", StringComparison.Ordinal));

        var result = await registry.Node.AuditCheckpoints.VerifyAsync(registry.Node.Database);
        Assert.False(result.IsIntact);
        Assert.Contains("署名が一致しません", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_names_an_inserted_entry()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 20);
        await using var db = registry.Node.Database.Open();
        var last = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
        var forged = last.Sequence + 1;
        // A row appended behind the application's back, with a made-up hash.
        await AsAttacker(db, $"INSERT INTO audit_log (sequence, at, operator_id, terminal, function, screen, individual_number_accessed, outcome, previous_hash, hash) " +
            $"VALUES ({forged}, {Timestamp(provider)}, 'intruder', 'X', '照会', '住民検索', {False(provider)}, 1, {Bytes(provider, last.Hash)}, {Bytes(provider, new byte[32])})");
        var result = await registry.Node.Audit.VerifyAsync(registry.Node.Database);
        Assert.Equal(forged, result.AtSequence);
        Assert.Contains("挿入", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_individual_number_is_stored_in_clear()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 200);
        await using var db = registry.Node.Database.Open();
        var numbers = (await db.ResidentHistory.Where(r => r.IndividualNumber != null).Select(r => r.IndividualNumber!).ToListAsync())
            .Select(n => n.Digits).Distinct().ToList();
        Assert.True(numbers.Count >= 100, "the demo register holds individual numbers");
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var scanned = 0;
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()!).Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i) switch
                    {
                        byte[] bytes => Encoding.ASCII.GetString(bytes) + Convert.ToHexString(bytes),
                        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    };
                    scanned++;
                    foreach (var number in numbers)
                    {
                        Assert.DoesNotContain(number, value, StringComparison.Ordinal);
                    }
                }
            }
        }
        Assert.True(scanned > 10_000);
    }

    [Fact]
    public async Task Atena_numbers_are_issued_in_sequence_skipping_remainder_one()
    {
        await using var registry = await TestRegistry.CreateAsync(provider);
        await using var db = registry.Node.Database.Open();
        await using var tx = await db.Database.BeginTransactionAsync();
        var serials = await Residents.ResidentWriter.AllocateAsync(db, "test", 300);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Assert.Equal(serials.Distinct().Count(), serials.Count);
        Assert.DoesNotContain(202L, serials);
        Assert.All(serials, s => AtenaNumber.FromSerial(s));
        Assert.Equal(serials.OrderBy(s => s), serials);
    }

    /// <summary>Two audited searches; returns the sequence number of the first one's entry.</summary>
    private static async Task<long> TwoSearchesAsync(TestRegistry registry)
    {
        var op = await registry.OperatorAsync("clerk01");
        await registry.Node.Search.SearchAsync(op, new() { NameKana = "サトウ" });
        await registry.Node.Search.SearchAsync(op, new() { NameKana = "スズキ" });
        await using var db = registry.Node.Database.Open();
        return await db.AuditLog.Where(a => a.Detail!.Contains("サトウ")).Select(a => a.Sequence).SingleAsync();
    }

    /// <summary>An attacker with database rights switches the append-only triggers off first.</summary>
    private async Task AsAttacker(RegistryDbContext db, string sql)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_log DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_log ENABLE TRIGGER USER");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    private static string Timestamp(DatabaseProvider p) => p == DatabaseProvider.Postgres ? "now()" : "'2026-11-29 00:00:00'";

    private static string False(DatabaseProvider p) => p == DatabaseProvider.Postgres ? "false" : "0";

    private static string Bytes(DatabaseProvider p, byte[] b) =>
        p == DatabaseProvider.Postgres ? $"'\\x{Convert.ToHexString(b)}'::bytea" : $"X'{Convert.ToHexString(b)}'";
}

public sealed class SqliteStorageTests() : StorageTests(DatabaseProvider.Sqlite);

public sealed class PostgresStorageTests() : StorageTests(DatabaseProvider.Postgres);
