using System.Collections.Concurrent;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Polly;
using Polly.CircuitBreaker;

namespace Jumin.JukiNet.Messaging;

/// <summary>
/// Delivery of the update stream (j1090): one sender per destination, so a destination that is down or hangs holds up
/// only its own messages; a circuit breaker per destination spaces out the attempts at one that keeps failing; and a
/// sender loop that survives anything but being stopped (a database restart, an unexpected transport error).
/// </summary>
public sealed partial class JukiNetNode
{
    /// <summary>How many outbox rows one send round reads at a time.</summary>
    private const int BatchSize = 100;

    private readonly ConcurrentDictionary<string, ResiliencePipeline> breakers = new(StringComparer.Ordinal);

    /// <summary>One lock per destination: a destination is sent to by one sender at a time, and only its own sender waits for it.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> senders = new(StringComparer.Ordinal);

    /// <summary>Raised after a message is acknowledged and marked delivered (its transaction committed).</summary>
    public event Action<OutboxRow>? Acknowledged;

    /// <summary>Raised when a send round or one destination's sender fails as a whole (not a destination being unreachable).</summary>
    public event Action<string>? SenderFailed;

    /// <summary>The last failure of a send round (the node's own database restarting, an error no one foresaw), for 運用監視; null once a round succeeds.</summary>
    public string? LastSenderFailure { get; private set; }

    private void RecordSenderFailure(string what, Exception e)
    {
        LastSenderFailure = $"{Clock.GetCurrentInstant()} {what}: {e.GetType().Name}: {e.Message}";
        SenderFailed?.Invoke(LastSenderFailure);
    }

