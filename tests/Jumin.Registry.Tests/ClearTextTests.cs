using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Tests;

/// <summary>
/// The database never holds a 個人番号 in clear text (seeds: 暗号化; issue 5): after a demo seed and
/// 異動 that enter and change numbers, no value in any column of any table contains one.
/// </summary>
public abstract partial class ClearTextTests(DatabaseProvider provider)
{
    [Fact]
    public async Task No_table_holds_an_individual_number_in_clear_text()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 200);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date;
        var clerk = await registry.OperatorAsync("clerk02");
        var approver = await registry.OperatorAsync("approver01");
        // One number travels through a registered 異動, one stays in a 仮登録's stored request.
        var registered = await registry.Node.Changes.EnterAsync(clerk, ChangeRequests.CoupleMovesIn(today.PlusDays(-3), family: "暗号", husbandNumber: "123456789018"), []);
        await registry.Node.Changes.RegisterAsync(approver, registered.Id);
        var wife = registered.Plan.NewRows[1].AtenaNumber;
        await registry.Node.Changes.EnterAsync(clerk, new ChangeRequest
        {
            Kind = ChangeKind.IndividualNumberChange,
            Basis = ChangeBasis.ExOfficio,
            Reason = Domain.Residents.ChangeReason.IndividualNumberExOfficioEntry,
            ChangeDate = RecordedDate.FromLocalDate(today),
            Movers = [wife],
            Corrections = [new(wife, new PersonItems { IndividualNumber = IndividualNumber.Parse("983205673214") })],
        }, []);
        await registry.Node.Search.SearchAsync(clerk, new() { IndividualNumber = "123456789018" });

        var numbers = new HashSet<string>(StringComparer.Ordinal) { "123456789018", "983205673214" };
        await using var db = registry.Node.Database.Open();
        foreach (var row in await db.ResidentHistory.AsNoTracking().Where(h => h.IndividualNumber != null).ToListAsync())
        {
            numbers.Add(row.IndividualNumber!.Digits);
        }
        Assert.True(numbers.Count > 100, $"{numbers.Count} numbers to look for");

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await TablesAsync(connection);
        Assert.Contains("resident_changes", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.Latin1.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    found.AddRange(Twelve().Matches(text).Select(m => m.Groups[1].Value).Where(numbers.Contains).Select(n => $"{table}.{reader.GetName(i)}"));
                }
            }
        }
        Assert.Empty(found);
    }

    private async Task<List<string>> TablesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    /// <summary>Every 12-digit window, overlapping, so that a number inside a longer run of digits is found too.</summary>
    [GeneratedRegex("(?=([0-9]{12}))")]
    private static partial Regex Twelve();
}

public sealed class SqliteClearTextTests() : ClearTextTests(DatabaseProvider.Sqlite);

public sealed class PostgresClearTextTests() : ClearTextTests(DatabaseProvider.Postgres);
