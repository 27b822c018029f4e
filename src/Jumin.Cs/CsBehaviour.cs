using System.Text.Json;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Cards;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Cs;

/// <summary>
/// 市町村CS (コミュニケーションサーバ; seed 004 §1.4): keeps the municipality's 本人確認情報ファイル, checks every update
/// from its own 既存住基システム (論理チェック, j1090) before passing it to its 都道府県サーバ, answers the registry's searches
/// from its own file, and relays 個人番号 generation and change requests to the 全国サーバ. It accepts data from its own
/// registry and nobody else (seed 004: 「既存住基システム以外からの入手を防止」).
/// </summary>
public sealed partial class CsBehaviour : INodeBehaviour
{
    /// <summary>The most people one search returns.</summary>
    public const int SearchLimit = 100;

    /// <summary>How many 住民票コード the CS asks the 全国サーバ for when its pool runs low (j870).</summary>
    public int ResidentCodeBlock { get; init; } = 200;

    /// <summary>How long an unclaimed 転出証明書情報 is kept before it is purged.</summary>
    public int UnclaimedDepartureDays { get; init; } = 30;

    public string? Refuses(DirectoryEntry sender, string stream, string kind) => (sender.Role, stream, kind) switch
    {
        (NodeRole.Registry, Streams.Update, MessageKinds.IdentityUpdate) => null,
        (NodeRole.Registry, Streams.Request, MessageKinds.IdentityQuery or MessageKinds.NumberGeneration or MessageKinds.NumberChange
            or MessageKinds.DepartureCertificate or MessageKinds.MoveInNoticesPending or MessageKinds.MoveInNoticesTaken or MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck or MessageKinds.ConsistencyLevels or MessageKinds.ResidentCodes
            or MessageKinds.CardDestination or MessageKinds.CardOperation or MessageKinds.CardStatus or MessageKinds.CardNoticesPending or MessageKinds.CardNoticesTaken) => null,
        (NodeRole.National, Streams.Update, MessageKinds.MoveInNotice or MessageKinds.CardSuspended) => null,
        (NodeRole.National, Streams.Request, MessageKinds.DepartureCertificate) => null,
        (NodeRole.Registry or NodeRole.National, _, _) => $"市町村CSは {sender.Id} からの {stream}/{kind} を受け付けません。",
        _ => $"市町村CSは自団体の既存住基システムと全国サーバからのみ受け付けます（{sender.Id} は {sender.Role}）。",
    };

