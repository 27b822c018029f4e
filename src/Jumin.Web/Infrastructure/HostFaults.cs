namespace Jumin.Web.Infrastructure;

/// <summary>One background task of the host that is failing now: which, and its last failure (no personal data).</summary>
public sealed record HostFault(string Task, string Failure);

/// <summary>
/// What the host's background work is failing at now — the audit checkpoints, the link to the CS, the embedded
/// 住基ネット nodes' senders, the scheduled 整合性確認 — for 運用監視: each keeps going by itself, so without this no one
/// would see that it keeps failing.
/// </summary>
public sealed class HostFaults(AuditCheckpointWriter checkpoints, JukiNetConnection jukinet)
{
    public IReadOnlyList<HostFault> Current()
    {
        var faults = new List<HostFault>();
        void Add(string task, string? failure)
        {
            if (failure is not null)
            {
                faults.Add(new(task, failure));
            }
        }
        Add("監査ログのチェックポイント", checkpoints.LastFailure);
        Add("市町村CSへの送信", jukinet.Link?.LastSenderFailure);
        Add("整合性確認（定時）", jukinet.LastScheduledFailure);
        foreach (var node in jukinet.Network?.Nodes ?? [])
        {
            Add($"住基ネット {node.Node.Id} の送信", node.Node.LastSenderFailure);
        }
        return faults;
    }
}
