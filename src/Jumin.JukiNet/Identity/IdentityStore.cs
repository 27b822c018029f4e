using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Persistence;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Identity;

/// <summary>
/// The 本人確認情報 a node keeps: the CS's 本人確認情報ファイル, the 都道府県知事保存本人確認情報 or the 機構保存本人確認情報
/// (seed 004 §3.2). Every level applies the same 論理チェック (<see cref="IdentityUpdateRules"/>) before storing.
/// </summary>
public static class IdentityStore
{
    /// <summary>
    /// Checks and stores one update in the caller's transaction: a history row always, the current row unless the
    /// update is a late 消除. Returns the refusal, with nothing written, when a rule is broken.
    /// </summary>
    public static async Task<IdentityUpdateRefusal?> ApplyAsync(JukiNetDbContext db, IdentityInformation incoming, string source, DateTime now, CancellationToken cancellationToken)
    {
        var key = incoming.PreviousResidentCode ?? incoming.ResidentCode;
        var row = await db.Identities.FindAsync([key.Value], cancellationToken);
        var current = row is null ? null : ToDomain(db.Protector, row);
        if (incoming.PreviousResidentCode is not null && await db.Identities.AnyAsync(r => r.ResidentCode == incoming.ResidentCode.Value, cancellationToken))
        {
            return new IdentityUpdateRefusal("code-in-use", $"変更後の住民票コード{incoming.ResidentCode}は既に使われています。");
        }
        var (effect, refusal) = IdentityUpdateRules.Check(current, incoming);
        if (refusal is not null)
        {
            return refusal;
        }
        if (incoming.IndividualNumber is { } number && number != current?.IndividualNumber)
        {
            var hash = db.Protector.LookupHash(number.Digits);
            var holder = await db.Identities.Where(r => r.IndividualNumberHash == hash && r.ResidentCode != incoming.ResidentCode.Value).Select(r => r.ResidentCode).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                return new IdentityUpdateRefusal("number-in-use", $"この個人番号は別の住民票コードの本人確認情報に記録されています（真正性）。");
            }
        }
        var version = await db.IdentityHistory.Where(h => h.ResidentCode == incoming.ResidentCode.Value).MaxAsync(h => (int?)h.Version, cancellationToken) ?? 0;
        version++;
        var sealedNumber = incoming.IndividualNumber is { } n ? db.Protector.SealText(n.Digits) : null;
        var becomesCurrent = effect == IdentityUpdateEffect.BecomesCurrent;
        db.IdentityHistory.Add(new IdentityHistoryRow
        {
            ResidentCode = incoming.ResidentCode.Value,
            Version = version,
            MunicipalityCode = incoming.Municipality.Value,
            Name = incoming.Name,
            NameKana = incoming.NameKana,
            BirthDate = incoming.BirthDate,
            Sex = (int)incoming.Sex,
            Address = incoming.Address,
            SealedIndividualNumber = sealedNumber,
            ChangeReason = (int)incoming.ChangeReason,
            ChangeDate = incoming.ChangeDate,
            IsResident = incoming.IsResident,
            BecameCurrent = becomesCurrent,
            Source = source,
            ReceivedAt = now,
        });
        if (becomesCurrent)
        {
            if (row is not null && row.ResidentCode != incoming.ResidentCode.Value)
            {
                // 住民票コードの変更: the old code's history stays; the person is now found under the new code.
                db.Identities.Remove(row);
                row = null;
            }
            if (row is null)
            {
                row = new IdentityRecordRow
                {
                    ResidentCode = incoming.ResidentCode.Value,
                    MunicipalityCode = "",
                    Name = "",
                    NameKana = "",
                    BirthDate = "",
                    Address = "",
                    ChangeDate = "",
                };
                db.Identities.Add(row);
            }
            row.MunicipalityCode = incoming.Municipality.Value;
            row.Name = incoming.Name;
            row.NameKana = incoming.NameKana;
            row.BirthDate = incoming.BirthDate;
            row.Sex = (int)incoming.Sex;
            row.Address = incoming.Address;
            row.SealedIndividualNumber = sealedNumber;
            row.IndividualNumberHash = incoming.IndividualNumber is { } digits ? db.Protector.LookupHash(digits.Digits) : null;
            row.ChangeReason = (int)incoming.ChangeReason;
            row.ChangeDate = incoming.ChangeDate;
            row.IsResident = incoming.IsResident;
            row.Version = version;
            row.UpdatedAt = now;
        }
        return null;
    }

    /// <summary>The 個人番号's twelve digits, opened (null when the person has none).</summary>
    public static string? NumberOf(IndividualNumberProtector protector, IdentityRecordRow row) =>
        row.SealedIndividualNumber is { } stored ? protector.OpenText(stored) : null;

    public static IdentityInformation ToDomain(IndividualNumberProtector protector, IdentityRecordRow row) => new()
    {
        ResidentCode = ResidentCode.Parse(row.ResidentCode),
        Municipality = LocalGovernmentCode.Parse(row.MunicipalityCode),
        Name = row.Name,
        NameKana = row.NameKana,
        BirthDate = row.BirthDate,
        Sex = (Sex)row.Sex,
        Address = row.Address,
        IndividualNumber = NumberOf(protector, row) is { } number ? IndividualNumber.Parse(number) : null,
        ChangeReason = (ChangeReason)row.ChangeReason,
        ChangeDate = row.ChangeDate,
        IsResident = row.IsResident,
    };

    /// <summary>The current 本人確認情報 matching the criteria (every given item must match), at most <paramref name="limit"/>.</summary>
    public static async Task<List<IdentityRecordRow>> SearchAsync(JukiNetDbContext db, IdentitySearchCriteria criteria, int limit, CancellationToken cancellationToken)
    {
        var query = db.Identities.AsNoTracking();
        if (criteria.ResidentCode is { } code)
        {
            query = query.Where(r => r.ResidentCode == code.Value);
        }
        else if (criteria.IndividualNumber is { } number)
        {
            var hash = db.Protector.LookupHash(number.Digits);
            query = query.Where(r => r.IndividualNumberHash == hash);
        }
        else
        {
            if (criteria.Name is { } name)
            {
                query = query.Where(r => r.Name == name);
            }
            if (criteria.NameKana is { } kana)
            {
                query = query.Where(r => r.NameKana == kana);
            }
            if (criteria.BirthDate is { } birth)
            {
                query = query.Where(r => r.BirthDate == birth);
            }
            if (criteria.Sex is { } sex)
            {
                query = query.Where(r => r.Sex == (int)sex);
            }
            if (criteria.Address is { } address)
            {
                query = query.Where(r => r.Address.StartsWith(address));
            }
        }
        return await query.OrderBy(r => r.ResidentCode).Take(limit).ToListAsync(cancellationToken);
    }

    public static IdentityUpdateMessage ToMessage(IndividualNumberProtector protector, IdentityRecordRow row) => new(
        row.ResidentCode, row.MunicipalityCode, row.Name, row.NameKana, row.BirthDate, row.Sex, row.Address, NumberOf(protector, row), row.ChangeReason, row.ChangeDate, row.IsResident);
}
