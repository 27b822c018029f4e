using System.Text.Json;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;

namespace Jumin.Prefecture;

/// <summary>
/// 都道府県サーバ (seed 004 §2.4 1-④): receives 本人確認情報 updates from the CS of each municipality in the prefecture,
/// updates the 都道府県知事保存本人確認情報, and then notifies the 全国サーバ, whose 更新結果 comes back as the
/// acknowledgement (住基法30条の7).
/// </summary>
public sealed class PrefectureBehaviour : INodeBehaviour
{
    public string? Refuses(DirectoryEntry sender, string stream, string kind) => (sender.Role, stream, kind) switch
    {
        (NodeRole.Cs, Streams.Update, MessageKinds.IdentityUpdate) => null,
        (NodeRole.Cs, Streams.Request, MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck) => null,
        _ => $"都道府県サーバは管内の市町村CSからの本人確認情報の更新と整合性確認のみ受け付けます（{sender.Id}: {stream}/{kind}）。",
    };

    public async Task<HandlerResult> HandleAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        if (sender.Parent != node.Id)
        {
            throw new MalformedMessageException($"{sender.Id} はこの都道府県（{node.Id}）の市町村CSではありません。");
        }
        if (envelope.Kind is MessageKinds.ConsistencyDigest or MessageKinds.ConsistencyCheck)
        {
            return await Consistency.AnswerAsync(db, envelope, sender.Name, node.Entry.Name, sender.Code!, cancellationToken);
        }
        var message = IdentityUpdateMessage.Parse(envelope.Body);
        if (message.MunicipalityCode != sender.Code)
        {
            throw new MalformedMessageException($"電文の項目 municipalityCode: {message.MunicipalityCode} は送信元 {sender.Id}（{sender.Code}）の市町村ではありません。");
        }
        var info = message.ToDomain();
        var refusal = await IdentityStore.ApplyAsync(db, info, envelope.From, node.Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
        if (refusal is not null)
        {
            return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, false, refusal.Rule, refusal.Message), Envelope.Json), refusal.Message, message.ResidentCode);
        }
        await node.EnqueueAsync(db, node.Directory.National.Id, MessageKinds.IdentityUpdate, message, cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(new UpdateResult(message.ResidentCode, true), Envelope.Json), null, message.ResidentCode);
    }
}
