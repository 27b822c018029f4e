using System.Text.Json;
using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Cards;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.National.Cards;
using Jumin.National.NumberGeneration;
using Microsoft.EntityFrameworkCore;

namespace Jumin.National;

/// <summary>
/// 住基全国サーバ (seed 004 §1.2): applies 本人確認情報 updates from the 都道府県サーバ and answers with the 更新結果;
/// serves 照会 to municipalities, prefectures and registered agencies with a 提供記録; and relays 個人番号 generation and
/// change requests to the generation module after checking them against the latest 本人確認情報 (seed 004 §1.2 item 7:
/// only 付番対象者; the old number must belong to the latest 住民票コード). It passes 送付先情報, window operations on cards,
/// the コールセンター's suspensions and the 異動 of card holders to the 個人番号カード管理システム, and the latter's suspension
/// notices on to the municipality's CS.
/// </summary>
public sealed class NationalBehaviour(NumberGenerator numbers, CardManagement cards) : INodeBehaviour
{
    /// <summary>The most people one 照会 returns.</summary>
    public const int QueryLimit = 100;

    public string? Refuses(DirectoryEntry sender, string stream, string kind) => (sender.Role, stream, kind) switch
    {
        (NodeRole.Prefecture, Streams.Update, MessageKinds.IdentityUpdate) => null,
        (NodeRole.Cs or NodeRole.Prefecture or NodeRole.Agency, Streams.Request, MessageKinds.IdentityQuery) => null,
        (NodeRole.Cs, Streams.Request, MessageKinds.NumberGeneration or MessageKinds.NumberChange or MessageKinds.DepartureCertificate) => null,
        (NodeRole.Cs, Streams.Update, MessageKinds.MoveInNotice) => null,
        (NodeRole.Cs, Streams.Request, MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck or MessageKinds.ResidentCodes) => null,
        (NodeRole.Cs, Streams.Update, MessageKinds.CardDestination) => null,
        (NodeRole.Cs, Streams.Request, MessageKinds.CardOperation or MessageKinds.CardStatus) => null,
        (NodeRole.CallCentre, Streams.Request, MessageKinds.CardOperation) => null,
        _ => $"全国サーバは {sender.Id}（{sender.Role}）からの {stream}/{kind} を受け付けません。",
    };

