using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry;
using Jumin.Registry.JukiNet;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// 住基ネット on PostgreSQL: update throughput registry → CS → 都道府県 → 全国 (j1090) and 全国サーバ query latency with
/// 1,000,000 本人確認情報, each beside a baseline measured in the same run.
/// </summary>
internal static class JukiNetBench
{
    public static async Task<string> RunAsync(string server, string data, int records, int updates, int queries, string databasePrefix = "jukinet_bench_")
    {
        var municipality = new Municipality(Jumin.Registry.Demo.DemoMunicipality.Code.Value, "みどり市", "岩手県");
        var national = NodeId.Parse("national");
        var agency = NodeId.Parse("agency-bench");
        var authority = ProjectCertificateAuthority.Create();
        var credentials = new Dictionary<NodeId, X509Certificate2>();
        var entries = new List<DirectoryEntry>();
        void Add(NodeId id, NodeRole role, string? code, NodeId? parent, string? ground = null)
        {
            credentials[id] = authority.Issue(id);
            entries.Add(new DirectoryEntry { Id = id, Role = role, Name = id.Value, Code = code, Parent = parent, LegalGround = ground, Certificate = X509CertificateLoader.LoadCertificate(credentials[id].RawData) });
        }
        Add(national, NodeRole.National, null, null);
        Add(municipality.Prefecture, NodeRole.Prefecture, municipality.PrefectureCode, national);
        Add(municipality.Cs, NodeRole.Cs, municipality.Code, municipality.Prefecture);
        Add(municipality.Registry, NodeRole.Registry, municipality.Code, municipality.Cs);
        Add(agency, NodeRole.Agency, null, null, "住基法30条の9 別表第一");
        var directory = new NodeDirectory(entries);
        var network = new InProcessNetwork();
        var timed = new TimedTransport(network);
        string Database(string name) => new NpgsqlConnectionStringBuilder(server) { Database = databasePrefix + name }.ConnectionString;
        var nodes = new Dictionary<NodeId, RunningNode>();
        foreach (var id in new[] { national, municipality.Prefecture, municipality.Cs })
        {
            var name = id.Value.Replace('-', '_');
            nodes[id] = await NodeFactory.CreateAsync(id, directory, credentials[id], authority.Certificate,
                new NodeStorage(DatabaseProvider.Postgres, Database(name), Path.Combine(data, "keys"), Database(name + "_numbers"), CardManagementConnectionString: Database(name + "_cards")), timed);
            network.Attach(id, nodes[id].Node.ReceiveAsync);
        }

        // ── Update throughput ──────────────────────────────────────────────────
        var registry = new RegistryNode(new RegistryOptions { Provider = DatabaseProvider.Postgres, ConnectionString = Database("registry"), DataDirectory = data, DemoResidents = updates });
        await registry.InitialiseAsync();
        await registry.EnsureDemoResidentsAsync();
        using var link = new CsLink(registry.Database, new CsLinkSettings(municipality.Registry, credentials[municipality.Registry], directory.Get(municipality.Cs), timed), registry.Clock);
        var queued = await link.EnqueueInitialLoadAsync(registry.Audit);
        var stages = new List<(string Hop, int Count, double Seconds)>();
        async Task Stage(string hop, Func<Task<int>> deliver)
        {
            var watch = Stopwatch.StartNew();
            var total = 0;
            int moved;
            while ((moved = await deliver()) > 0)
            {
                total += moved;
            }
            stages.Add((hop, total, watch.Elapsed.TotalSeconds));
        }
        await Stage("既存住基 → 市町村CS", () => link.DeliverPendingAsync());
        await Stage("市町村CS → 都道府県サーバ", () => nodes[municipality.Cs].Node.DeliverPendingAsync());
        await Stage("都道府県サーバ → 全国サーバ", () => nodes[municipality.Prefecture].Node.DeliverPendingAsync());
        int arrived;
        List<IdentityUpdateMessage> sent;
        await using (var db = nodes[national].Node.Database.Open())
        {
            arrived = await db.Identities.CountAsync();
            sent = (await db.Identities.AsNoTracking().ToListAsync()).Select(r => IdentityStore.ToMessage(db.Protector, r)).ToList();
        }

        // Baseline: the same 本人確認情報 stored by IdentityStore alone in a fresh store, one transaction each — what
        // storing costs without signatures, sequence numbers, logs, outboxes and the two relays.
        var baselineStore = new JukiNetDatabase(DatabaseProvider.Postgres, Database("baseline"), KeyStore.CreateTemporary().IndividualNumberProtector);
        await baselineStore.MigrateAsync();
        var baselineTimings = new List<double>();
        var baselineWatch = Stopwatch.StartNew();
        foreach (var message in sent)
        {
            var watch = Stopwatch.StartNew();
            await using var db = baselineStore.Open();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await IdentityStore.ApplyAsync(db, message.ToDomain() with { IsInitialLoad = true }, "bench", DateTime.UtcNow, default);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            baselineTimings.Add(watch.Elapsed.TotalMilliseconds);
        }
        var baselineSeconds = baselineWatch.Elapsed.TotalSeconds;

        // ── 1,000,000 本人確認情報 at the 全国サーバ, then 照会 ─────────────────────
        var fillWatch = Stopwatch.StartNew();
        await FillAsync(Database("national"), records, nodes[national].Node.Database.Protector);
        var fillSeconds = fillWatch.Elapsed.TotalSeconds;
        long stored;
        await using (var db = nodes[national].Node.Database.Open())
        {
            stored = await db.Identities.LongCountAsync();
        }
        var random = new Random(11);
        var samples = Enumerable.Range(0, queries + 10).Select(_ => random.Next(1, records + 1)).ToList();
        var kinds = new (string Name, Func<int, IdentityQueryMessage> Query)[]
        {
            ("住民票コード", g => new IdentityQueryMessage("bench", "住基法30条の9 別表第一", ResidentCode: Code(g))),
            ("個人番号", g => new IdentityQueryMessage("bench", "住基法30条の9 別表第一", IndividualNumber: Number(g).Digits)),
            ("氏名 + 生年月日", g => new IdentityQueryMessage("bench", "住基法30条の9 別表第一", Name: Name(g), BirthDate: Birth(g))),
            ("氏名の振り仮名 + 住所", g => new IdentityQueryMessage("bench", "住基法30条の9 別表第一", NameKana: Kana(g), Address: Address(g))),
        };
        var queryResults = new List<(string Kind, double P50, double P95, double Hits)>();
        long sequence = 0;
        using var agencyKey = credentials[agency].GetECDsaPrivateKey()!;
        foreach (var (name, query) in kinds)
        {
            var timings = new List<double>();
            var hits = 0;
            foreach (var (g, i) in samples.Select((g, i) => (g, i)))
            {
                var envelope = new Envelope
                {
                    From = agency.Value,
                    To = national.Value,
                    Stream = Streams.Request,
                    Sequence = ++sequence,
                    Kind = MessageKinds.IdentityQuery,
                    Body = JsonSerializer.Serialize(query(g), Envelope.Json),
                    SentAt = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                }.SignedWith(agencyKey);
                var watch = Stopwatch.StartNew();
                var reply = await network.SendAsync(directory.National, envelope);
                watch.Stop();
                if (i >= 10)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                    hits += JsonSerializer.Deserialize<IdentityQueryResult>(reply.Body!, Envelope.Json)!.Found.Count;
                }
            }
            queryResults.Add((name, Stats.Percentile(timings, 50), Stats.Percentile(timings, 95), (double)hits / queries));
        }
        var baselineQueries = new List<double>();
        await using (var connection = new NpgsqlConnection(Database("national")))
        {
            await connection.OpenAsync();
            foreach (var (g, i) in samples.Select((g, i) => (g, i)))
            {
                await using var command = new NpgsqlCommand("SELECT * FROM identity_records WHERE resident_code = @c", connection);
                command.Parameters.AddWithValue("c", Code(g));
                var watch = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }
                if (i >= 10)
                {
                    baselineQueries.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }
        foreach (var node in nodes.Values)
        {
            node.Dispose();
        }

        var hopTimings = timed.Timings;
        var b50 = Stats.Percentile(baselineTimings, 50);
        var b95 = Stats.Percentile(baselineTimings, 95);
        var q50 = Stats.Percentile(baselineQueries, 50);
        var q95 = Stats.Percentile(baselineQueries, 95);
        var report = new StringBuilder();
        report.AppendLine("# 住基ネット — update throughput and 全国サーバ query latency (PostgreSQL)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, every node in one process over the in-process transport (signatures, certificate and sequence checks, logs and outboxes as over HTTPS; no TLS), each node on its own database of one throwaway PostgreSQL (fsync off).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"## 本人確認情報の更新 (j1090): {queued:N0} updates, registry → CS → 都道府県サーバ → 全国サーバ");
        report.AppendLine();
        report.AppendLine("Each hop sends its outbox in order, one signed message at a time, and the receiver checks and stores it in one transaction before it acknowledges. The hops run one after the other here (in service they overlap). Baseline, in the same run: the same 本人確認情報 stored by `IdentityStore` alone into a fresh store, one transaction each.");
        report.AppendLine();
        report.AppendLine("| hop | messages | seconds | messages/s | p50 ms | p95 ms | baseline p50 ms | baseline p95 ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (hop, count, seconds) in stages)
        {
            var key = hopTimings.Keys.FirstOrDefault(k => hop.StartsWith(k, StringComparison.Ordinal)) ?? hop;
            var t = hopTimings.GetValueOrDefault(key) ?? [];
            report.AppendLine(CultureInfo.InvariantCulture, $"| {hop} | {count:N0} | {seconds:F1} | {count / seconds:N0} | {Stats.Percentile(t, 50):F2} | {Stats.Percentile(t, 95):F2} | {b50:F2} | {b95:F2} |");
        }
        var totalSeconds = stages.Sum(s => s.Seconds);
        report.AppendLine(CultureInfo.InvariantCulture, $"| **end to end** | {arrived:N0} arrived | {totalSeconds:F1} | {arrived / totalSeconds:N0} | | | | |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| baseline (store only) | {sent.Count:N0} | {baselineSeconds:F1} | {sent.Count / baselineSeconds:N0} | {b50:F2} | {b95:F2} | | |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"## 本人確認情報照会 at the 全国サーバ with {stored:N0} records");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{records:N0} synthetic records were loaded with COPY in {fillSeconds:F0} s, then `ANALYZE`. Each query is the whole path an agency's request takes: signature and sender check, sequence number, the criteria rule, the search, the 提供記録 row and the message-log row, committed. {queries} measured queries per kind after 10 warm-up queries. Baseline, same run and samples: one row by primary key in plain SQL.");
        report.AppendLine();
        report.AppendLine("| query | p50 ms | p95 ms | avg hits | baseline p50 ms | baseline p95 ms |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in queryResults)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Kind} | {r.P50:F2} | {r.P95:F2} | {r.Hits:F1} | {q50:F3} | {q95:F3} |");
        }
        return report.ToString();
    }

    private static string Code(int g) => (50_000_000_000L + g).ToString("D11", CultureInfo.InvariantCulture);

    private static IndividualNumber Number(int g) => IndividualNumber.FromLeadingDigits((60_000_000_000L + g).ToString("D11", CultureInfo.InvariantCulture));

    private static string Name(int g) => $"試験　太郎{g}";

    private static string Kana(int g) => $"シケン　タロウ{g}";

    private static string Birth(int g) => $"{1940 + g % 70}年{1 + g % 12}月{1 + g % 28}日";

    private static string Address(int g) => $"東京都あおば区中央{1 + g % 9}丁目{g % 1000}番{g % 50}号";

    /// <summary>Loads synthetic 本人確認情報 with COPY (binary), each 個人番号 sealed and hashed as the node does, then ANALYZE.</summary>
    private static async Task FillAsync(string connectionString, int records, IndividualNumberProtector protector)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY identity_records (resident_code, municipality_code, name, name_kana, birth_date, sex, address, sealed_individual_number, individual_number_hash, change_reason, change_date, is_resident, version, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTime.UtcNow;
            for (var g = 1; g <= records; g++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Code(g), NpgsqlDbType.Varchar);
                await writer.WriteAsync("131016", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Name(g), NpgsqlDbType.Text);
                await writer.WriteAsync(Kana(g), NpgsqlDbType.Text);
                await writer.WriteAsync(Birth(g), NpgsqlDbType.Text);
                await writer.WriteAsync(1 + g % 2, NpgsqlDbType.Integer);
                await writer.WriteAsync(Address(g), NpgsqlDbType.Text);
                await writer.WriteAsync(protector.SealText(Number(g).Digits), NpgsqlDbType.Text);
                await writer.WriteAsync(protector.LookupHash(Number(g).Digits), NpgsqlDbType.Text);
                await writer.WriteAsync(101, NpgsqlDbType.Integer);
                await writer.WriteAsync("2020年1月1日", NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE identity_records", connection) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Times each send, per hop (sender role → receiver role).</summary>
    private sealed class TimedTransport(IJukiNetTransport inner) : IJukiNetTransport
    {
        public Dictionary<string, List<double>> Timings { get; } = [];

        public async Task<Reply> SendAsync(DirectoryEntry destination, Envelope envelope, CancellationToken cancellationToken = default)
        {
            var watch = Stopwatch.StartNew();
            var reply = await inner.SendAsync(destination, envelope, cancellationToken);
            var hop = $"{Label(envelope.From)} → {Label(envelope.To)}";
            if (!Timings.TryGetValue(hop, out var list))
            {
                Timings[hop] = list = [];
            }
            list.Add(watch.Elapsed.TotalMilliseconds);
            return reply;
        }

        private static string Label(string node) => node.Split('-')[0] switch
        {
            "registry" => "既存住基",
            "cs" => "市町村CS",
            "prefecture" => "都道府県サーバ",
            _ => "全国サーバ",
        };
    }
}
