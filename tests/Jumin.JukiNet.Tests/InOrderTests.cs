using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;

namespace Jumin.JukiNet.Tests;

/// <summary>The rule every ordered sender keeps (issue 14 item 5): in order, each after the one before, stopping at the first not taken.</summary>
public sealed class InOrderTests
{
    private readonly List<string> log = [];

    private Task<int> SendAsync(IEnumerable<int> messages, Func<int, Reply> answer, Func<Reply, bool>? unusable = null) =>
        InOrder.SendAsync(messages,
            m =>
            {
                log.Add($"send {m}");
                return Task.FromResult(answer(m));
            },
            (m, reply) =>
            {
                log.Add($"ack {m} {reply.Outcome}");
                return Task.CompletedTask;
            },
            (m, stop) =>
            {
                log.Add($"stop {m} {(stop.Refused ? "refused" : "unreachable")}: {stop.Reason}");
                return Task.CompletedTask;
            },
            unusable);

    [Fact]
    public async Task A_refusal_stops_sending_and_nothing_after_it_is_sent()
    {
        var delivered = await SendAsync([1, 2, 3, 4], m => m == 3 ? Reply.Refuse("順序番号が違います。", 2) : new Reply(m == 2 ? ReplyOutcome.Duplicate : ReplyOutcome.Applied));

        Assert.Equal(2, delivered);
        Assert.Equal(["send 1", "ack 1 Applied", "send 2", "ack 2 Duplicate", "send 3", "stop 3 refused: 順序番号が違います。"], log);
    }

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_stops_sending_at_that_message_as_not_refused()
    {
        var delivered = await SendAsync([1, 2], m => m == 1 ? throw new NodeUnreachableException("接続できません。") : new Reply(ReplyOutcome.Applied));

        Assert.Equal(0, delivered);
        Assert.Equal(["send 1", "stop 1 unreachable: 接続できません。"], log);
    }

    [Fact]
    public async Task An_answer_the_sender_cannot_use_stops_it_like_a_refusal()
    {
        var delivered = await SendAsync([1, 2], m => new Reply(ReplyOutcome.Applied, Body: m == 1 ? "{}" : null), unusable: r => r.Body is null);

        Assert.Equal(1, delivered);
        Assert.Equal(["send 1", "ack 1 Applied", "send 2", "stop 2 refused: "], log);
    }
}
