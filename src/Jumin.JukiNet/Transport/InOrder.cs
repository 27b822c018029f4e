using Jumin.JukiNet.Protocol;

namespace Jumin.JukiNet.Transport;

/// <summary>Why sending in order stopped at a message: the receiver could not be reached, or it refused the message.</summary>
/// <param name="Reason">What to keep as the message's last error.</param>
/// <param name="Refused">The receiver answered and refused (false: it could not be reached).</param>
public sealed record SendStop(string? Reason, bool Refused);

/// <summary>
/// The one rule every ordered sender keeps (a node's outbox, the registry's link to its CS, the 送付先情報): messages
/// go in order, each only after the one before was acknowledged; at the first the receiver cannot take — unreachable
/// or refused — sending stops and that message keeps why, to be sent again, in the same place, on the next round.
/// </summary>
public static class InOrder
{
    /// <summary>Sends the messages in order until one is not acknowledged; returns how many were.</summary>
    /// <param name="messages">The messages, in the order they must arrive.</param>
    /// <param name="send">Sends one message (it may count the attempt first).</param>
    /// <param name="acknowledged">Records one message as delivered with its reply.</param>
    /// <param name="stopped">Records why the message sending stopped at was not delivered.</param>
    /// <param name="unusable">A reply that is not a refusal but cannot be used either (e.g. no body where one is due).</param>
    public static async Task<int> SendAsync<T>(IEnumerable<T> messages, Func<T, Task<Reply>> send, Func<T, Reply, Task> acknowledged, Func<T, SendStop, Task> stopped, Func<Reply, bool>? unusable = null)
    {
        var delivered = 0;
        foreach (var message in messages)
        {
            Reply reply;
            try
            {
                reply = await send(message);
            }
            catch (NodeUnreachableException e)
            {
                await stopped(message, new SendStop(e.Message, Refused: false));
                return delivered;
            }
            if (reply.Outcome == ReplyOutcome.Refused || unusable?.Invoke(reply) == true)
            {
                await stopped(message, new SendStop(reply.Reason, Refused: true));
                return delivered;
            }
            await acknowledged(message, reply);
            delivered++;
        }
        return delivered;
    }
}
