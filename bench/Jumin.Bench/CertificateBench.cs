using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jumin.Domain.Certificates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry;
using Jumin.Registry.Certificates;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// 証明書発行 latency and throughput (j1000, j300): a 住民票の写し of a whole random 世帯, issued through the
/// full use case, one at a time and as a batch of many, each side by side with a baseline measured in
/// the same run: laying out and rendering the very same certificate with PDFsharp alone.
/// </summary>
internal static class CertificateBench
{
    public static async Task<string> RunAsync(RegistryNode node, int count, int batch, long residents)
    {
        var clerk = await BenchOperators.FindAsync(node, "clerk02");
        var heads = await PickSubjectsAsync(node, 10 + count + batch);
        if (heads.Count < 10 + count + batch)
        {
            // Each issuance takes another 世帯, so that no certificate is served from what the last one read.
            throw new InvalidOperationException($"世帯が {heads.Count} しかありません。証明書の計測には 10 + --certificates + --batch = {10 + count + batch} 世帯が要ります（--residents を増やしてください）。");
        }
        CertificateRequest Request(AtenaNumber subject) => new()
        {
            Kind = CertificateKind.ResidentRecordCopy,
            Subject = subject,
            WholeHousehold = true,
            Requester = new Requester { Kind = RequesterKind.Self, Name = "本人", Identification = IdentityCheck.IndividualNumberCard },
        };

        var single = new List<double>();
        var baseline = new List<double>();
        var pages = 0;
        var people = 0;
        var bytes = 0L;
        var pdf = new CertificatePdf();
        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < 10 + count; i++)
        {
            if (i == 10)
            {
                sequential.Restart();
            }
            var watch = Stopwatch.StartNew();
            var result = await node.Certificates.IssueAsync(clerk, Request(heads[i]));
            watch.Stop();
            // Baseline: the same document laid out and rendered, without rules, reading, numbering, history or audit.
            var render = Stopwatch.StartNew();
            var layouts = result.Documents.Select(pdf.Layout).ToList();
            pdf.Render([.. layouts.Select(l => new PrintedCopy(l, "20261130 みどり市 BENCH プリンタ001 001", [.. Enumerable.Range(1, l.PageCount).Select(_ => "0000-0000-0000")]))], printSeal: true);
            render.Stop();
            if (i >= 10)
            {
                single.Add(watch.Elapsed.TotalMilliseconds);
                baseline.Add(render.Elapsed.TotalMilliseconds);
                pages += result.Copies.Sum(c => c.Pages);
                people += result.Documents.Sum(d => d.People.Count);
                bytes += result.Pdf.Length;
            }
        }
        sequential.Stop();

        // A batch (郵送請求や公用請求をまとめて処理する場合) from two workers, as a batch job would on two cores.
        var batchTimings = new List<double>();
        var next = 10 + count;
        var batchWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(heads.Skip(next).Take(batch), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (head, token) =>
        {
            var watch = Stopwatch.StartNew();
            await node.Certificates.IssueAsync(clerk, Request(head) with { Requester = Request(head).Requester with { Kind = RequesterKind.Official, Name = "みどり市税務課", Identification = IdentityCheck.OfficialRequestForm, Purpose = "地方税法第20条の11" } }, token);
            watch.Stop();
            lock (batchTimings)
            {
                batchTimings.Add(watch.Elapsed.TotalMilliseconds);
            }
        });
        batchWatch.Stop();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# 証明書発行 — {node.Database.Provider}, {residents:N0} residents");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores. Each issuance is a 住民票の写し of a whole random 世帯 ({people / (double)count:F2} people, {pages / (double)count:F2} pages, {bytes / count / 1024.0:F0} KiB on average) through the full use case: reading the 世帯, the rules (j1000, j1390), 抑止 and 支援措置, composing (j1010 order), numbering (j1040), verification codes, laying out and rendering the A4 PDF with the Japanese font, and recording the 交付履歴 and the audit entries in one transaction. {count} measured after 10 warm-up issuances.");
        report.AppendLine();
        report.AppendLine("Baseline, measured in the same run on the same certificates: laying out and rendering the same document with PDFsharp alone (no database, rules, numbering, history or audit).");
        report.AppendLine();
        report.AppendLine("| run | p50 ms | p95 ms | mean ms | baseline p50 ms | baseline p95 ms | p95 ÷ baseline p95 |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var b50 = Stats.Percentile(baseline, 50);
        var b95 = Stats.Percentile(baseline, 95);
        report.AppendLine(CultureInfo.InvariantCulture, $"| one at a time ({count}) | {Stats.Percentile(single, 50):F2} | {Stats.Percentile(single, 95):F2} | {single.Average():F2} | {b50:F2} | {b95:F2} | {Stats.Percentile(single, 95) / b95:F1}× |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| batch of {batch}, 2 workers | {Stats.Percentile(batchTimings, 50):F2} | {Stats.Percentile(batchTimings, 95):F2} | {batchTimings.Average():F2} | {b50:F2} | {b95:F2} | {Stats.Percentile(batchTimings, 95) / b95:F1}× |");
        report.AppendLine();
        report.AppendLine("| throughput | certificates/s | baseline renders/s | ratio |");
        report.AppendLine("|---|---:|---:|---:|");
        var baselineRate = 1000.0 / baseline.Average();
        var singleRate = count / sequential.Elapsed.TotalSeconds;
        var batchRate = batch / batchWatch.Elapsed.TotalSeconds;
        report.AppendLine(CultureInfo.InvariantCulture, $"| one at a time (includes the baseline render after each) | {singleRate:F1} | {baselineRate:F1} | {baselineRate / singleRate:F1}× |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| batch of {batch}, 2 workers ({batchWatch.Elapsed.TotalSeconds:F1} s) | {batchRate:F1} | {baselineRate:F1} | {baselineRate / batchRate:F1}× |");
        return report.ToString();
    }

    private static async Task<List<AtenaNumber>> PickSubjectsAsync(RegistryNode node, int count)
    {
        await using var db = node.Database.Open();
        var random = new Random(13);
        // Residents not yet covered by a 支援措置 or 抑止 (the demo data has none), one per 世帯.
        var heads = await db.Residents.Where(r => r.Status == (int)ResidentStatus.Resident && r.MemberOrder == 1).Select(r => r.AtenaNumber).ToListAsync();
        return [.. heads.OrderBy(_ => random.Next()).Take(count)];
    }
}
