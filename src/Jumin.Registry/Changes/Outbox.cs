using Jumin.Domain.Changes;
using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Changes;

/// <summary>
/// The downstream systems every 本登録 is announced to (ARCHITECTURE.md; seeds: 住基ネット CS,
/// 団体内統合宛名, 宛名連携 for 庁内連携; j970: 出入国在留管理庁). Their consumers arrive with their own nodes; the messages,
/// numbered per destination in registration order, are written now, in the 本登録's transaction.
/// </summary>
public static class OutboxDestinations
{
    /// <summary>市町村CS (住基ネット, 本人確認情報).</summary>
    public const string JukiNetCs = "jukinet-cs";

    /// <summary>団体内統合宛名システム.</summary>
    public const string IntegratedAtena = "integrated-atena";

    /// <summary>宛名連携 (庁内の他業務システム).</summary>
    public const string AtenaLink = "atena-link";

    /// <summary>
    /// 市町村通知・市町村伝達 to 出入国在留管理庁 (j970): every change of a 外国人住民's 住民票, in the order
    /// of registration, for the 連携端末 to send.
    /// </summary>
    public const string ImmigrationServices = "immigration-services";

    public static IReadOnlyList<string> All { get; } = [JukiNetCs, IntegratedAtena, AtenaLink, ImmigrationServices];

    /// <summary>Whether a row goes to a destination: only 外国人住民 (before or after the change) go to 出入国在留管理庁.</summary>
    public static bool Wants(string destination, ResidentRecord? before, ResidentRecord after) =>
        destination != ImmigrationServices || after.Kind == ResidentKind.Foreign || before?.Kind == ResidentKind.Foreign;
}

internal static class Outbox
{
    /// <summary>Adds one message per destination and row. The caller holds the audit head lock, which serialises 本登録.</summary>
    public static async Task AddAsync(RegistryDbContext db, long changeId, IReadOnlyList<PlannedRow> rows, Instant now, CancellationToken cancellationToken)
    {
        foreach (var destination in OutboxDestinations.All)
        {
            var wanted = rows.Where(r => OutboxDestinations.Wants(destination, r.Before, r.After)).Select(r => r.After).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }
            var last = await db.Outbox.Where(m => m.Destination == destination).MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
            foreach (var row in wanted)
            {
                db.Outbox.Add(new OutboxMessageRow
                {
                    Destination = destination,
                    Sequence = ++last,
                    ChangeId = changeId,
                    AtenaNumber = row.AtenaNumber,
                    HistoryNumber = row.HistoryNumber,
                    ChangeReason = (int)row.ChangeReason,
                    CreatedAt = now.ToDateTimeUtc(),
                });
            }
        }
    }
}
