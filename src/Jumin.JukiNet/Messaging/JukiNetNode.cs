using System.Security.Cryptography.X509Certificates;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.JukiNet.Messaging;

/// <summary>What a node role does with the messages it receives (CS, 都道府県サーバ, 全国サーバ).</summary>
public interface INodeBehaviour
{
    /// <summary>Null when <paramref name="sender"/> may send <paramref name="kind"/> on <paramref name="stream"/>; otherwise why not.</summary>
    string? Refuses(DirectoryEntry sender, string stream, string kind);

    /// <summary>
    /// Applies one message inside the receiving transaction: store, forward (<see cref="JukiNetNode.EnqueueAsync"/>), reply.
    /// Throw <see cref="MalformedMessageException"/> to refuse it without using its sequence number.
    /// </summary>
    Task<HandlerResult> HandleAsync(JukiNetNode node, JukiNetDbContext db, Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken);

    /// <summary>Called in the transaction that marks a sent message delivered (e.g. to count 更新結果).</summary>
    Task OnAcknowledgedAsync(JukiNetNode node, JukiNetDbContext db, OutboxRow message, Reply reply, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Work that is due by the calendar (purges); run by <see cref="JukiNetNode.RunAsync"/> about once an hour.</summary>
    Task HousekeepAsync(JukiNetNode node, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The result of applying a message: the reply body, and the business rule that rejected its content, if any.
/// <paramref name="KeepReply"/> false: the reply is not kept in the log (what a node only relays, it does not keep;
/// a resend of the request then gets no body).
/// </summary>
public sealed record HandlerResult(string? ReplyBody = null, string? Rejection = null, string? ResidentCode = null, bool KeepReply = true);

/// <summary>A message whose body is not what its kind requires; refused, and its sequence number stays unused.</summary>
public sealed class MalformedMessageException(string message) : Exception(message);

/// <summary>
/// One 住基ネット node at work: it receives signed messages (checking certificate, signature, sender and sequence number
/// before anything is applied, and logging every refusal), applies each once and in order, and sends its own outbox in
/// order, again and again until each message is acknowledged (j1090).
/// </summary>
public sealed partial class JukiNetNode : IDisposable
{
    private readonly SemaphoreSlim receiving = new(1, 1);
    private readonly SemaphoreSlim requesting = new(1, 1);
    private readonly SemaphoreSlim outboxSignal = new(0);

    public JukiNetNode(NodeId id, NodeDirectory directory, X509Certificate2 credentials, X509Certificate2 authority, JukiNetDatabase database, IJukiNetTransport transport, INodeBehaviour behaviour, IClock? clock = null)
    {
        Id = id;
        Directory = directory;
        Credentials = credentials;
        Authority = authority;
        Database = database;
        Transport = transport;
        Behaviour = behaviour;
        Clock = clock ?? SystemClock.Instance;
    }

    public NodeId Id { get; }

    public DirectoryEntry Entry => Directory.Get(Id);

    public NodeDirectory Directory { get; }

    public X509Certificate2 Credentials { get; }

    public X509Certificate2 Authority { get; }

    public JukiNetDatabase Database { get; }

    public IJukiNetTransport Transport { get; }

    public INodeBehaviour Behaviour { get; }

    public IClock Clock { get; }

    private DateTime Now => Clock.GetCurrentInstant().ToDateTimeUtc();

    // ── Receiving ─────────────────────────────────────────────────────────────

    public async Task<Reply> ReceiveAsync(Envelope? envelope, X509Certificate2? presentedCertificate, CancellationToken cancellationToken = default)
    {
        if (envelope is null || string.IsNullOrEmpty(envelope.From) || string.IsNullOrEmpty(envelope.Kind) || envelope.Body is null || envelope.Sequence < 1)
        {
            return await RefuseAsync(envelope, "電文の形式が正しくありません（送信元・種別・本文・順序番号が必要です）。", cancellationToken);
        }
        if (envelope.To != Id.Value)
        {
            return await RefuseAsync(envelope, $"宛先 {envelope.To} はこのノード（{Id}）ではありません。", cancellationToken);
        }
        var sender = Directory.Find(envelope.From);
        if (sender is null)
        {
            return await RefuseAsync(envelope, $"送信元 {envelope.From} はノード一覧に登録されていません。", cancellationToken);
        }
        if (presentedCertificate is not null
            && (presentedCertificate.Thumbprint != sender.Certificate.Thumbprint || !ProjectCertificateAuthority.IsIssuedBy(presentedCertificate, Authority)))
        {
            return await RefuseAsync(envelope, $"クライアント証明書（{presentedCertificate.Subject}）は {envelope.From} に発行された証明書ではありません（未登録の証明書）。", cancellationToken);
        }
        if (!envelope.IsSignedBy(sender.Certificate))
        {
            return await RefuseAsync(envelope, $"署名を {envelope.From} の証明書で検証できません（改ざんまたはなりすまし）。", cancellationToken);
        }
        if (envelope.Stream is not (Streams.Update or Streams.Request))
        {
            return await RefuseAsync(envelope, $"通信種別「{envelope.Stream}」はありません。", cancellationToken);
        }
        if (Behaviour.Refuses(sender, envelope.Stream, envelope.Kind) is { } notAllowed)
        {
            return await RefuseAsync(envelope, notAllowed, cancellationToken);
        }
        if (envelope.Stream == Streams.Request)
        {
            return await AnswerAsync(envelope, sender, cancellationToken);
        }
        await receiving.WaitAsync(cancellationToken);
        try
        {
            return await ApplyAsync(envelope, sender, cancellationToken);
        }
        finally
        {
            receiving.Release();
        }
    }

    /// <summary>
    /// A request: its number is taken (it must be above every number seen from that sender) under the lock, and the
    /// question answered outside it, so that a request relayed on to another node never holds this node's updates up.
    /// </summary>
    private async Task<Reply> AnswerAsync(Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var hash = envelope.ContentHash();
        await receiving.WaitAsync(cancellationToken);
        try
        {
            await using var db = Database.Open();
            var link = await db.Links.FindAsync([envelope.From, envelope.Stream], cancellationToken);
            if (link is not null && envelope.Sequence <= link.LastSequence)
            {
                var earlier = await EarlierAsync(db, envelope, cancellationToken);
                if (earlier is not null && earlier.ContentHash == hash)
                {
                    db.MessageLog.Add(Log(Received, envelope, Duplicate, "回答済みの要求の再送（再処理しない）", hash));
                    await db.SaveChangesAsync(cancellationToken);
                    return new Reply(ReplyOutcome.Duplicate, earlier.Reason, earlier.ReplyBody);
                }
                return await RefuseAsync(envelope, $"順序番号 {envelope.Sequence} は {envelope.From} から既に受信済みです（順序番号の再使用・リプレイ）。", cancellationToken);
            }
            if (link is null)
            {
                db.Links.Add(new LinkStateRow { Peer = envelope.From, Stream = envelope.Stream, LastSequence = envelope.Sequence });
            }
            else
            {
                link.LastSequence = envelope.Sequence;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            receiving.Release();
        }
        // No explicit transaction: a handler may relay the question to another node, whose answer this node records in
        // its outbox on a connection of its own (SQLite would wait on an open write transaction). What the handler
        // changes is tracked and written with the log entry in one SaveChanges, which is atomic.
        await using (var db = Database.Open())
        {
            HandlerResult result;
            try
            {
                result = await Behaviour.HandleAsync(this, db, envelope, sender, cancellationToken);
            }
            catch (MalformedMessageException e)
            {
                return await RefuseAsync(envelope, e.Message, cancellationToken);
            }
            var reply = AddApplied(db, envelope, result, hash);
            await db.SaveChangesAsync(cancellationToken);
            SignalIfEnqueued(db);
            return reply;
        }
    }

    private async Task<Reply> ApplyAsync(Envelope envelope, DirectoryEntry sender, CancellationToken cancellationToken)
    {
        var hash = envelope.ContentHash();
        string? refusal;
        long? expected = null;
        await using (var db = Database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var link = await db.Links.FindAsync([envelope.From, envelope.Stream], cancellationToken);
            if (link is null)
            {
                link = new LinkStateRow { Peer = envelope.From, Stream = envelope.Stream, LastSequence = 0 };
                db.Links.Add(link);
            }
            if (envelope.Sequence <= link.LastSequence)
            {
                var earlier = await EarlierAsync(db, envelope, cancellationToken);
                if (earlier is not null && earlier.ContentHash == hash)
                {
                    db.MessageLog.Add(Log(Received, envelope, Duplicate, "適用済みの電文の再送（再適用しない）", hash));
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return new Reply(ReplyOutcome.Duplicate, earlier.Reason, earlier.ReplyBody);
                }
                refusal = $"順序番号 {envelope.Sequence} は {envelope.From} から既に受信済みで、内容が異なります（順序番号の再使用・リプレイ）。";
            }
            else if (envelope.Sequence != link.LastSequence + 1)
            {
                expected = link.LastSequence + 1;
                refusal = $"順序番号 {envelope.Sequence} を受け付けられません。{expected} 番を待っています（順序の欠落）。";
            }
            else
            {
                HandlerResult result;
                try
                {
                    result = await Behaviour.HandleAsync(this, db, envelope, sender, cancellationToken);
                }
                catch (MalformedMessageException e)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return await RefuseAsync(envelope, e.Message, cancellationToken);
                }
                link.LastSequence = envelope.Sequence;
                var reply = AddApplied(db, envelope, result, hash);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                SignalIfEnqueued(db);
                return reply;
            }
        }
        return await RefuseAsync(envelope, refusal, cancellationToken, expected);
    }

    /// <summary>Logs an applied message with what the handler answered (a resend gets the same answer) and makes the reply.</summary>
    private Reply AddApplied(JukiNetDbContext db, Envelope envelope, HandlerResult result, string hash)
    {
        var entry = Log(Received, envelope, result.Rejection is null ? Applied : Rejected, result.Rejection, hash);
        entry.ResidentCode = result.ResidentCode;
        db.MessageLog.Add(entry);
        if (result.KeepReply && result.ReplyBody is { } body)
        {
            db.MessageReplies.Add(new MessageReplyRow { Peer = envelope.From, Stream = envelope.Stream, Sequence = envelope.Sequence, Body = db.Seal(body), At = Now });
        }
        return new Reply(ReplyOutcome.Applied, result.Rejection, result.ReplyBody);
    }

    /// <summary>Wakes the sender when the handler forwarded something (after the commit, so it finds the rows).</summary>
    private void SignalIfEnqueued(JukiNetDbContext db)
    {
        if (db.ChangeTracker.Entries<OutboxRow>().Any())
        {
            outboxSignal.Release();
        }
    }

    /// <summary>
    /// What this node answered when it applied the message with this sender, stream and number, if it did: the body only
    /// while the reply is kept (<see cref="SpentContent.Window"/>).
    /// </summary>
    private static async Task<EarlierReply?> EarlierAsync(JukiNetDbContext db, Envelope envelope, CancellationToken cancellationToken)
    {
        var applied = await db.MessageLog
            .Where(m => m.Direction == Received && m.Peer == envelope.From && m.Stream == envelope.Stream && m.Sequence == envelope.Sequence && (m.Outcome == Applied || m.Outcome == Rejected))
            .Select(m => new { m.ContentHash, m.Reason })
            .FirstOrDefaultAsync(cancellationToken);
        if (applied is null)
        {
            return null;
        }
        var body = await db.MessageReplies.Where(r => r.Peer == envelope.From && r.Stream == envelope.Stream && r.Sequence == envelope.Sequence).Select(r => r.Body).FirstOrDefaultAsync(cancellationToken);
        return new EarlierReply(applied.ContentHash, body is null ? null : db.Open(body), applied.Reason);
    }

    private sealed record EarlierReply(string? ContentHash, string? ReplyBody, string? Reason);

    /// <summary>Logs a refusal in its own transaction (nothing else is written) and answers with the reason.</summary>
    private async Task<Reply> RefuseAsync(Envelope? envelope, string reason, CancellationToken cancellationToken, long? expected = null)
    {
        await using var db = Database.Open();
        db.MessageLog.Add(new MessageLogRow
        {
            At = Now,
            Direction = Received,
            Peer = Truncate(envelope?.From ?? "（不明）"),
            Stream = Truncate(envelope?.Stream ?? ""),
            Sequence = envelope?.Sequence ?? 0,
            Kind = Truncate(envelope?.Kind ?? ""),
            Outcome = Refused,
            Reason = reason,
            ContentHash = envelope is null ? null : envelope.ContentHash(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Reply.Refuse(reason, expected);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];

    public void Dispose()
    {
        receiving.Dispose();
        foreach (var sender in senders.Values)
        {
            sender.Dispose();
        }
        requesting.Dispose();
        outboxSignal.Dispose();
    }

    // ── Log entries ───────────────────────────────────────────────────────────

    public const string Received = "受信";
    public const string Sent = "送信";
    public const string Applied = "適用";
    public const string Rejected = "業務エラー";
    public const string Duplicate = "重複";
    public const string Refused = "拒否";
    public const string Delivered = "送達";

    private MessageLogRow Log(string direction, Envelope envelope, string outcome, string? reason, string hash) => new()
    {
        At = Now,
        Direction = direction,
        Peer = direction == Received ? envelope.From : envelope.To,
        Stream = envelope.Stream,
        Sequence = envelope.Sequence,
        Kind = envelope.Kind,
        Outcome = outcome,
        Reason = reason,
        ContentHash = hash,
    };
}
