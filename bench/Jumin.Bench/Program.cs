using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jumin.Domain.Residents;
using Jumin.Registry;
using Jumin.Registry.Residents;
using Microsoft.EntityFrameworkCore;

// Search latency (j320–j340) on a generated municipality, each query kind side by side with a
// baseline measured in the same run: the cheapest read of one 住民票, a primary-key SELECT in plain SQL.
//   dotnet run -c Release --project bench/Jumin.Bench -- --provider Postgres --connection "…" --residents 300000
var options = Args.Parse(args);
if (options.Get("suite", "registry") == "jukinet")
{
    // bench/jukinet.sh: 住基ネット update throughput and 全国サーバ query latency.
    var jukinetReport = await JukiNetBench.RunAsync(
        options.Get("server", null) ?? throw new InvalidOperationException("--server（データベース名を含まない接続文字列）が必要です。"),
        options.Get("data", "bench/data")!,
        int.Parse(options.Get("records", "1000000")!, CultureInfo.InvariantCulture),
        int.Parse(options.Get("updates", "2000")!, CultureInfo.InvariantCulture),
        int.Parse(options.Get("queries", "200")!, CultureInfo.InvariantCulture),
        options.Get("database-prefix", "jukinet_bench_")!);
    Console.WriteLine(jukinetReport);
    var jukinetOutput = options.Get("output", "bench/results/jukinet.md")!;
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jukinetOutput))!);
    await File.WriteAllTextAsync(jukinetOutput, jukinetReport);
    Console.WriteLine($"→ {jukinetOutput}");
    return;
}
var node = new RegistryNode(new RegistryOptions
{
    Provider = DatabaseProviders.Parse(options.Get("provider", "Sqlite")),
    ConnectionString = options.Get("connection", null),
    DataDirectory = options.Get("data", "bench/data")!,
    DemoResidents = 0,
});
var residents = int.Parse(options.Get("residents", "300000")!, CultureInfo.InvariantCulture);
var samples = int.Parse(options.Get("queries", "200")!, CultureInfo.InvariantCulture);
var output = options.Get("output", "bench/results/search.md")!;

await node.InitialiseAsync();
await node.EnsureDemoAccountsAsync();
int existing;
await using (var db = node.Database.Open())
{
    existing = await db.Residents.CountAsync();
}
var seedSeconds = 0.0;
if (existing < residents)
{
    Console.WriteLine($"生成中: {residents - existing:N0}人 …");
    var watch = Stopwatch.StartNew();
    var last = 0;
    await node.Demo.LoadAsync(residents - existing, 20261129 + existing, new SyncProgress<int>(n =>
    {
        if (n - last >= 50_000)
        {
            last = n;
            Console.WriteLine($"  {n:N0}人 {watch.Elapsed.TotalSeconds:N0}秒");
        }
    }));
    seedSeconds = watch.Elapsed.TotalSeconds;
}

if (node.Database.Provider == DatabaseProvider.Postgres)
{
    // What a DBA does after a bulk load (autovacuum would get there later): fresh statistics and visibility map.
    await using var db = node.Database.Open();
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
    await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
}

var op = await BenchOperators.FindAsync(node, "clerk02");
var random = new Random(7);
List<ResidentRecord> people;
long historyRows, terms, total;
await using (var db = node.Database.Open())
{
    total = await db.Residents.CountAsync();
    historyRows = await db.ResidentHistory.LongCountAsync();
    terms = await db.SearchTerms.LongCountAsync();
    var atenas = await db.Residents.OrderBy(r => r.AtenaNumber).Select(r => r.AtenaNumber).ToListAsync();
    var picked = Enumerable.Range(0, samples).Select(_ => atenas[random.Next(atenas.Count)]).ToList();
    people = [];
    foreach (var atena in picked)
    {
        people.Add(await db.ResidentHistory.Where(h => h.AtenaNumber == atena).OrderByDescending(h => h.HistoryNumber).FirstAsync());
    }
}

var kinds = new (string Name, Func<ResidentRecord, ResidentSearchCriteria> Criteria)[]
{
    ("宛名番号", p => new() { AtenaNumber = p.AtenaNumber.Value }),
    ("カナ氏名 完全一致（氏名）", p => new() { NameKana = p.FamilyNameKana + " " + p.GivenNameKana, Match = NameMatch.Exact }),
    ("カナ氏名 前方一致（氏の先頭3文字）+ 生年", p => new() { NameKana = p.FamilyNameKana[..Math.Min(3, p.FamilyNameKana.Length)], BirthDate = p.BirthDate.Year?.ToString(CultureInfo.InvariantCulture) }),
    ("漢字氏名 前方一致（氏名）", p => new() { Name = p.FamilyName + p.GivenName }),
    ("カナ 名のみ 完全一致 + 性別", p => new() { NameKana = p.GivenNameKana, Match = NameMatch.Exact, Sex = p.Sex }),
    ("生年月日（和暦）", p => new() { BirthDate = p.BirthDate.ToWareki(node.Options.Eras) }),
    ("住所 部分一致（町名+番地）", p => new() { Address = p.Address[(p.Address.IndexOf('市', StringComparison.Ordinal) + 1)..] + p.Banchi }),
    ("個人番号", p => new() { IndividualNumber = p.IndividualNumber?.Digits }),
};

