using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;

namespace Jumin.Registry.JukiNet;

/// <summary>
/// A question to the CS on a user's behalf (特例転入, 転入通知, 整合性確認, 住民票コード): an unreachable CS or a refused
/// request is audited as 拒否 on the screen it came from and thrown as <see cref="JukiNetRequestException"/>.
/// </summary>
internal sealed record CsRequests(CsLink Link, RegistryDatabase Database, AuditTrail Audit)
{
    /// <returns>The reply's body, or null when it has none.</returns>
    /// <param name="op">Who asks.</param>
    /// <param name="function">The audit function refusals are logged under.</param>
    /// <param name="screen">The screen refusals are logged on.</param>
    /// <param name="target">The 宛名番号 or 住民票コード asked about, if any.</param>
    /// <param name="kind">The message kind.</param>
    /// <param name="body">The question.</param>
    /// <param name="what">What a refusal says was refused (要求, 整合性確認).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task<T?> AskAsync<T>(Operator op, string function, string screen, string? target, string kind, object body, string what, CancellationToken cancellationToken) where T : class
    {
        Reply reply;
        try
        {
            reply = await Link.RequestAsync(kind, body, cancellationToken);
        }
        catch (NodeUnreachableException e)
        {
            await RefusedAsync(op, function, screen, target, e.Message, cancellationToken);
            throw new JukiNetRequestException("市町村CSに接続できません。しばらくしてからもう一度行ってください。");
        }
        if (reply.Outcome == ReplyOutcome.Refused)
        {
            await RefusedAsync(op, function, screen, target, reply.Reason, cancellationToken);
            throw new JukiNetRequestException($"住基ネットが{what}を拒否しました: {reply.Reason}");
        }
        return reply.Body is null ? null : MessageBodies.Parse<T>(reply.Body);
    }

    /// <summary>Audits a refused question (拒否) with the reason.</summary>
    public Task RefusedAsync(Operator op, string function, string screen, string? target, string? reason, CancellationToken cancellationToken) =>
        Audit.AppendAloneAsync(Database, [Audit.Event(op, function, screen, target, outcome: Domain.Audit.AuditOutcome.Refused, detail: reason)], cancellationToken);
}
