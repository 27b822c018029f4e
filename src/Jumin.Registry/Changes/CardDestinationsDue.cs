using Jumin.Domain.Changes;
using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using NodaTime;

namespace Jumin.Registry.Changes;

/// <summary>
/// The 送付先情報 (j1120) a 本登録 makes due. It is decided here, with the 本登録, and sent to the CS by the 住基ネット
/// link (<see cref="JukiNet.CardWindow"/>), which reads what this wrote.
/// </summary>
internal static class CardDestinationsDue
{
    /// <summary>The origin of a 送付先情報 made by a 本登録 (a hand-made one is 窓口).</summary>
    public const string Origin = "異動";

    /// <summary>
    /// Adds the 送付先情報 a 本登録 makes due (番号法7条: a 通知 for every newly recorded 個人番号): for a resident with a
    /// 住民票コード whose 個人番号 is new — 出生, 国外からの転入, 個人番号の変更 or 職権記載・修正. Called in the 本登録's
    /// transaction; the approver is the second pair of eyes.
    /// </summary>
    internal static void Add(RegistryDbContext db, IReadOnlyList<PlannedRow> rows, string enteredBy, string approvedBy, Instant now)
    {
        foreach (var row in rows)
        {
            if (!IsDue(row.After) || Equals(row.Before?.IndividualNumber, row.After.IndividualNumber) || !MakesNumberKnown(row.After.ChangeReason))
            {
                continue;
            }
            db.CardDestinations.Add(new CardDestinationSendRow
            {
                AtenaNumber = row.After.AtenaNumber,
                HistoryNumber = row.After.HistoryNumber,
                Origin = Origin,
                CreatedBy = enteredBy,
                CreatedAt = now.ToDateTimeUtc(),
                ConfirmedBy = approvedBy,
                ConfirmedAt = now.ToDateTimeUtc(),
            });
        }
    }

    private static bool MakesNumberKnown(ChangeReason reason) => reason is ChangeReason.Birth or ChangeReason.MoveInFromAbroad
        or ChangeReason.IndividualNumberChangeRequest or ChangeReason.IndividualNumberExOfficioCorrection or ChangeReason.IndividualNumberExOfficioEntry;

    /// <summary>Whether a 送付先情報 can be made for the person at all: a resident with a 住民票コード and a 個人番号.</summary>
    internal static bool IsDue(ResidentRecord row) => row.IsResident && row.ResidentCode is not null && row.IndividualNumber is not null;

}
