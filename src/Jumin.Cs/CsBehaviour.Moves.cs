using System.Text.Json;
using Jumin.Domain.JukiNet;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Cs;

/// <summary>市町村CS — moves between municipalities (特例転出・転入, j670, j700): 転出証明書情報 handed over, 転入通知 held for the registry.</summary>
public sealed partial class CsBehaviour
{
    /// <summary>
    /// 転入通知 (j680): a 転入 of a person whose 転出証明書情報 this CS fetched goes back, through the 全国サーバ, to the
    /// municipality they left — once.
    /// </summary>
    private static async Task SendMoveInNoticeAsync(JukiNetNode node, JukiNetDbContext db, IdentityUpdateMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var fetched = await db.DepartureCertificates
            .Where(d => d.ResidentCode == message.ResidentCode && d.Direction == Received && d.NoticeSentAt == null)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (fetched is null)
        {
            return;
        }
        fetched.NoticeSentAt = now;
        await node.EnqueueAsync(db, node.Directory.National.Id, MessageKinds.MoveInNotice,
            new MoveInNoticeMessage(message.ResidentCode, fetched.FromMunicipality, message.MunicipalityCode!, message.ChangeDate, message.Address, null), cancellationToken);
    }

    /// <summary>特例転入: asks the 全国サーバ for the 転出証明書情報 and keeps a copy, so that the 転入通知 can go back.</summary>
    private static async Task<HandlerResult> FetchDepartureCertificateAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<DepartureCertificateRequest>(envelope.Body) with { RequestingMunicipality = node.Entry.Code };
        var reply = await node.RequestAsync(node.Directory.National.Id, MessageKinds.DepartureCertificate, request, cancellationToken);
        if (reply.Outcome == ReplyOutcome.Refused || reply.Body is null)
        {
            throw new MalformedMessageException($"全国サーバが要求を拒否しました: {reply.Reason}");
        }
        var result = MessageBodies.Parse<DepartureCertificateResult>(reply.Body);
        if (result.Certificate is { } certificate)
        {
            db.DepartureCertificates.Add(new DepartureCertificateRow
            {
                ResidentCode = certificate.ResidentCode,
                Direction = Received,
                FromMunicipality = certificate.MunicipalityCode ?? "",
                Body = db.Seal(reply.Body),
                CreatedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc(),
                ClaimedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc(),
                ClaimedBy = node.Entry.Code,
            });
        }
        return new HandlerResult(reply.Body, result.Refusal, request.ResidentCode);
    }

    /// <summary>At the municipality the person left: hands the 転出証明書情報 over, once, unless it was purged.</summary>
    private static async Task<HandlerResult> HandOverDepartureCertificateAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<DepartureCertificateRequest>(envelope.Body);
        var issued = await db.DepartureCertificates
            .Where(d => d.ResidentCode == request.ResidentCode && d.Direction == Issued && d.PurgedAt == null)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        string? refusal = issued switch
        {
            null => $"住民票コード{request.ResidentCode}の転出証明書情報はありません（特例転出の届出がないか、保存期間を過ぎて消去されました）。",
            { ClaimedAt: not null } => $"住民票コード{request.ResidentCode}の転出証明書情報は既に{issued.ClaimedBy}に渡しています。",
            _ => DepartureCertificateClaim.Refusal(issued.FromMunicipality, request.RequestingMunicipality,
                MessageBodies.Parse<DepartureCertificateMessage>(db.Open(issued.Body)).PlannedDestination,
                [.. node.Directory.Entries.Where(e => e.Role == NodeRole.Cs && e.Code is not null).Select(e => (e.Code!, e.PlaceName ?? ""))]),
        };
        if (refusal is not null)
        {
            return new HandlerResult(JsonSerializer.Serialize(new DepartureCertificateResult(null, refusal), Envelope.Json), refusal, request.ResidentCode);
        }
        issued!.ClaimedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        issued.ClaimedBy = request.RequestingMunicipality;
        var certificate = MessageBodies.Parse<DepartureCertificateMessage>(db.Open(issued.Body));
        return new HandlerResult(JsonSerializer.Serialize(new DepartureCertificateResult(certificate), Envelope.Json), null, request.ResidentCode);
    }

    private static async Task<HandlerResult> ReceiveMoveInNoticeAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var notice = MessageBodies.Parse<MoveInNoticeMessage>(envelope.Body);
        if (notice.FromMunicipality != node.Entry.Code)
        {
            throw new MalformedMessageException($"電文の項目 fromMunicipality: {notice.FromMunicipality} はこの市町村（{node.Entry.Code}）ではありません。");
        }
        db.MoveInNotices.Add(new MoveInNoticeRow { ResidentCode = notice.ResidentCode, Body = db.Seal(envelope.Body), ReceivedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc() });
        await Task.CompletedTask;
        return new HandlerResult(null, null, notice.ResidentCode);
    }

    private static async Task<HandlerResult> PendingMoveInNoticesAsync(JukiNetDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.MoveInNotices.AsNoTracking().Where(n => n.TakenAt == null).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var pending = new PendingMoveInNotices(rows.Select(r => new PendingMoveInNotice(r.Id, MessageBodies.Parse<MoveInNoticeMessage>(db.Open(r.Body)), r.ReceivedAt)).ToList());
        return new HandlerResult(JsonSerializer.Serialize(pending, Envelope.Json));
    }

    /// <summary>The registry has taken these notices in (転入通知 or 一時停止の通知): they are no longer offered to it.</summary>
    private static async Task<HandlerResult> MarkTakenAsync<TNotice>(JukiNetNode node, IQueryable<TNotice> notices, IReadOnlyList<long> ids, CancellationToken cancellationToken)
        where TNotice : class, IWaitingNotice
    {
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        foreach (var row in await notices.Where(n => ids.Contains(n.Id) && n.TakenAt == null).ToListAsync(cancellationToken))
        {
            row.TakenAt = now;
        }
        return new HandlerResult();
    }

    public async Task<int> PurgeUnclaimedDepartureCertificatesAsync(JukiNetNode node, CancellationToken cancellationToken = default)
    {
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        var limit = now.AddDays(-UnclaimedDepartureDays);
        await using var db = node.Database.Open();
        var due = await db.DepartureCertificates.Where(d => d.Direction == Issued && d.ClaimedAt == null && d.PurgedAt == null && d.CreatedAt < limit).ToListAsync(cancellationToken);
        foreach (var row in due)
        {
            row.Body = "";
            row.PurgedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