    public async Task<HandlerResult> HandleAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        if (sender.Role == NodeRole.National)
        {
            return envelope.Kind switch
            {
                MessageKinds.MoveInNotice => await ReceiveMoveInNoticeAsync(node, db, envelope, cancellationToken),
                MessageKinds.CardSuspended => await ReceiveCardNoticeAsync(node, db, envelope, cancellationToken),
                _ => await HandOverDepartureCertificateAsync(node, db, envelope, cancellationToken),
            };
        }
        if (sender.Parent != node.Id)
        {
            throw new MalformedMessageException($"{sender.Id} はこの市町村CS（{node.Id}）の既存住基システムではありません。");
        }
        return envelope.Kind switch
        {
            MessageKinds.IdentityUpdate => await UpdateAsync(node, db, envelope, cancellationToken),
            MessageKinds.IdentityQuery => await SearchAsync(node, db, envelope, sender, cancellationToken),
            MessageKinds.DepartureCertificate => await FetchDepartureCertificateAsync(node, db, envelope, cancellationToken),
            MessageKinds.MoveInNoticesPending => await PendingMoveInNoticesAsync(db, cancellationToken),
            MessageKinds.MoveInNoticesTaken => await MarkTakenAsync(node, db.MoveInNotices, MessageBodies.Parse<MoveInNoticesTaken>(envelope.Body).Ids, cancellationToken),
            MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck => await Consistency.AnswerAsync(db, envelope, "既存住基システム", node.Entry.Name, node.Entry.Code!, cancellationToken),
            MessageKinds.ConsistencyLevels => await CheckUpperLevelsAsync(node, db, cancellationToken),
            MessageKinds.ResidentCodes => await HandOutResidentCodesAsync(node, db, envelope, sender, cancellationToken),
            MessageKinds.CardDestination => await KeepCardDestinationAsync(node, db, envelope, cancellationToken),
            MessageKinds.CardOperation or MessageKinds.CardStatus => await RelayCardRequestAsync(node, db, envelope, cancellationToken),
            MessageKinds.CardNoticesPending => await PendingCardNoticesAsync(db, cancellationToken),
            MessageKinds.CardNoticesTaken => await MarkTakenAsync(node, db.CardNotices, MessageBodies.Parse<CardNoticesTaken>(envelope.Body).Ids, cancellationToken),
            _ => await RelayNumberRequestAsync(node, db, envelope, cancellationToken),
        };
    }

    private static async Task<HandlerResult> UpdateAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var own = node.Entry.Code ?? throw new InvalidOperationException($"{node.Id} に地方公共団体コードがありません。");
        var message = IdentityUpdateMessage.Parse(envelope.Body);
        if (!string.IsNullOrEmpty(message.MunicipalityCode) && message.MunicipalityCode != own)
        {
            throw new MalformedMessageException($"電文の項目 municipalityCode: {message.MunicipalityCode} はこの市町村（{own}）ではありません。");
        }
        message = message with { MunicipalityCode = own };
        if (string.IsNullOrEmpty(message.ResidentCode))
        {
            return new HandlerResult(JsonSerializer.Serialize(new UpdateResult("", false, "without-resident-code", IdentityUpdateMessage.WithoutResidentCode), Envelope.Json), IdentityUpdateMessage.WithoutResidentCode);
        }
        var info = message.ToDomain();
        var refusal = await IdentityStore.ApplyAsync(db, info, envelope.From, node.Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
        if (refusal is not null)
        {
            return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, false, refusal.Rule, refusal.Message), Envelope.Json), refusal.Message, message.ResidentCode);
        }
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        if (message.Departure is { } departure && info.ChangeReason == Domain.Residents.ChangeReason.DomesticMoveOut)
        {
            // 特例転出: the 転出証明書情報 waits here for the new municipality; only 本人確認情報 goes up.
            db.DepartureCertificates.Add(new DepartureCertificateRow
            {
                ResidentCode = message.ResidentCode,
                Direction = Issued,
                FromMunicipality = own,
                Body = db.Seal(JsonSerializer.Serialize(departure with { MunicipalityCode = own }, Envelope.Json)),
                CreatedAt = now,
            });
        }
        if (info.ChangeReason.Category() == Domain.Residents.ChangeCategory.Entry)
        {
            await SendMoveInNoticeAsync(node, db, message, now, cancellationToken);
        }
        var prefecture = node.Entry.Parent ?? throw new InvalidOperationException($"{node.Id} の都道府県サーバがノード一覧にありません。");
        await node.EnqueueAsync(db, prefecture, MessageKinds.IdentityUpdate, message with { Departure = null }, cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, true), Envelope.Json), null, message.ResidentCode);
    }

    public const string Issued = "issued";
    public const string Received = "received";

    /// <summary>
    /// Purges 転出証明書情報 nobody claimed within <see cref="UnclaimedDepartureDays"/> days: the row stays as a record
    /// that there was one, its content does not. Returns how many.
    /// </summary>
    public async Task HousekeepAsync(JukiNetNode node, CancellationToken cancellationToken)
    {
        await PurgeUnclaimedDepartureCertificatesAsync(node, cancellationToken);
        await PurgeSentCardDestinationsAsync(node, cancellationToken);
    }

    /// <summary>
    /// 整合性確認 (j1100), after the registry has compared its 本人確認情報 with this CS's file: this file against the
    /// 都道府県サーバ and the 全国サーバ (seed 004 §2.8), bucket digests first, one report with every difference and both values.
    /// </summary>
    private static async Task<HandlerResult> CheckUpperLevelsAsync(JukiNetNode node, JukiNetDbContext db, CancellationToken cancellationToken)
    {
        var own = node.Entry.Code!;
        var mine = await Consistency.RecordsOfAsync(db, own, cancellationToken);
        var updates = await Consistency.UpdateCountAsync(db, own, cancellationToken);
        var levels = new List<ConsistencyLevelResult>();
        foreach (var upper in new[] { node.Entry.Parent!.Value, node.Directory.National.Id })
        {
            async Task<T> AskAsync<T>(string kind, object body, CancellationToken token)
            {
                var reply = await node.RequestAsync(upper, kind, body, token);
                return reply.Outcome == ReplyOutcome.Refused || reply.Body is null
                    ? throw new MalformedMessageException($"{upper} が整合性確認を拒否しました: {reply.Reason}")
                    : MessageBodies.Parse<T>(reply.Body);
            }
            levels.Add(await ConsistencyClient.CompareAsync(node.Entry.Name, node.Directory.Get(upper).Name, mine, updates, new ConsistencyPeer(
                (request, token) => AskAsync<ConsistencyDigestReply>(MessageKinds.ConsistencyDigest, request, token),
                (request, token) => AskAsync<ConsistencyLevelResult>(MessageKinds.ConsistencyCheck, request, token)), cancellationToken));
        }
        var report = new ConsistencyReport(levels);
        return new HandlerResult(JsonSerializer.Serialize(report, Envelope.Json), report.Consistent ? null : $"不一致 {levels.Sum(l => l.Differences.Count)}件");
    }

    /// <summary>
    /// 住民票コードの付番 (j870): hands out codes picked at random from the pool, refilling it from the 全国サーバ first
    /// when it holds fewer than a block; reports what is left so the registry can warn when stock is low.
    /// </summary>
    private async Task<HandlerResult> HandOutResidentCodesAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<ResidentCodeRequest>(envelope.Body);
        if (request.Count is < 1 or > 100)
        {
            throw new MalformedMessageException("電文の項目 count: 一度に取得できる住民票コードは1～100件です。");
        }
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        var available = await db.ResidentCodePool.CountAsync(r => r.HandedOutAt == null, cancellationToken);
        if (available < Math.Max(request.Count, ResidentCodeBlock / 2))
        {
            try
            {
                var reply = await node.RequestAsync(node.Directory.National.Id, MessageKinds.ResidentCodes, new ResidentCodeRequest(Math.Min(ResidentCodeBlock, 1000)), cancellationToken);
                if (reply.Body is not null && MessageBodies.Parse<ResidentCodeResult>(reply.Body) is { Refusal: null } block)
                {
                    // Stored at once: the block is the CS's pool now, whatever becomes of this request.
                    db.ResidentCodePool.AddRange(block.Codes.Select(c => new ResidentCodePoolRow { Code = c, ReceivedAt = now }));
                    await db.SaveChangesAsync(cancellationToken);
                    available += block.Codes.Count;
                }
            }
            catch (Jumin.JukiNet.Transport.NodeUnreachableException)
            {
                // The pool serves what it has; the registry sees how little is left.
            }
        }
        var picked = await db.ResidentCodePool.Where(r => r.HandedOutAt == null).OrderBy(r => EF.Functions.Random()).Take(request.Count).ToListAsync(cancellationToken);
        if (picked.Count < request.Count)
        {
            var refused = new ResidentCodeResult([], available, "市町村CSに付番用の住民票コードがありません（全国サーバに接続できません）。");
            return new HandlerResult(JsonSerializer.Serialize(refused, Envelope.Json), refused.Refusal);
        }
        foreach (var row in picked)
        {
            row.HandedOutAt = now;
            row.HandedTo = sender.Id.Value;
        }
        return new HandlerResult(JsonSerializer.Serialize(new ResidentCodeResult(picked.Select(r => r.Code).ToList(), available - picked.Count), Envelope.Json));
    }

    /// <summary>本人確認情報の検索 in the CS's own file (住民票コード, 個人番号, or 2+ of the 4情報 other than 性別).</summary>
    private static async Task<HandlerResult> SearchAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var query = MessageBodies.Parse<IdentityQueryMessage>(envelope.Body);
        var result = await ProvisionLog.AnswerAsync(node, db, sender, query, query.LegalGround, limit: SearchLimit, cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(result, Envelope.Json), result.Refusal);
    }

    /// <summary>
    /// 個人番号生成要求・変更要求, passed to the 全国サーバ after the CS's own check: the person is on the register (付番対象者),
    /// and for a change, the current number is the one this CS holds for the latest 住民票コード (seed 004 §1.4).
    /// </summary>
    private static async Task<HandlerResult> RelayNumberRequestAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<NumberRequestMessage>(envelope.Body);
        var row = await db.Identities.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == request.ResidentCode, cancellationToken);
        string? refusal = row switch
        {
            null => $"住民票コード{request.ResidentCode}の本人確認情報がこの市町村CSにありません。",
            { IsResident: false } => $"住民票コード{request.ResidentCode}の人は消除されています（付番対象者ではありません）。",
            _ when envelope.Kind == MessageKinds.NumberChange && IdentityStore.NumberOf(db.Protector, row) != request.CurrentIndividualNumber => "変更前の個人番号が最新の住民票コードに対応する個人番号と一致しません。",
            _ => null,
        };
        if (refusal is not null)
        {
            return new HandlerResult(JsonSerializer.Serialize(new NumberRequestResult(request.ResidentCode, null, refusal), Envelope.Json), refusal, request.ResidentCode);
        }
        var reply = await node.RequestAsync(node.Directory.National.Id, envelope.Kind, request, cancellationToken);
        if (reply.Outcome == ReplyOutcome.Refused)
        {
            throw new MalformedMessageException($"全国サーバが要求を拒否しました: {reply.Reason}");
        }
        return new HandlerResult(reply.Body, reply.Reason, request.ResidentCode);
    }

    // ── 個人番号カード (j1110, j1120) ──────────────────────────────────────────

    private static HandlerResult Answer(object body, string? rejection, string? residentCode) =>
        new(JsonSerializer.Serialize(body, Envelope.Json), rejection, residentCode);

}
