using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using NodaTime;

namespace Jumin.Registry.JukiNet;

/// <summary>What 付番 entered: the 仮登録, the new code, and the low-stock alert when the CS's pool runs short.</summary>
public sealed record ResidentCodeAssigned(long ChangeId, ResidentCode Code, int Remaining, string? LowStockAlert);

/// <summary>
/// 住民票コードの付番・変更 (j870, j880): a code picked at random from the CS's pool is entered as a 仮登録 — 住民票コードの
/// 職権記載 for a person without one, 住民票コードの変更請求 for a change — which another user registers (j530); the
/// 本登録 then reaches the CS with the old code, and every level keeps the old code in its history. When fewer codes
/// than <see cref="LowStock"/> are left at the CS, the clerk is alerted (j870).
/// </summary>
public sealed class ResidentCodeAssignment(RegistryDatabase database, AuditTrail audit, ChangeService changes, CsLink link, IClock clock)
{
    private const string Screen = "住民票コードの付番";

    /// <summary>The number of codes left at the CS below which the clerk is alerted (市区町村が任意に設定).</summary>
    public int LowStock { get; init; } = 50;

    /// <exception cref="JukiNetRequestException">The CS has no code to give or cannot be reached.</exception>
    public async Task<ResidentCodeAssigned> AssignAsync(Operator op, AtenaNumber atena, bool change, CancellationToken cancellationToken = default)
    {
        // It enters a 仮登録 (異動入力) and takes a code from the CS's pool (住民票コード付番, a right of its own, j1380).
        await audit.RequireAsync(database, op, Permission.ChangeEntry, Screen, cancellationToken);
        await audit.RequireAsync(database, op, Permission.ResidentCodeAssignment, Screen, cancellationToken);
        var requests = new CsRequests(link, database, audit);
        var result = await requests.AskAsync<ResidentCodeResult>(op, AuditFunctions.ChangeEntry, Screen, atena.Value, MessageKinds.ResidentCodes, new ResidentCodeRequest(1), "要求", cancellationToken);
        if (result is null || result.Codes.Count == 0)
        {
            var reason = result?.Refusal ?? "住民票コードを取得できません。";
            await requests.RefusedAsync(op, AuditFunctions.ChangeEntry, Screen, atena.Value, reason, cancellationToken);
            throw new JukiNetRequestException(reason);
        }
        var code = ResidentCode.Parse(result.Codes[0]);
        var today = clock.GetCurrentInstant().InZone(JapanTime.Zone).Date;
        var entry = await changes.EnterAsync(op, new ChangeRequest
        {
            Kind = ChangeKind.ResidentCodeChange,
            Basis = change ? ChangeBasis.Application : ChangeBasis.ExOfficio,
            Reason = change ? ChangeReason.ResidentCodeChangeRequest : ChangeReason.ResidentCodeExOfficioEntry,
            ChangeDate = RecordedDate.FromLocalDate(today),
            NotificationDate = change ? today : null,
            Movers = [atena],
            Corrections = [new PersonCorrection(atena, new PersonItems { ResidentCode = code })],
        }, [], cancellationToken);
        var alert = result.Remaining < LowStock ? $"付番用の住民票コードの空きが残り{result.Remaining}件です（設定値 {LowStock}件）。" : null;
        if (alert is not null)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeEntry, Screen, atena.Value, detail: alert)], cancellationToken);
        }
        return new ResidentCodeAssigned(entry.Id, code, result.Remaining, alert);
    }
}
