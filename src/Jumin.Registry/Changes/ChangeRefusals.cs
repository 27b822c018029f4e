using Jumin.Domain;
using Jumin.Domain.Changes;

namespace Jumin.Registry.Changes;

/// <summary>A 異動 that cannot be entered or registered: the errors, or the alerts still to acknowledge (j1440).</summary>
public sealed class ChangeRejectedException(ChangePlan plan, IReadOnlyList<ChangeFinding> findings, bool needsAcknowledgement)
    : RefusalException(needsAcknowledgement ? "確認が必要なアラートがあります。" : "エラーがあるため登録できません。")
{
    public override RefusalKind Kind => NeedsAcknowledgement ? RefusalKind.Conflict : RefusalKind.Unprocessable;

    public ChangePlan Plan { get; } = plan;

    public IReadOnlyList<ChangeFinding> Findings { get; } = findings;

    public bool NeedsAcknowledgement { get; } = needsAcknowledgement;
}

/// <summary>The 異動 is not in a state for this (already decided, register moved on, or the same user approving).</summary>
public sealed class ChangeConflictException(string message, bool forbidden = false) : RefusalException(message)
{
    public override RefusalKind Kind => Forbidden ? RefusalKind.Forbidden : RefusalKind.Conflict;

    public bool Forbidden { get; } = forbidden;
}
