using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.JukiNet;

/// <summary>
/// 整合性確認 (j1100): sends the 本人確認情報 of everyone on the register (住民 and 消除者 with a 住民票コード) to the CS,
/// which compares it with its file and then has its file compared at the 都道府県サーバ and the 全国サーバ. Run on demand
/// (バッチ right) and on a schedule (<see cref="Operator"/> <c>batch:consistency</c>).
/// </summary>
public sealed class IdentityConsistency(RegistryDatabase database, AuditTrail audit, CsLink link)
{
    private const string Screen = "整合性確認（住基ネット）";

    /// <exception cref="JukiNetRequestException">The CS did not answer or refused.</exception>
    public async Task<ConsistencyReport> RunAsync(Operator op, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Batch, Screen, cancellationToken);
        List<IdentityUpdateMessage> records;
        int applied;
        await using (var db = database.Open())
        {
            var rows = await db.LatestRows(db.Residents).AsNoTracking().Where(h => h.ResidentCode != null).ToListAsync(cancellationToken);
            records = rows.Select(CsLink.ToMessage).ToList();
            // 更新件数: what the CS applied — sent and acknowledged, less what its 論理チェック refused.
            applied = await db.Outbox.CountAsync(m => m.Destination == Changes.OutboxDestinations.JukiNetCs && m.DeliveredAt != null && m.DeliveryResult == null, cancellationToken);
        }
        var requests = new CsRequests(link, database, audit);
        async Task<T> AskAsync<T>(string kind, object body, CancellationToken token) where T : class =>
            await requests.AskAsync<T>(op, AuditFunctions.BatchUpdate, Screen, null, kind, body, "整合性確認", token)
                ?? throw new JukiNetRequestException("住基ネットが整合性確認に答えませんでした。");
        // Bucket digests first and the records of differing buckets only: a city of any size fits the messages (issue 15 item 9).
        var registryLevel = await ConsistencyClient.CompareAsync("既存住基システム", link.CsName, records, applied, new ConsistencyPeer(
            (request, token) => AskAsync<ConsistencyDigestReply>(MessageKinds.ConsistencyDigest, request, token),
            (request, token) => AskAsync<ConsistencyLevelResult>(MessageKinds.ConsistencyCheck, request, token)), cancellationToken);
        var upper = await AskAsync<ConsistencyReport>(MessageKinds.ConsistencyLevels, new ConsistencyLevelsRequest(), cancellationToken);
        var report = new ConsistencyReport([registryLevel, .. upper.Levels]);
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.BatchUpdate, Screen,
            detail: string.Join("、", report.Levels.Select(l => $"{l.Left}↔{l.Right} {l.Compared}件中 不一致{l.Differences.Count}件")))], cancellationToken);
        return report;
    }
}