    /// <summary>
    /// Sends every undelivered update-stream message now, to every destination at once, each in sequence order and
    /// stopping at the first one its destination does not acknowledge (it is sent again next time). Returns how many
    /// were acknowledged. An explicit call waits for a destination's running sender and ignores the circuit breakers:
    /// it is an operator's or a test's "send now".
    /// </summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        var counts = await Task.WhenAll((await DestinationsAsync(cancellationToken)).Select(async destination =>
        {
            var sender = SenderOf(destination);
            await sender.WaitAsync(cancellationToken);
            try
            {
                return (await DeliverToAsync(destination, cancellationToken)).Delivered;
            }
            finally
            {
                sender.Release();
            }
        }));
        return counts.Sum();
    }

    /// <summary>
    /// Starts a sender for each destination with messages waiting whose sender is not already at work, and returns
    /// without waiting for them: a destination that hangs holds up nothing but its own messages.
    /// </summary>
    private async Task StartSendersAsync(List<Task> running, CancellationToken cancellationToken)
    {
        running.RemoveAll(t => t.IsCompleted);
        foreach (var destination in await DestinationsAsync(cancellationToken))
        {
            var sender = SenderOf(destination);
            if (!sender.Wait(0, CancellationToken.None))
            {
                continue;
            }
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await DeliverThroughBreakerAsync(destination, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    RecordSenderFailure(destination.Id.Value, e);
                }
                finally
                {
                    sender.Release();
                }
            }, CancellationToken.None));
        }
    }

    private SemaphoreSlim SenderOf(DirectoryEntry destination) => senders.GetOrAdd(destination.Id.Value, _ => new SemaphoreSlim(1, 1));

    private async Task<List<DirectoryEntry>> DestinationsAsync(CancellationToken cancellationToken)
    {
        await using var db = Database.Open();
        var ids = await db.Outbox.Where(m => m.DeliveredAt == null && m.Stream == Streams.Update).Select(m => m.Destination).Distinct().ToListAsync(cancellationToken);
        return [.. ids.Select(Directory.Find).OfType<DirectoryEntry>()];
    }

    /// <summary>Delivers to one destination unless its circuit is open (<see cref="DeliveryResilience.DestinationBreaker"/>).</summary>
    private async Task<int> DeliverThroughBreakerAsync(DirectoryEntry destination, CancellationToken cancellationToken)
    {
        var breaker = breakers.GetOrAdd(destination.Id.Value, _ => DeliveryResilience.DestinationBreaker<DestinationNotAcknowledgingException>());
        try
        {
            return await breaker.ExecuteAsync(async token =>
            {
                var (delivered, stalled) = await DeliverToAsync(destination, token);
                return stalled ? throw new DestinationNotAcknowledgingException(delivered) : delivered;
            }, cancellationToken);
        }
        catch (DestinationNotAcknowledgingException e)
        {
            return e.Delivered;
        }
        catch (BrokenCircuitException)
        {
            return 0;
        }
    }

    /// <summary>Sends to one destination in sequence order until it has nothing left or stops acknowledging (stalled).</summary>
    private async Task<(int Delivered, bool Stalled)> DeliverToAsync(DirectoryEntry destination, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            // A fresh context per batch: one context tracking thousands of rows makes every SaveChanges slower.
            await using var db = Database.Open();
            var to = destination.Id.Value;
            var pending = await db.Outbox.Where(m => m.DeliveredAt == null && m.Stream == Streams.Update && m.Destination == to)
                .OrderBy(m => m.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            // The envelope of the message in flight: the log records what was sent, whatever the answer.
            Envelope sent = null!;
            var acknowledged = await InOrder.SendAsync(pending,
                message =>
                {
                    sent = Sign(db, message);
                    message.Attempts++;
                    return Transport.SendAsync(destination, sent, cancellationToken);
                },
                async (message, reply) =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    message.DeliveredAt = Now;
                    message.LastError = reply.Outcome == ReplyOutcome.Duplicate ? "再送（受信側で適用済み）" : null;
                    message.ReplyBody = reply.Body is null ? null : db.Seal(reply.Body);
                    db.MessageLog.Add(Log(Sent, sent, reply.Reason is null ? Delivered : Rejected, reply.Reason, sent.ContentHash()));
                    await Behaviour.OnAcknowledgedAsync(this, db, message, reply, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    Acknowledged?.Invoke(message);
                },
                async (message, stop) =>
                {
                    message.LastError = stop.Reason;
                    if (stop.Refused)
                    {
                        db.MessageLog.Add(Log(Sent, sent, Refused, stop.Reason, sent.ContentHash()));
                    }
                    await db.SaveChangesAsync(cancellationToken);
                });
            delivered += acknowledged;
            if (acknowledged < pending.Count)
            {
                return (delivered, true);
            }
            if (pending.Count < BatchSize)
            {
                return (delivered, false);
            }
        }
    }

    /// <summary>
    /// Sends the outbox whenever something is enqueued, and at least every <paramref name="retry"/> (resend), one sender
    /// per destination; runs the role's housekeeping at start and then hourly. A round that fails as a whole (the node's
    /// own database restarting, an error no one foresaw) is recorded in <see cref="LastSenderFailure"/> and tried again
    /// after a growing pause (1 s doubling to 5 min): only stopping the node ends the loop, after its senders stop.
    /// </summary>
    public async Task RunAsync(TimeSpan retry, CancellationToken cancellationToken)
    {
        var housekept = Instant.MinValue;
        var running = new List<Task>();
        var rounds = DeliveryResilience.Rounds(e => RecordSenderFailure("送信", e), cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await rounds.ExecuteAsync(async token =>
                {
                    if (Clock.GetCurrentInstant() - housekept >= NodaTime.Duration.FromHours(1))
                    {
                        await ForgetSpentContentAsync(token);
                        await Behaviour.HousekeepAsync(this, token);
                        housekept = Clock.GetCurrentInstant();
                    }
                    await StartSendersAsync(running, token);
                    LastSenderFailure = null;
                }, cancellationToken);
                await outboxSignal.WaitAsync(retry, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            // A sender still at work finishes or abandons its message (cancelled) before the node stops.
            await Task.WhenAll(running);
        }
    }

    /// <summary>A destination stopped acknowledging in this round (unreachable or refusing); counts towards its circuit breaker.</summary>
    private sealed class DestinationNotAcknowledgingException(int delivered) : Exception("送信先が応答しません。")
    {
        public int Delivered { get; } = delivered;
    }
}