var results = new List<(string Kind, double P50, double P95, double Mean, int Hits)>();
foreach (var (name, criteria) in kinds)
{
    var timings = new List<double>();
    var hits = 0;
    foreach (var (person, i) in people.Select((p, i) => (p, i)))
    {
        var c = criteria(person);
        var watch = Stopwatch.StartNew();
        var result = await node.Search.SearchAsync(op, c, screen: "ベンチマーク");
        watch.Stop();
        if (i >= 10)
        {
            // The first ten warm the pool, the plan cache and the JIT.
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        hits += result.Hits.Count;
    }
    results.Add((name, Percentile(timings, 50), Percentile(timings, 95), timings.Average(), hits / people.Count));
}

// Baseline: one 住民票 by primary key in plain SQL, on the same database, same samples.
var baseline = new List<double>();
await using (var db = node.Database.Open())
{
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    foreach (var (person, i) in people.Select((p, i) => (p, i)))
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM resident_history WHERE atena_number = @a AND history_number = @n";
        var a = command.CreateParameter();
        a.ParameterName = "@a";
        a.Value = person.AtenaNumber.Value;
        command.Parameters.Add(a);
        var n = command.CreateParameter();
        n.ParameterName = "@n";
        n.Value = person.HistoryNumber;
        command.Parameters.Add(n);
        var watch = Stopwatch.StartNew();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
            }
        }
        watch.Stop();
        if (i >= 10)
        {
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }
    }
}
var b50 = Percentile(baseline, 50);
var b95 = Percentile(baseline, 95);

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Search latency — {node.Database.Provider}, {total:N0} residents ({historyRows:N0} history rows, {terms:N0} search keys)");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; {people.Count - 10} measured queries per kind after 10 warm-up queries; each search is the full use case (validation, query, audit-log append, search-history row) as the counter and the API run it, with result lists capped at {ResidentSearch.DefaultLimit}.{(seedSeconds > 0 ? $" Generating the municipality took {seedSeconds:N0} s ({residents / seedSeconds:N0} residents/s)." : "")}");
report.AppendLine();
report.AppendLine("Baseline, measured in the same run on the same samples: reading one 住民票 row by primary key in plain SQL. On PostgreSQL the bench runs `VACUUM ANALYZE` after loading, as after any bulk load.");
report.AppendLine();
report.AppendLine("| query | p50 ms | p95 ms | mean ms | avg hits | baseline p50 ms | baseline p95 ms | p95 ÷ baseline p95 |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Kind} | {r.P50:F2} | {r.P95:F2} | {r.Mean:F2} | {r.Hits} | {b50:F3} | {b95:F3} | {r.P95 / b95:F0}× |");
}
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"→ {output}");

var changeCount = int.Parse(options.Get("changes", "200")!, CultureInfo.InvariantCulture);
if (changeCount > 0)
{
    var changesOutput = options.Get("changes-output", Path.Combine(Path.GetDirectoryName(output)!, "changes.md"))!;
    var changeReport = await ChangeBench.RunAsync(node, changeCount, total);
    Console.WriteLine(changeReport);
    await File.WriteAllTextAsync(changesOutput, changeReport);
    Console.WriteLine($"→ {changesOutput}");
}

var certificateCount = int.Parse(options.Get("certificates", "200")!, CultureInfo.InvariantCulture);
if (certificateCount > 0)
{
    var certificatesOutput = options.Get("certificates-output", Path.Combine(Path.GetDirectoryName(output)!, "certificates.md"))!;
    var certificateReport = await CertificateBench.RunAsync(node, certificateCount, int.Parse(options.Get("batch", "1000")!, CultureInfo.InvariantCulture), total);
    Console.WriteLine(certificateReport);
    await File.WriteAllTextAsync(certificatesOutput, certificateReport);
    Console.WriteLine($"→ {certificatesOutput}");
}

static double Percentile(List<double> values, int p) => Stats.Percentile(values, p);

internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new(values);
    }

    public string? Get(string name, string? fallback) => values.TryGetValue(name, out var v) ? v : fallback;
}
