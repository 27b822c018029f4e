using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>死亡 (j820), 失踪 (j830) and 職権消除 (j750): the 住民票 becomes a 除票 (j470).</summary>
public sealed partial class ChangeDecider
{
    private void DecideRemoval(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        var (reason, status, note) = request.Kind switch
        {
            ChangeKind.Death => (ChangeReason.Death, ResidentStatus.Deceased, (string?)null),
            ChangeKind.Disappearance => (ChangeReason.ExOfficioRemoval, ResidentStatus.RemovedExOfficio, "失踪宣告（法第9条第2項通知）"),
            _ => (ChangeReason.ExOfficioRemoval, ResidentStatus.RemovedExOfficio, (string?)null),
        };
        foreach (var m in movers)
        {
            Append(Next(m, reason, r => r with
            {
                Status = status,
                RemovalReason = reason,
                RemovalDate = request.ChangeDate,
                ChangeNote = note is null ? r.ChangeNote : AddNote(r.ChangeNote, note),
            }));
        }
        HandleHouseholdsLeft(movers);
    }
}
