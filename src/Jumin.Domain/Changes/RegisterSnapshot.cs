using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// The part of the register a 異動 reads: the latest 住民票 row of every 異動者 and of every member
/// of the 世帯 they leave or join, people who share an identifier or the 3情報 with a new person,
/// and for a 取消 the rows before the cancelled change. Gathered by the registry, read by the
/// pure <see cref="ChangeDecider"/>.
/// </summary>
public sealed class RegisterSnapshot
{
    private readonly Dictionary<AtenaNumber, ResidentRecord> latest = [];
    private readonly Dictionary<AtenaNumber, ResidentRecord> beforeCancelled = [];

    public RegisterSnapshot(IEnumerable<ResidentRecord> latestRows, IEnumerable<AtenaNumber>? pending = null, IEnumerable<ResidentRecord>? cancelledChangeRows = null, IEnumerable<ResidentRecord>? rowsBeforeCancelledChange = null, IReadOnlyDictionary<AtenaNumber, string>? lockedByOthers = null)
    {
        LockedByOthers = lockedByOthers ?? new Dictionary<AtenaNumber, string>();
        CancelledChangeRows = [.. cancelledChangeRows ?? []];
        foreach (var row in latestRows)
        {
            latest[row.AtenaNumber] = row;
        }
        foreach (var row in rowsBeforeCancelledChange ?? [])
        {
            beforeCancelled[row.AtenaNumber] = row;
        }
        Pending = new HashSet<AtenaNumber>(pending ?? []);
    }

    /// <summary>People another clerk is editing (排他制御 j1380), with who and until when.</summary>
    public IReadOnlyDictionary<AtenaNumber, string> LockedByOthers { get; }

    /// <summary>People with a 仮登録 of another 異動 (j530: no second change until it is decided).</summary>
    public IReadOnlySet<AtenaNumber> Pending { get; }

    public IEnumerable<ResidentRecord> All => latest.Values;

    /// <summary>For a 取消: every row the cancelled 異動 wrote.</summary>
    public IReadOnlyList<ResidentRecord> CancelledChangeRows { get; }

    public ResidentRecord? Latest(AtenaNumber atena) => latest.GetValueOrDefault(atena);

    /// <summary>The row a 取消 restores: the one before the cancelled change (null if it created the person).</summary>
    public ResidentRecord? BeforeCancelled(AtenaNumber atena) => beforeCancelled.GetValueOrDefault(atena);

    /// <summary>Current members of a 世帯, in 並び順.</summary>
    public IReadOnlyList<ResidentRecord> Members(HouseholdNumber household) =>
        [.. latest.Values.Where(r => r.IsResident && r.HouseholdNumber == household).OrderBy(r => r.MemberOrder).ThenBy(r => r.AtenaNumber)];

    /// <summary>(宛名番号, 履歴番号) of every row read: 本登録 refuses if any of them moved on meanwhile.</summary>
    public IReadOnlyList<(AtenaNumber Atena, int HistoryNumber)> ReadSet =>
        [.. latest.Values.OrderBy(r => r.AtenaNumber).Select(r => (r.AtenaNumber, r.HistoryNumber))];
}
