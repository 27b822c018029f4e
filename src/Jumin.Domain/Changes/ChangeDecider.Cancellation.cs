using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// 異動の取消し (j980, j990): a new row on top of the history that restores each person's row from
/// before the cancelled 異動 — 取消（増） when it had removed them, 取消（減） when it had entered them,
/// 取消（修正） otherwise. Nothing is deleted. Only the latest 異動 of a person can be cancelled.
/// </summary>
public sealed partial class ChangeDecider
{
    private void DecideCancellation()
    {
        if (request.CancelsChange is not { } cancelled || register.CancelledChangeRows.Count == 0)
        {
            Error(FindingCatalogue.CannotCancel, "cancelsChange", "取り消す異動", "取り消す異動（異動番号）を選んでください。");
            return;
        }
        var byPerson = register.CancelledChangeRows.GroupBy(r => r.AtenaNumber).ToList();
        var chosen = request.Movers.Count == 0 ? byPerson : byPerson.Where(g => request.Movers.Contains(g.Key)).ToList();
        if (chosen.Count == 0)
        {
            Error(FindingCatalogue.CannotCancel, "movers", "異動者", $"異動番号{cancelled}の異動者から取り消す人を選んでください。");
            return;
        }
        foreach (var person in chosen)
        {
            var first = person.MinBy(r => r.HistoryNumber)!;
            var last = person.MaxBy(r => r.HistoryNumber)!;
            var current = register.Latest(person.Key);
            if (current is null || current.HistoryNumber != last.HistoryNumber)
            {
                Error(FindingCatalogue.CannotCancel, "cancelsChange", "取り消す異動", $"{last.FullName}には異動番号{cancelled}の後の異動があります。後の異動から順に取り消してください。", person.Key);
                continue;
            }
            var before = register.BeforeCancelled(person.Key);
            if (before is null && first.HistoryNumber != 1)
            {
                Error(FindingCatalogue.CannotCancel, "cancelsChange", "取り消す異動", $"{last.FullName}の異動前の住民票が見つかりません。", person.Key);
                continue;
            }
            if (before is null)
            {
                Append(Next(current, ChangeReason.CancellationDecrease, r => r with
                {
                    Status = ResidentStatus.RemovedExOfficio,
                    RemovalReason = ChangeReason.CancellationDecrease,
                    RemovalDate = request.ChangeDate,
                    ChangeNote = AddNote(r.ChangeNote, $"異動番号{cancelled}（{first.ChangeReason.JapaneseName()}）の取消し"),
                }));
                continue;
            }
            var reason = (before.IsResident, current.IsResident) switch
            {
                (true, false) => ChangeReason.CancellationIncrease,
                (false, true) => ChangeReason.CancellationDecrease,
                _ => ChangeReason.CancellationCorrection,
            };
            Append(Next(current, reason, r => before with
            {
                NotificationDate = r.NotificationDate,
                ChangeNote = AddNote(r.ChangeNote, $"異動番号{cancelled}（{first.ChangeReason.JapaneseName()}）の取消し"),
                ChangeId = r.ChangeId,
                RemovalReason = before.IsResident || current.IsResident ? before.RemovalReason : ChangeReason.CancellationDecrease,
            }));
        }
    }
}
