using System.Text.Json;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Messaging;

/// <summary>What a node sends: the update stream's outbox (delivered by <c>JukiNetNode.Delivery.cs</c>) and questions on the request stream.</summary>
public sealed partial class JukiNetNode
{
    /// <summary>
    /// Adds a message to the update stream towards <paramref name="destination"/>, in the caller's transaction: it is sent
    /// only if that transaction commits, after every message enqueued before it.
    /// </summary>
    public async Task EnqueueAsync(JukiNetDbContext db, NodeId destination, string kind, object body, CancellationToken cancellationToken)
    {
        var to = destination.Value;
        var last = db.Outbox.Local.Where(m => m.Destination == to && m.Stream == Streams.Update).Select(m => (long?)m.Sequence).Max()
            ?? await db.Outbox.Where(m => m.Destination == to && m.Stream == Streams.Update).MaxAsync(m => (long?)m.Sequence, cancellationToken)
            ?? 0;
        db.Outbox.Add(new OutboxRow
        {
            Destination = to,
            Stream = Streams.Update,
            Sequence = last + 1,
            Kind = kind,
            Body = db.Seal(JsonSerializer.Serialize(body, Envelope.Json)),
            SentAt = Clock.GetCurrentInstant().ToString(),
            CreatedAt = Now,
        });
    }

    /// <summary>Wakes the sender: something was enqueued.</summary>
    public void SignalOutbox() => outboxSignal.Release();

    /// <summary>
    /// Asks <paramref name="destination"/> a question on the request stream (照会, 個人番号生成要求) and returns its reply;
    /// the request is kept in the outbox as a record of what was asked.
    /// </summary>
    /// <exception cref="NodeUnreachableException">The destination did not answer.</exception>
    public Task<Reply> RequestAsync(NodeId destination, string kind, object body, CancellationToken cancellationToken = default) =>
        RequestAsync(destination, kind, body, keepReply: true, cancellationToken);

    /// <param name="destination">Who is asked.</param>
    /// <param name="kind">The message kind.</param>
    /// <param name="body">The question.</param>
    /// <param name="keepReply">False for an answer this node only relays: it is not kept in the outbox.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task<Reply> RequestAsync(NodeId destination, string kind, object body, bool keepReply, CancellationToken cancellationToken)
    {
        var entry = Directory.Get(destination);
        await requesting.WaitAsync(cancellationToken);
        try
        {
            await using var db = Database.Open();
            var to = destination.Value;
            var last = await db.Outbox.Where(m => m.Destination == to && m.Stream == Streams.Request).MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
            var message = new OutboxRow
            {
                Destination = to,
                Stream = Streams.Request,
                Sequence = last + 1,
                Kind = kind,
                Body = db.Seal(JsonSerializer.Serialize(body, Envelope.Json)),
                SentAt = Clock.GetCurrentInstant().ToString(),
                CreatedAt = Now,
            };
            db.Outbox.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            var envelope = Sign(db, message);
            message.Attempts = 1;
            try
            {
                var reply = await Transport.SendAsync(entry, envelope, cancellationToken);
                message.DeliveredAt = reply.Outcome == ReplyOutcome.Refused ? null : Now;
                message.LastError = reply.Outcome == ReplyOutcome.Refused ? reply.Reason : null;
                message.ReplyBody = keepReply && reply.Body is not null ? db.Seal(reply.Body) : null;
                db.MessageLog.Add(Log(Sent, envelope, reply.Outcome == ReplyOutcome.Refused ? Refused : reply.Reason is null ? Delivered : Rejected, reply.Reason, envelope.ContentHash()));
                await db.SaveChangesAsync(cancellationToken);
                return reply;
            }
            catch (NodeUnreachableException e)
            {
                message.LastError = e.Message;
                await db.SaveChangesAsync(cancellationToken);
                throw;
            }
        }
        finally
        {
            requesting.Release();
        }
    }

    private Envelope Sign(JukiNetDbContext db, OutboxRow message) =>
        new Envelope
        {
            From = Id.Value,
            To = message.Destination,
            Stream = message.Stream,
            Sequence = message.Sequence,
            Kind = message.Kind,
            Body = db.Open(message.Body),
            SentAt = message.SentAt,
        }.SignedBy(Credentials);

    /// <summary>Deletes the replies and delivered message content older than <see cref="SpentContent.Window"/>.</summary>
    public async Task<int> ForgetSpentContentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = Database.Open();
        return await SpentContent.ForgetAsync(db, (Clock.GetCurrentInstant() - SpentContent.Window).ToDateTimeUtc(), cancellationToken);
    }
}
