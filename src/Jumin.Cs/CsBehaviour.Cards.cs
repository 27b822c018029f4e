using System.Text.Json;
using Jumin.JukiNet.Cards;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Cs;

/// <summary>市町村CS — 個人番号カード (j1110, j1120): 送付先情報 kept and passed on, card requests relayed, 一時停止 notices held for the registry.</summary>
public sealed partial class CsBehaviour
{
    /// <summary>
    /// 送付先情報 (j1120; seed 004 §2.9 1-①): only for a current resident of this municipality whose 個人番号 is the one this
    /// CS holds for the latest 住民票コード (seed 004 R-ACQ-24); kept in the 送付先情報ファイル and sent on to the 全国サーバ.
    /// A resend of the same 送付先管理番号 is answered as accepted and not sent twice.
    /// </summary>
    private static async Task<HandlerResult> KeepCardDestinationAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var own = node.Entry.Code!;
        var destination = MessageBodies.Parse<CardDestinationMessage>(envelope.Body) with { MunicipalityCode = own };
        MessageBodies.Required("deliveryAddress", destination.DeliveryAddress);
        MessageBodies.Required("deliveryName", destination.DeliveryName);
        if (await db.CardDestinations.AnyAsync(d => d.DestinationNumber == destination.DestinationNumber, cancellationToken))
        {
            return Answer(new CardDestinationResult(destination.DestinationNumber, true), null, destination.ResidentCode);
        }
        var row = await db.Identities.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == destination.ResidentCode, cancellationToken);
        string? refusal = row switch
        {
            null => $"住民票コード{destination.ResidentCode}の本人確認情報がこの市町村CSにありません。",
            _ when !row.IsResident || row.MunicipalityCode != own => $"住民票コード{destination.ResidentCode}の人はこの市町村の住民ではありません（送付先情報は現に住民である人についてのみ作成できます）。",
            _ when IdentityStore.NumberOf(db.Protector, row) != destination.IndividualNumber => "送付先情報の個人番号が最新の住民票コードに対応する個人番号と一致しません。",
            _ => null,
        };
        if (refusal is not null)
        {
            return Answer(new CardDestinationResult(destination.DestinationNumber, false, refusal), refusal, destination.ResidentCode);
        }
        db.CardDestinations.Add(new CardDestinationRow
        {
            DestinationNumber = destination.DestinationNumber,
            ResidentCode = destination.ResidentCode,
            Body = db.Seal(JsonSerializer.Serialize(destination, Envelope.Json)),
            ReceivedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc(),
        });
        await node.EnqueueAsync(db, node.Directory.National.Id, MessageKinds.CardDestination, destination, cancellationToken);
        return Answer(new CardDestinationResult(destination.DestinationNumber, true), null, destination.ResidentCode);
    }

    /// <summary>The 全国サーバ has the 送付先情報: the one-開庁日 clock of its deletion starts now.</summary>
    public async Task OnAcknowledgedAsync(JukiNetNode node, JukiNetDbContext db, OutboxRow message, Reply reply, CancellationToken cancellationToken)
    {
        if (message.Kind != MessageKinds.CardDestination)
        {
            return;
        }
        var number = MessageBodies.Parse<CardDestinationMessage>(db.Open(message.Body)).DestinationNumber;
        var row = await db.CardDestinations.FirstOrDefaultAsync(d => d.DestinationNumber == number, cancellationToken);
        if (row is not null)
        {
            row.SentAt = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        }
    }

    /// <summary>
    /// Deletes the content of every 送付先情報 sent before today's previous 開庁日 (「連携後速やか(1営業日後)に削除」, seed
    /// 001), and of the message that carried it to the 全国サーバ: the rows stay as a record that it was sent, its 4情報,
    /// 個人番号 and 送付先 do not. Returns how many 送付先情報.
    /// </summary>
    public static async Task<int> PurgeSentCardDestinationsAsync(JukiNetNode node, CancellationToken cancellationToken = default)
    {
        var today = Domain.Dates.JapanTime.Today(node.Clock);
        bool Due(DateTime sentAt) => Domain.Audit.OffHours.NextOpenDay(NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(sentAt, DateTimeKind.Utc)).InZone(Domain.Dates.JapanTime.Zone).Date) <= today;
        await using var db = node.Database.Open();
        var due = (await db.CardDestinations.Where(d => d.SentAt != null && d.PurgedAt == null).ToListAsync(cancellationToken)).Where(d => Due(d.SentAt!.Value)).ToList();
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        foreach (var row in due)
        {
            row.Body = "";
            row.ResidentCode = "";
            row.PurgedAt = now;
        }
        var carried = await db.Outbox.Where(m => m.Kind == MessageKinds.CardDestination && m.DeliveredAt != null && m.Body != "").ToListAsync(cancellationToken);
        foreach (var message in carried.Where(m => Due(m.DeliveredAt!.Value)))
        {
            message.Body = "";
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// A window operation or a card status query, passed on to the 全国サーバ (and so to the カード管理システム) for this
    /// municipality; a 交付申請 only for a current resident.
    /// </summary>
    private static async Task<HandlerResult> RelayCardRequestAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Kind == MessageKinds.CardOperation)
        {
            var request = MessageBodies.Parse<CardOperationRequest>(envelope.Body);
            if (request.Operation == Domain.JukiNet.CardOperations.JapaneseName(Domain.JukiNet.CardOperation.Application)
                && !await db.Identities.AnyAsync(r => r.ResidentCode == request.ResidentCode && r.IsResident && r.MunicipalityCode == node.Entry.Code, cancellationToken))
            {
                var refusal = $"住民票コード{request.ResidentCode}の人はこの市町村の住民ではありません（交付申請は住所地の市町村で受け付けます）。";
                return Answer(new CardOperationResult(null, refusal), refusal, request.ResidentCode);
            }
        }
        var reply = await node.RequestAsync(node.Directory.National.Id, envelope.Kind, JsonSerializer.Deserialize<JsonElement>(envelope.Body), cancellationToken);
        if (reply.Outcome == ReplyOutcome.Refused)
        {
            throw new MalformedMessageException($"全国サーバが要求を拒否しました: {reply.Reason}");
        }
        return new HandlerResult(reply.Body, reply.Reason);
    }

    private static Task<HandlerResult> ReceiveCardNoticeAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var notice = MessageBodies.Parse<CardSuspendedNotice>(envelope.Body);
        if (notice.MunicipalityCode != node.Entry.Code)
        {
            throw new MalformedMessageException($"電文の項目 municipalityCode: {notice.MunicipalityCode} はこの市町村（{node.Entry.Code}）ではありません。");
        }
        db.CardNotices.Add(new CardNoticeRow { ResidentCode = notice.ResidentCode, Body = db.Seal(envelope.Body), ReceivedAt = node.Clock.GetCurrentInstant().ToDateTimeUtc() });
        return Task.FromResult(new HandlerResult(null, null, notice.ResidentCode));
    }

    private static async Task<HandlerResult> PendingCardNoticesAsync(JukiNetDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.CardNotices.AsNoTracking().Where(n => n.TakenAt == null).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        return Answer(new PendingCardNotices(rows.Select(r => new PendingCardNotice(r.Id, MessageBodies.Parse<CardSuspendedNotice>(db.Open(r.Body)), r.ReceivedAt)).ToList()), null, null);
    }
}
