using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Persistence;

/// <summary>
/// What a node stops keeping once it has served: the replies kept for resends (<see cref="MessageReplyRow"/>) and the
/// bodies and replies of delivered outbox messages. Past <see cref="Window"/> the logs keep that a message was sent,
/// answered, and with which content hash, never what it said; the 本人確認情報 itself stays as 履歴 (seed 004 §2.4).
/// </summary>
public static class SpentContent
{
    /// <summary>A sender resends within seconds to hours (j1090); a week covers a node that was down for days.</summary>
    public static readonly NodaTime.Duration Window = NodaTime.Duration.FromDays(7);

    /// <summary>Deletes what is older than <paramref name="before"/>; returns how many rows it emptied or deleted.</summary>
    public static async Task<int> ForgetAsync(JukiNetDbContext db, DateTime before, CancellationToken cancellationToken)
    {
        var replies = await db.MessageReplies.Where(r => r.At < before).ExecuteDeleteAsync(cancellationToken);
        var messages = await db.Outbox.Where(m => m.DeliveredAt != null && m.DeliveredAt < before && (m.Body != "" || m.ReplyBody != null))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Body, "").SetProperty(m => m.ReplyBody, (string?)null), cancellationToken);
        return replies + messages;
    }
}
