using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry;
using Jumin.Registry.Demo;
using Microsoft.EntityFrameworkCore;

internal static class Stats
{
    public static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = p / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

/// <summary>
/// 異動 latency and throughput (j530: 仮登録 then 本登録 by another user), each side by side with a
/// baseline measured in the same run: the same history rows inserted by plain SQL in one transaction.
/// </summary>
internal static class ChangeBench
{
    public static async Task<string> RunAsync(RegistryNode node, int count, long residents)
    {
        var clerk = await BenchOperators.FindAsync(node, "clerk02");
        var approver = await BenchOperators.FindAsync(node, "approver01");
        var households = await PickHouseholdsAsync(node, count + 10 + count);
        var alerts = FindingCatalogue.All.Where(r => r.Severity == FindingSeverity.Alert).Select(r => r.Code).ToList();
        var random = new Random(11);
        var today = node.Changes.Today();

        ChangeRequest Relocation(List<AtenaNumber> movers)
        {
            var town = DemoMunicipality.Towns[random.Next(DemoMunicipality.Towns.Count)];
            return new ChangeRequest
            {
                Kind = ChangeKind.Relocation,
                ChangeDate = RecordedDate.FromLocalDate(today),
                NotificationDate = today,
                Movers = movers,
                NewAddress = new AddressInput(DemoMunicipality.AddressCodeOf(town), PostalCode.Parse(town.PostalCode), DemoMunicipality.AddressOf(town), $"{random.Next(1, 40)}番{random.Next(1, 30)}号"),
            };
        }

        // Sequential: one clerk, one approver, as at a counter.
        var enter = new List<double>();
        var register = new List<double>();
        var registered = new List<long>();
        var rows = 0;
        for (var i = 0; i < count + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var entry = await node.Changes.EnterAsync(clerk, Relocation(households[i]), alerts);
            var entered = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var done = await node.Changes.RegisterAsync(approver, entry.Id);
            var approved = watch.Elapsed.TotalMilliseconds;
            if (i >= 10)
            {
                enter.Add(entered);
                register.Add(approved);
                registered.Add(entry.Id);
                rows += done.Plan.NewRows.Count;
            }
        }
        var both = enter.Zip(register, (a, b) => a + b).ToList();

        // Throughput: four clerks and approvers at once, on other 世帯.
        const int workers = 4;
        var parallel = households.Skip(count + 10).ToList();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            for (var i = w; i < parallel.Count; i += workers)
            {
                var entry = await node.Changes.EnterAsync(clerk, Relocation(parallel[i]), alerts);
                await node.Changes.RegisterAsync(approver, entry.Id);
            }
        }));
        var parallelSeconds = wall.Elapsed.TotalSeconds;

        var baseline = await BaselineAsync(node, registered);
        var total = both.Sum() / 1000;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# 異動 latency — {node.Database.Provider}, {residents:N0} residents");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores. Each 異動 is a 転居 of a whole random 世帯 ({rows / (double)count:F2} people on average) through the full use case: 仮登録 (numbers, snapshot of the 世帯, planning and the j1440 checks, the provisional row, the audit entries) and 本登録 by another user (planning again, the read-set check, history rows, the current-state index and search keys, three outbox messages per person, the audit entries, all in one transaction). {count} measured after 10 warm-up changes.");
        report.AppendLine();
        report.AppendLine("Baseline, measured in the same run: the same history rows (read back after the run) inserted by plain SQL into a copy of `resident_history`, one transaction per 異動.");
        report.AppendLine();
        report.AppendLine("| step | p50 ms | p95 ms | mean ms | baseline p50 ms | baseline p95 ms | p95 ÷ baseline p95 |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var b50 = Stats.Percentile(baseline, 50);
        var b95 = Stats.Percentile(baseline, 95);
        foreach (var (name, values) in new[] { ("仮登録", enter), ("本登録", register), ("仮登録 + 本登録", both) })
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Stats.Percentile(values, 50):F2} | {Stats.Percentile(values, 95):F2} | {values.Average():F2} | {b50:F3} | {b95:F3} | {Stats.Percentile(values, 95) / b95:F0}× |");
        }
        report.AppendLine();
        report.AppendLine("| throughput | 異動/s | baseline 異動/s | ratio |");
        report.AppendLine("|---|---:|---:|---:|");
        var baselinePerSecond = baseline.Count / (baseline.Sum() / 1000);
        report.AppendLine(CultureInfo.InvariantCulture, $"| one clerk and one approver, sequential | {count / total:F1} | {baselinePerSecond:F0} | {baselinePerSecond / (count / total):F0}× |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {workers} clerks and {workers} approvers at once | {parallel.Count / parallelSeconds:F1} | — | — |");
        return report.ToString();
    }

    /// <summary>Whole 世帯 of current residents, none shared between samples.</summary>
    private static async Task<List<List<AtenaNumber>>> PickHouseholdsAsync(RegistryNode node, int count)
    {
        await using var db = node.Database.Open();
        var random = new Random(5);
        var numbers = await db.Residents.Where(r => r.Status == (int)ResidentStatus.Resident).Select(r => r.HouseholdNumber).Distinct().ToListAsync();
        var chosen = numbers.OrderBy(_ => random.Next()).Take(count).ToList();
        var members = await db.Residents.Where(r => chosen.Contains(r.HouseholdNumber) && r.Status == (int)ResidentStatus.Resident).Select(r => new { r.HouseholdNumber, r.AtenaNumber }).ToListAsync();
        var byHousehold = members.GroupBy(m => m.HouseholdNumber).ToDictionary(g => g.Key, g => g.Select(m => m.AtenaNumber).ToList());
        return [.. chosen.Select(h => byHousehold[h])];
    }

    private static async Task<List<double>> BaselineAsync(RegistryNode node, List<long> changes)
    {
        await using var db = node.Database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await Execute(connection, "DROP TABLE IF EXISTS bench_history");
        await Execute(connection, "CREATE TABLE bench_history AS SELECT * FROM resident_history WHERE 1 = 0");
        var timings = new List<double>();
        foreach (var id in changes)
        {
            var rows = new List<object?[]>();
            string[] columns;
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT * FROM resident_history WHERE change_id = {id}";
                await using var reader = await read.ExecuteReaderAsync();
                columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
                while (await reader.ReadAsync())
                {
                    var values = new object?[reader.FieldCount];
                    reader.GetValues(values!);
                    rows.Add(values);
                }
            }
            var watch = Stopwatch.StartNew();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                foreach (var values in rows)
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = tx;
                    insert.CommandText = $"INSERT INTO bench_history ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var p = insert.CreateParameter();
                        p.ParameterName = $"@p{i}";
                        p.Value = values[i] ?? DBNull.Value;
                        insert.Parameters.Add(p);
                    }
                    await insert.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        await Execute(connection, "DROP TABLE bench_history");
        return timings;
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
