using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using NodaTime;

namespace Jumin.JukiNet.Cards;

/// <summary>
/// The 個人番号カード向けコールセンター's side (seed 004 §2.10): after checking the caller's identity, it files a 一時停止申請
/// with the カード管理システム at the 全国サーバ, signed with its own certificate. It keeps no state of its own, so its request
/// numbers follow the clock (milliseconds), which only ever rise.
/// </summary>
public sealed class CallCentreClient(NodeId self, X509Certificate2 credentials, NodeDirectory directory, IJukiNetTransport transport, IClock clock)
{
    private readonly Lock gate = new();
    private long last;

    /// <summary>一時停止 of the card of the person with this 個人番号, for the reason the caller gave (紛失, 盗難 …).</summary>
    /// <exception cref="NodeUnreachableException">The 全国サーバ did not answer.</exception>
    public async Task<CardOperationResult> SuspendAsync(string individualNumber, string reason, string operatorName, CancellationToken cancellationToken = default)
    {
        var request = new CardOperationRequest(Domain.JukiNet.CardOperations.JapaneseName(Domain.JukiNet.CardOperation.Suspend), operatorName, IndividualNumber: individualNumber, Reason: reason);
        var envelope = new Envelope
        {
            From = self.Value,
            To = directory.National.Id.Value,
            Stream = Streams.Request,
            Sequence = NextSequence(),
            Kind = MessageKinds.CardOperation,
            Body = JsonSerializer.Serialize(request, Envelope.Json),
            SentAt = clock.GetCurrentInstant().ToString(),
        }.SignedBy(credentials);
        var reply = await transport.SendAsync(directory.National, envelope, cancellationToken);
        if (reply.Outcome == ReplyOutcome.Refused || reply.Body is null)
        {
            return new CardOperationResult(null, reply.Reason ?? "全国サーバが要求を拒否しました。");
        }
        return MessageBodies.Parse<CardOperationResult>(reply.Body);
    }

    private long NextSequence()
    {
        lock (gate)
        {
            last = Math.Max(last + 1, clock.GetCurrentInstant().ToUnixTimeMilliseconds());
            return last;
        }
    }
}
