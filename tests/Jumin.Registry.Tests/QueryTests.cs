using Jumin.Domain.Audit;
using Jumin.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Tests;

/// <summary>住民票照会 with 世帯 and 異動履歴 (j350): who saw whom is recorded for every person shown.</summary>
public abstract class QueryTests(DemoRegisterFixture fixture)
{
    [Fact]
    public async Task A_dossier_holds_the_full_history_and_the_current_household()
    {
        var registry = fixture.Registry;
        await using var db = registry.Node.Database.Open();
        var person = await db.Residents.Where(r => r.LatestHistoryNumber >= 2 && r.Status == (int)ResidentStatus.Resident).OrderBy(r => r.AtenaNumber).FirstAsync();
        var op = await registry.OperatorAsync("clerk01");
        var before = await db.AuditLog.CountAsync();

        var dossier = await registry.Node.Query.GetAsync(op, person.AtenaNumber);

        Assert.NotNull(dossier);
        Assert.Equal(Enumerable.Range(1, person.LatestHistoryNumber), dossier.History.Select(h => h.HistoryNumber));
        Assert.Equal(dossier.History[^1], dossier.Current);
        Assert.Contains(dossier.Household, m => m.AtenaNumber == person.AtenaNumber);
        Assert.All(dossier.Household, m => Assert.Equal(dossier.Current.HouseholdNumber, m.HouseholdNumber));
        Assert.False(dossier.IndividualNumberShown);

        var entries = await db.AuditLog.Where(a => a.Sequence > before).ToListAsync();
        Assert.Equal(dossier.Household.Count, entries.Count);
        Assert.Equal(dossier.Household.Select(m => m.AtenaNumber.Value).OrderBy(a => a), entries.Select(e => e.TargetAtenaNumber).OrderBy(a => a));
        Assert.All(entries, e => Assert.False(e.IndividualNumberAccessed));
    }

    [Fact]
    public async Task Showing_the_individual_number_is_flagged_in_the_audit_log()
    {
        var registry = fixture.Registry;
        await using var db = registry.Node.Database.Open();
        var person = await db.Residents.OrderBy(r => r.AtenaNumber).FirstAsync();
        var before = await db.AuditLog.CountAsync();
        var dossier = await registry.Node.Query.GetAsync(await registry.OperatorAsync("clerk02"), person.AtenaNumber);
        Assert.True(dossier!.IndividualNumberShown);
        var entry = await db.AuditLog.Where(a => a.Sequence > before && a.TargetAtenaNumber == person.AtenaNumber.Value).SingleAsync();
        Assert.True(entry.IndividualNumberAccessed);
        Assert.Equal("clerk02", entry.OperatorId);
    }

    [Fact]
    public async Task An_unknown_person_is_not_found_and_the_attempt_is_audited()
    {
        var registry = fixture.Registry;
        var unknown = Domain.Identifiers.AtenaNumber.FromSerial(999_999_990);
        Assert.Null(await registry.Node.Query.GetAsync(await registry.OperatorAsync("clerk01"), unknown));
        await using var db = registry.Node.Database.Open();
        var last = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal(unknown.Value, last.TargetAtenaNumber);
        Assert.Equal((int)AuditOutcome.Refused, last.Outcome);
    }
}

public sealed class SqliteQueryTests(SqliteDemoRegister fixture) : QueryTests(fixture), IClassFixture<SqliteDemoRegister>;

public sealed class PostgresQueryTests(PostgresDemoRegister fixture) : QueryTests(fixture), IClassFixture<PostgresDemoRegister>;
