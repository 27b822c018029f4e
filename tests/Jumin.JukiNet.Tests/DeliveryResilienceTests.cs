using System.Net;
using System.Net.Sockets;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Issue 15 item 16: each node sends to each destination on its own, so a destination that hangs holds up only its own
/// messages, which arrive in order once it is back; and the sender loop outlives a failure of its own database. Over
/// HTTPS between node hosts, the background senders at work (nothing here calls a send by hand).
/// </summary>
public abstract class DeliveryResilienceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(provider, NetworkMode.Https);

    public async Task DisposeAsync() => await net.DisposeAsync();

    private JukiNetNode CsB => net.Network[TestNetwork.B.Cs].Node;

    private static IdentityUpdateMessage Update(int i) =>
        new($"3000000{i:D3}1", TestNetwork.B.Code, "青葉　一郎", "アオバ　イチロウ", "1980年1月1日", 1, "東京都あおば区中央一丁目５番６号", null, 101, "2026年11月1日", true);

    private static MoveInNoticeMessage Notice(int i) =>
        new($"3000000{i:D3}1", TestNetwork.A.Code, TestNetwork.B.Code, "2026-11-01", "東京都あおば区中央一丁目５番６号", null);

    /// <summary>Puts messages in CS B's outbox as its 受信 handling would, and wakes its sender.</summary>
    private async Task EnqueueAsync(params (NodeId To, string Kind, object Body)[] messages)
    {
        await using (var db = CsB.Database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            foreach (var (to, kind, body) in messages)
            {
                await CsB.EnqueueAsync(db, to, kind, body, CancellationToken.None);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        CsB.SignalOutbox();
    }

    /// <summary>Completes when <paramref name="count"/> messages to <paramref name="destination"/> have been acknowledged.</summary>
    private Task AcknowledgedAsync(NodeId destination, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        CsB.Acknowledged += row =>
        {
            if (row.Destination == destination.Value && Interlocked.Increment(ref seen) == count)
            {
                done.TrySetResult();
            }
        };
        return done.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_destination_that_hangs_holds_up_only_its_own_messages_which_arrive_in_order_once_it_is_back()
    {
        await net.Network.StopNodeAsync(LocalNetwork.National);
        await using var blackHole = BlackHole.Listen(net.Network.Directory.Get(LocalNetwork.National).Endpoint!);
        var toPrefecture = AcknowledgedAsync(TestNetwork.B.Prefecture, 3);
        var toNational = AcknowledgedAsync(LocalNetwork.National, 2);

        await EnqueueAsync(
            (LocalNetwork.National, MessageKinds.MoveInNotice, Notice(1)),
            (LocalNetwork.National, MessageKinds.MoveInNotice, Notice(2)),
            (TestNetwork.B.Prefecture, MessageKinds.IdentityUpdate, Update(1)),
            (TestNetwork.B.Prefecture, MessageKinds.IdentityUpdate, Update(2)),
            (TestNetwork.B.Prefecture, MessageKinds.IdentityUpdate, Update(3)));

        // The 全国サーバ took the connection and answers nothing; the 都道府県サーバ gets its three all the same.
        await blackHole.Connected.WaitAsync(Patience);
        await toPrefecture;
        Assert.False(toNational.IsCompleted);
        Assert.Equal(3, (await net.IdentitiesAsync(TestNetwork.B.Prefecture)).Count);

        await blackHole.DisposeAsync();
        await net.Network.StartNodeAsync(LocalNetwork.National);
        await toNational;

        await using var national = net.Store(LocalNetwork.National);
        var received = await national.MessageLog.AsNoTracking()
            .Where(m => m.Direction == JukiNetNode.Received && m.Peer == TestNetwork.B.Cs.Value && m.Kind == MessageKinds.MoveInNotice)
            .OrderBy(m => m.Id).Select(m => new { m.Sequence, m.Outcome }).ToListAsync();
        Assert.Equal([1L, 2L], received.Where(m => m.Outcome == JukiNetNode.Applied).Select(m => m.Sequence));
    }

    [Fact]
    public async Task The_sender_goes_on_after_its_own_database_fails_and_comes_back()
    {
        var first = AcknowledgedAsync(TestNetwork.B.Prefecture, 1);
        await EnqueueAsync((TestNetwork.B.Prefecture, MessageKinds.IdentityUpdate, Update(1)));
        await first;

        // The outbox disappears under the running sender (as when its database restarts mid-round) …
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        CsB.SenderFailed += failure => failed.TrySetResult(failure);
        await MoveOutboxAsync(away: true);
        CsB.SignalOutbox();
        Assert.Contains("outbox", await failed.Task.WaitAsync(Patience), StringComparison.OrdinalIgnoreCase);

        // … and comes back: the same loop, still running, delivers what is enqueued next.
        await MoveOutboxAsync(away: false);
        var second = AcknowledgedAsync(TestNetwork.B.Prefecture, 1);
        await EnqueueAsync((TestNetwork.B.Prefecture, MessageKinds.IdentityUpdate, Update(2)));
        await second;
        Assert.Equal(2, (await net.IdentitiesAsync(TestNetwork.B.Prefecture)).Count);
    }

    private async Task MoveOutboxAsync(bool away)
    {
        await using var db = CsB.Database.Open();
        await db.Database.ExecuteSqlRawAsync(away ? "ALTER TABLE outbox RENAME TO outbox_away" : "ALTER TABLE outbox_away RENAME TO outbox");
    }

    /// <summary>A listener that accepts connections and never answers: a destination that hangs.</summary>
    private sealed class BlackHole : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly List<Socket> accepted = [];
        private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task accepting;

        private BlackHole(Uri endpoint)
        {
            listener = new TcpListener(IPAddress.Parse(endpoint.Host), endpoint.Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            accepting = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var socket = await listener.AcceptSocketAsync();
                        lock (accepted)
                        {
                            accepted.Add(socket);
                        }
                        connected.TrySetResult();
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            });
        }

        public Task Connected => connected.Task;

        public static BlackHole Listen(Uri endpoint) => new(endpoint);

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await accepting;
            lock (accepted)
            {
                foreach (var socket in accepted)
                {
                    socket.Close(0);
                }
                accepted.Clear();
            }
        }
    }
}

public sealed class SqliteDeliveryResilienceTests() : DeliveryResilienceTests(DatabaseProvider.Sqlite);

public sealed class PostgresDeliveryResilienceTests() : DeliveryResilienceTests(DatabaseProvider.Postgres);
