using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry.JukiNet;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// The network over real sockets: every node behind its own HTTPS listener on loopback, mutual TLS with certificates
/// from a project CA generated for the test, signed and sequence-numbered messages.
/// </summary>
public abstract class NetworkOverHttpsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(provider, NetworkMode.Https);

    public async Task DisposeAsync() => await net.DisposeAsync();

    [Fact]
    public async Task With_the_prefecture_stopped_twenty_changes_wait_at_the_CS_and_arrive_in_order_once_when_it_returns()
    {
        await net.Network.StopNodeAsync(TestNetwork.A.Prefecture);
        for (var i = 0; i < 20; i++)
        {
            await Family.RegisterAsync(net.RegistryA, Family.PersonMovesIn(i, Family.Today.PlusDays(-1)));
        }

        await net.DeliverAllAsync();
        Assert.Equal(20, (await net.IdentitiesAsync(TestNetwork.A.Cs)).Count);
        Assert.Empty(await net.IdentitiesAsync(LocalNetwork.National));
        await using (var cs = net.Store(TestNetwork.A.Cs))
        {
            var waiting = await cs.Outbox.Where(m => m.DeliveredAt == null).ToListAsync();
            Assert.Equal(20, waiting.Count);
            Assert.Contains("接続できません", waiting.OrderBy(m => m.Sequence).First().LastError);
        }

        await net.Network.StartNodeAsync(TestNetwork.A.Prefecture);
        await net.DeliverAllAsync();

        await using var national = net.Store(LocalNetwork.National);
        var history = await national.IdentityHistory.OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"200000000{i:D2}"), history.Select(h => h.ResidentCode));
        var received = await national.MessageLog.Where(m => m.Direction == JukiNetNode.Received && m.Outcome == JukiNetNode.Applied).Select(m => m.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), received.Order());
        await using var prefecture = net.Store(TestNetwork.A.Prefecture);
        Assert.Equal(20, await prefecture.IdentityHistory.CountAsync());
        Assert.Equal(20, await prefecture.MessageLog.CountAsync(m => m.Direction == JukiNetNode.Received && m.Outcome == JukiNetNode.Applied));
    }

    [Fact]
    public async Task A_message_with_a_bad_signature_is_refused_and_logged_and_changes_nothing()
    {
        var envelope = Signed(1, Update("10000000011", "佐藤　一郎")) with { Body = JsonSerializer.Serialize(Update("10000000011", "偽　太郎"), Envelope.Json) };

        var reply = await SendAsRegistryAsync(envelope);

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        Assert.Contains("署名", reply.Reason);
        await AssertRefusalLoggedAsync("署名");
        Assert.Empty(await net.IdentitiesAsync(TestNetwork.A.Cs));
    }

    [Fact]
    public async Task A_client_certificate_the_project_CA_did_not_issue_is_refused_and_logged()
    {
        var stranger = ProjectCertificateAuthority.Create("Someone else's CA").Issue(TestNetwork.A.Registry);
        using var transport = new HttpsTransport(stranger, net.Network.Authority.Certificate);
        using var key = stranger.GetECDsaPrivateKey()!;
        var envelope = Unsigned(1, Update("10000000011", "佐藤　一郎")).SignedWith(key);

        var reply = await transport.SendAsync(net.Network.Directory.Get(TestNetwork.A.Cs), envelope);

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        Assert.Contains("未登録の証明書", reply.Reason);
        await AssertRefusalLoggedAsync("未登録の証明書");
        Assert.Empty(await net.IdentitiesAsync(TestNetwork.A.Cs));
    }

    [Fact]
    public async Task A_replayed_sequence_number_is_refused_a_resend_is_not_applied_twice_and_a_gap_is_refused()
    {
        var first = Signed(1, Update("10000000011", "佐藤　一郎"));
        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(first)).Outcome);

        var resend = await SendAsRegistryAsync(first);
        Assert.Equal(ReplyOutcome.Duplicate, resend.Outcome);
        var replay = await SendAsRegistryAsync(Signed(1, Update("10000000022", "佐藤　和子")));
        Assert.Equal(ReplyOutcome.Refused, replay.Outcome);
        Assert.Contains("再使用", replay.Reason);
        var gap = await SendAsRegistryAsync(Signed(3, Update("10000000022", "佐藤　和子")));
        Assert.Equal(ReplyOutcome.Refused, gap.Outcome);
        Assert.Equal(2, gap.ExpectedSequence);

        Assert.Equal(["10000000011"], (await net.IdentitiesAsync(TestNetwork.A.Cs)).Select(r => r.ResidentCode));
        await using var cs = net.Store(TestNetwork.A.Cs);
        Assert.Equal(1, await cs.IdentityHistory.CountAsync());
        Assert.Equal(1, await cs.Outbox.CountAsync());
        await AssertRefusalLoggedAsync("再使用");
        await AssertRefusalLoggedAsync("順序の欠落");
    }

    [Fact]
    public async Task Another_node_answering_at_the_CS_address_is_not_taken_for_the_CS()
    {
        var cs = net.Network.Directory.Get(TestNetwork.A.Cs);
        var impostor = cs with { Endpoint = net.Network.Directory.Get(TestNetwork.A.Prefecture).Endpoint };

        await Assert.ThrowsAsync<NodeUnreachableException>(() => SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")), impostor));

        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")))).Outcome);
    }

    [Fact]
    public async Task A_malformed_message_is_refused_naming_the_item_and_its_number_stays_unused()
    {
        var reply = await SendAsRegistryAsync(Signed(1, Update("123", "佐藤　一郎")));

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        Assert.Contains("residentCode", reply.Reason);
        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")))).Outcome);
    }

    [Fact]
    public async Task A_message_with_an_item_the_receiver_does_not_know_is_refused_not_half_applied()
    {
        var body = JsonSerializer.Serialize(Update("10000000011", "佐藤　一郎"), Envelope.Json).TrimEnd('}') + ",\"supportMeasure\":true}";
        using var key = net.Network.CredentialsOf(TestNetwork.A.Registry).GetECDsaPrivateKey()!;

        var reply = await SendAsRegistryAsync((Unsigned(1, Update("10000000011", "佐藤　一郎")) with { Body = body }).SignedWith(key));

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        Assert.Contains("supportMeasure", reply.Reason);
        Assert.Empty(await net.IdentitiesAsync(TestNetwork.A.Cs));
        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")))).Outcome);
    }

    [Fact]
    public async Task A_CS_accepts_data_only_from_its_own_registry()
    {
        var link = new CsLinkSettings(TestNetwork.B.Registry, net.Network.CredentialsOf(TestNetwork.B.Registry), net.Network.Directory.Get(TestNetwork.A.Cs), net.Network.TransportFor(TestNetwork.B.Registry));
        using var key = link.Credentials.GetECDsaPrivateKey()!;
        var envelope = (Unsigned(1, Update("10000000011", "佐藤　一郎")) with { From = TestNetwork.B.Registry.Value }).SignedWith(key);

        var reply = await link.Transport.SendAsync(link.Cs, envelope);

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        Assert.Contains("既存住基システムではありません", reply.Reason);
        Assert.Empty(await net.IdentitiesAsync(TestNetwork.A.Cs));
    }

    [Fact]
    public async Task The_CS_refuses_a_relocation_that_changes_the_name_and_forwards_nothing()
    {
        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")))).Outcome);

        var reply = await SendAsRegistryAsync(Signed(2, Update("10000000011", "鈴木　一郎", reason: 301, address: "岩手県みどり市中央二丁目１番地")));

        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        Assert.Contains("転居では住所以外", reply.Reason);
        Assert.Contains("氏名", reply.Reason);
        Assert.Equal("佐藤　一郎", Assert.Single(await net.IdentitiesAsync(TestNetwork.A.Cs)).Name);
        await using var cs = net.Store(TestNetwork.A.Cs);
        Assert.Equal(1, await cs.Outbox.CountAsync());
        Assert.Equal(1, await cs.MessageLog.CountAsync(m => m.Outcome == JukiNetNode.Rejected));
    }

    [Fact]
    public async Task A_second_move_in_of_a_resident_is_refused_by_the_logic_check()
    {
        Assert.Equal(ReplyOutcome.Applied, (await SendAsRegistryAsync(Signed(1, Update("10000000011", "佐藤　一郎")))).Outcome);

        var reply = await SendAsRegistryAsync(Signed(2, Update("10000000011", "佐藤　一郎")));

        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        Assert.Contains("既に", reply.Reason);
        Assert.Contains("記載できません", reply.Reason);
    }

    private static IdentityUpdateMessage Update(string code, string name, int reason = 101, string address = "岩手県みどり市中央一丁目１番地") =>
        new(code, null, name, "サトウ　イチロウ", "1978年4月1日", 1, address, null, reason, "2026年11月1日", true);

    private static Envelope Unsigned(long sequence, IdentityUpdateMessage body) => new()
    {
        From = TestNetwork.A.Registry.Value,
        To = TestNetwork.A.Cs.Value,
        Stream = Streams.Update,
        Sequence = sequence,
        Kind = MessageKinds.IdentityUpdate,
        Body = JsonSerializer.Serialize(body, Envelope.Json),
        SentAt = "2026-11-30T00:00:00Z",
    };

    private Envelope Signed(long sequence, IdentityUpdateMessage body)
    {
        using var key = net.Network.CredentialsOf(TestNetwork.A.Registry).GetECDsaPrivateKey()!;
        return Unsigned(sequence, body).SignedWith(key);
    }

    private Task<Reply> SendAsRegistryAsync(Envelope envelope, DirectoryEntry? to = null) =>
        net.Network.TransportFor(TestNetwork.A.Registry).SendAsync(to ?? net.Network.Directory.Get(TestNetwork.A.Cs), envelope);

    private async Task AssertRefusalLoggedAsync(string reason)
    {
        await using var cs = net.Store(TestNetwork.A.Cs);
        var refusals = await cs.MessageLog.Where(m => m.Outcome == JukiNetNode.Refused).Select(m => m.Reason).ToListAsync();
        Assert.Contains(refusals, r => r!.Contains(reason, StringComparison.Ordinal));
    }
}

public sealed class SqliteNetworkOverHttpsTests() : NetworkOverHttpsTests(DatabaseProvider.Sqlite);

public sealed class PostgresNetworkOverHttpsTests() : NetworkOverHttpsTests(DatabaseProvider.Postgres);