    /// <summary>整合性確認 (seed 004 §2.8): a CS's file against the 機構保存本人確認情報, with the update counts.</summary>
    private static Task<HandlerResult> CompareAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken) =>
        Consistency.AnswerAsync(db, envelope, sender.Name, node.Entry.Name, sender.Code!, cancellationToken);

    /// <summary>
    /// Allocates a block of fresh 住民票コード to a CS: ten random digits and a final digit (ADR 0003: only the form is
    /// checked), none ever allocated before nor held by anyone.
    /// </summary>
    private static async Task<HandlerResult> AllocateResidentCodesAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<ResidentCodeRequest>(envelope.Body);
        if (request.Count is < 1 or > 1000)
        {
            throw new MalformedMessageException("電文の項目 count: 一度に割り当てる住民票コードは1～1000件です。");
        }
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < request.Count)
        {
            var candidates = Enumerable.Range(0, request.Count - codes.Count)
                .Select(_ => System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture)
                    + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
                .Where(c => !codes.Contains(c)).Distinct().ToList();
            var taken = await db.ResidentCodePool.Where(r => candidates.Contains(r.Code)).Select(r => r.Code)
                .Concat(db.Identities.Where(r => candidates.Contains(r.ResidentCode)).Select(r => r.ResidentCode)).ToListAsync(cancellationToken);
            codes.UnionWith(candidates.Except(taken));
        }
        db.ResidentCodePool.AddRange(codes.Select(c => new ResidentCodePoolRow { Code = c, ReceivedAt = now, HandedOutAt = now, HandedTo = sender.Id.Value }));
        return new HandlerResult(JsonSerializer.Serialize(new ResidentCodeResult(codes.ToList(), 0), Envelope.Json));
    }

    /// <summary>Deletes 提供記録 past their 7 years.</summary>
    public async Task HousekeepAsync(JukiNetNode node, CancellationToken cancellationToken)
    {
        await using var db = node.Database.Open();
        await ProvisionLog.PurgeExpiredAsync(db, node.Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
    }

    public async Task<HandlerResult> HandleAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken) => envelope.Kind switch
    {
        MessageKinds.IdentityUpdate => await UpdateAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.IdentityQuery => await QueryAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.DepartureCertificate => await RelayDepartureCertificateAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.MoveInNotice => await RelayMoveInNoticeAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck => await CompareAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.ResidentCodes => await AllocateResidentCodesAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.CardDestination => await PassDestinationAsync(envelope, sender, cancellationToken),
        MessageKinds.CardOperation => await OperateCardAsync(node, db, envelope, sender, cancellationToken),
        MessageKinds.CardStatus => await CardStatusAsync(envelope, cancellationToken),
        _ => await NumberAsync(db, envelope, cancellationToken),
    };

    private async Task<HandlerResult> UpdateAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var message = IdentityUpdateMessage.Parse(envelope.Body);
        if (message.MunicipalityCode is null || sender.Code is null || !message.MunicipalityCode.StartsWith(sender.Code, StringComparison.Ordinal))
        {
            throw new MalformedMessageException($"電文の項目 municipalityCode: {message.MunicipalityCode} は送信元 {sender.Id} の管内の市町村ではありません。");
        }
        var info = message.ToDomain();
        var refusal = await IdentityStore.ApplyAsync(db, info, envelope.From, node.Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
        if (refusal is null && info.PreviousResidentCode is { } previous)
        {
            // 住民票コードの変更通知 (seed 004 §2.3): the generation module moves the number to the new code.
            await numbers.ResidentCodeChangedAsync(previous, info.ResidentCode, cancellationToken);
        }
        if (refusal is null)
        {
            // 異動情報 of card holders go on to the カード管理システム (seed 004 R-STO-12); it ignores everyone else.
            await cards.HolderChangedAsync(info.ResidentCode.Value, info.PreviousResidentCode?.Value, info.Municipality.Value, info.ChangeReason, info.IndividualNumber?.Digits, cancellationToken);
        }
        var result = refusal is null
            ? new UpdateResult(message.ResidentCode, true)
            : new UpdateResult(message.ResidentCode, false, refusal.Rule, refusal.Message);
        return new HandlerResult(JsonSerializer.Serialize(result, Envelope.Json), refusal?.Message, message.ResidentCode);
    }

    private static async Task<HandlerResult> QueryAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var query = MessageBodies.Parse<IdentityQueryMessage>(envelope.Body);
        var result = await ProvisionLog.AnswerAsync(node, db, sender, query, query.LegalGround, QueryLimit, cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(result, Envelope.Json), result.Refusal);
    }

    /// <summary>
    /// 特例転入: finds, from the 機構保存本人確認情報, the municipality the person moved out of, and asks its CS for the
    /// 転出証明書情報; the 全国サーバ keeps nothing of it (neither the answer it got nor the one it gave is logged).
    /// </summary>
    private static async Task<HandlerResult> RelayDepartureCertificateAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<DepartureCertificateRequest>(envelope.Body) with { RequestingMunicipality = sender.Code };
        var row = await db.Identities.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == request.ResidentCode, cancellationToken);
        string? refusal = row switch
        {
            null => $"住民票コード{request.ResidentCode}の本人確認情報がありません。",
            { IsResident: true } => $"住民票コード{request.ResidentCode}の人は{row.MunicipalityCode}の住民です（転出の届出が全国サーバに届いていません）。",
            _ when row.ChangeReason != (int)Domain.Residents.ChangeReason.DomesticMoveOut => $"住民票コード{request.ResidentCode}の最新の異動は国内転出ではありません。",
            // Asked by the municipality the person left: refused here, before the CS would hand it over and use it up.
            _ when row.MunicipalityCode == sender.Code => Domain.JukiNet.DepartureCertificateClaim.Refusal(row.MunicipalityCode, sender.Code, null, []),
            _ => null,
        };
        var origin = row is null ? null : node.Directory.CsOf(row.MunicipalityCode);
        if (refusal is null && origin is null)
        {
            refusal = $"転出元（{row!.MunicipalityCode}）の市町村CSがノード一覧にありません。";
        }
        if (refusal is not null)
        {
            // The log keeps the refusal's reason; the answer holds nothing more.
            return new HandlerResult(JsonSerializer.Serialize(new DepartureCertificateResult(null, refusal), Envelope.Json), refusal, request.ResidentCode, KeepReply: false);
        }
        var reply = await node.RequestAsync(origin!.Id, MessageKinds.DepartureCertificate, request, keepReply: false, cancellationToken);
        if (reply.Outcome == ReplyOutcome.Refused)
        {
            throw new MalformedMessageException($"{origin.Id} が要求を拒否しました: {reply.Reason}");
        }
        return new HandlerResult(reply.Body, reply.Reason, request.ResidentCode, KeepReply: false);
    }

    /// <summary>転入通知 (j680): passed on, in order, to the CS of the municipality the person left.</summary>
    private static async Task<HandlerResult> RelayMoveInNoticeAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var notice = MessageBodies.Parse<MoveInNoticeMessage>(envelope.Body);
        if (notice.ToMunicipality != sender.Code)
        {
            throw new MalformedMessageException($"電文の項目 toMunicipality: {notice.ToMunicipality} は送信元 {sender.Id} の市町村ではありません。");
        }
        var origin = node.Directory.CsOf(notice.FromMunicipality) ?? throw new MalformedMessageException($"電文の項目 fromMunicipality: {notice.FromMunicipality} の市町村CSがありません。");
        await node.EnqueueAsync(db, origin.Id, MessageKinds.MoveInNotice, notice, cancellationToken);
        return new HandlerResult(null, null, notice.ResidentCode);
    }

    private async Task<HandlerResult> NumberAsync(JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<NumberRequestMessage>(envelope.Body);
        var code = MessageBodies.Valid<ResidentCode>("residentCode", ResidentCode.TryParse(request.ResidentCode, out var c, out var e) ? c : null, e);
        var row = await db.Identities.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == code.Value, cancellationToken);
        NumberGenerationOutcome outcome;
        if (row is not { IsResident: true })
        {
            outcome = new(null, $"住民票コード{code}は付番対象者の最新の本人確認情報にありません。");
        }
        else if (envelope.Kind == MessageKinds.NumberChange)
        {
            var current = MessageBodies.Valid<IndividualNumber>("currentIndividualNumber", IndividualNumber.TryParse(request.CurrentIndividualNumber, out var n, out var e2) ? n : null, e2);
            outcome = IdentityStore.NumberOf(db.Protector, row) != current.Digits
                ? new(null, "変更前の個人番号が最新の住民票コードに対応する個人番号と一致しません（生成システムへは送りません）。")
                : await numbers.ChangeAsync(code, current, cancellationToken);
        }
        else
        {
            outcome = await numbers.GenerateAsync(code, cancellationToken);
        }
        return new HandlerResult(JsonSerializer.Serialize(new NumberRequestResult(code.Value, outcome.Number?.Digits, outcome.Refusal), Envelope.Json), outcome.Refusal, code.Value);
    }

    /// <summary>送付先情報 (j1120): from the CS of the municipality that made it, to the カード管理システム.</summary>
    private async Task<HandlerResult> PassDestinationAsync(Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var destination = MessageBodies.Parse<CardDestinationMessage>(envelope.Body);
        if (destination.MunicipalityCode != sender.Code)
        {
            throw new MalformedMessageException($"電文の項目 municipalityCode: {destination.MunicipalityCode} は送信元 {sender.Id} の市町村ではありません。");
        }
        await cards.ReceiveDestinationAsync(destination, cancellationToken);
        return new HandlerResult(null, null, destination.ResidentCode);
    }

    /// <summary>
    /// A window operation (for the CS's own municipality) or a コールセンター suspension; the latter's notice goes to the
    /// CS of the municipality that has the card, in order, on the update stream.
    /// </summary>
    private async Task<HandlerResult> OperateCardAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<CardOperationRequest>(envelope.Body);
        var byCallCentre = sender.Role == NodeRole.CallCentre;
        request = request with { MunicipalityCode = byCallCentre ? null : sender.Code };
        var outcome = await cards.OperateAsync(request, sender.Id.Value, byCallCentre, cancellationToken);
        if (outcome.Notice is { } notice)
        {
            var cs = node.Directory.CsOf(notice.MunicipalityCode) ?? throw new InvalidOperationException($"{notice.MunicipalityCode} の市町村CSがノード一覧にありません。");
            await node.EnqueueAsync(db, cs.Id, MessageKinds.CardSuspended, notice, cancellationToken);
        }
        return new HandlerResult(JsonSerializer.Serialize(outcome.Result, Envelope.Json), outcome.Result.Refusal, outcome.Result.Card?.ResidentCode ?? request.ResidentCode);
    }

    private async Task<HandlerResult> CardStatusAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var request = MessageBodies.Parse<CardStatusRequest>(envelope.Body);
        var status = await cards.StatusAsync(MessageBodies.Required("residentCode", request.ResidentCode), cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(status, Envelope.Json), null, request.ResidentCode);
    }
}
