using System.Text.Json;
using Jumin.Domain;
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
public sealed class CsBehaviour : INodeBehaviour
{
    /// <summary>The most people one search returns.</summary>
    public const int SearchLimit = 100;

    public string? Refuses(DirectoryEntry sender, string stream, string kind)
    {
        if (sender.Role != NodeRole.Registry)
        {
            return $"市町村CSは自団体の既存住基システムからのみ受け付けます（{sender.Id} は {sender.Role}）。";
        }
        return (stream, kind) switch
        {
            (Streams.Update, MessageKinds.IdentityUpdate) => null,
            (Streams.Request, MessageKinds.IdentityQuery or MessageKinds.NumberGeneration or MessageKinds.NumberChange) => null,
            _ => $"市町村CSは {stream}/{kind} を受け付けません。",
        };
    }

    public async Task<HandlerResult> HandleAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        if (sender.Parent != node.Id)
        {
            throw new MalformedMessageException($"{sender.Id} はこの市町村CS（{node.Id}）の既存住基システムではありません。");
        }
        return envelope.Kind switch
        {
            MessageKinds.IdentityUpdate => await UpdateAsync(node, db, envelope, cancellationToken),
            MessageKinds.IdentityQuery => await SearchAsync(node, db, envelope, sender, cancellationToken),
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
        var info = message.ToDomain();
        var refusal = await IdentityStore.ApplyAsync(db, info, envelope.From, node.Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
        if (refusal is not null)
        {
            return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, false, refusal.Rule, refusal.Message), Envelope.Json), refusal.Message, message.ResidentCode);
        }
        var prefecture = node.Entry.Parent ?? throw new InvalidOperationException($"{node.Id} の都道府県サーバがノード一覧にありません。");
        await node.EnqueueAsync(db, prefecture, MessageKinds.IdentityUpdate, message, cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, true), Envelope.Json), null, message.ResidentCode);
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
            _ when envelope.Kind == MessageKinds.NumberChange && row.IndividualNumber != request.CurrentIndividualNumber => "変更前の個人番号が最新の住民票コードに対応する個人番号と一致しません。",
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
}
