using Jumin.JukiNet.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Identity;

/// <summary>整合性確認 (j1100; seed 004 §2.8): one municipality's 本人確認情報 as one side holds it, sent to the other side.</summary>
/// <param name="Records">Every 本人確認情報 the sender holds for the municipality.</param>
/// <param name="UpdateCount">How many updates for the municipality the sender has applied (更新件数), to reconcile with the receiver's.</param>
public sealed record ConsistencyCheckRequest(IReadOnlyList<IdentityUpdateMessage> Records, int? UpdateCount = null);

/// <summary>One difference: the person, the item, and both values (null: the side has no record of the person).</summary>
public sealed record IdentityDifference(string ResidentCode, string Item, string? Left, string? Right);

/// <summary>The comparison of two levels (e.g. 既存住基 ↔ 市町村CS).</summary>
public sealed record ConsistencyLevelResult(string Left, string Right, int Compared, IReadOnlyList<IdentityDifference> Differences);

/// <summary>整合性確認結果 for one municipality, level by level.</summary>
public sealed record ConsistencyReport(IReadOnlyList<ConsistencyLevelResult> Levels)
{
    public bool Consistent => Levels.All(l => l.Differences.Count == 0);
}

/// <summary>
/// Compares a municipality's 本人確認情報 as the sender holds it with this node's store, item by item. A person who has
/// moved on to another municipality is consistent when the sender holds them as removed (消除者): this store's current
/// row is then the new municipality's.
/// </summary>
public static class Consistency
{
    public const string Missing = "（記録なし）";

    public static async Task<ConsistencyLevelResult> CompareAsync(JukiNetDbContext db, string left, string right, string municipalityCode, IReadOnlyList<IdentityUpdateMessage> theirs, CancellationToken cancellationToken, int? theirUpdateCount = null)
    {
        var codes = theirs.Select(t => t.ResidentCode).ToHashSet(StringComparer.Ordinal);
        var ours = await db.Identities.AsNoTracking().Where(r => r.MunicipalityCode == municipalityCode).ToListAsync(cancellationToken);
        var missing = codes.Except(ours.Select(o => o.ResidentCode)).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            ours.AddRange(await db.Identities.AsNoTracking().Where(r => chunk.Contains(r.ResidentCode)).ToListAsync(cancellationToken));
        }
        var byCode = ours.ToDictionary(o => o.ResidentCode, StringComparer.Ordinal);
        var differences = new List<IdentityDifference>();
        foreach (var t in theirs.OrderBy(t => t.ResidentCode, StringComparer.Ordinal))
        {
            if (!byCode.Remove(t.ResidentCode, out var o))
            {
                differences.Add(new(t.ResidentCode, "本人確認情報", Describe(t), Missing));
                continue;
            }
            if (o.MunicipalityCode != municipalityCode && !t.IsResident)
            {
                continue;
            }
            void Compare(string item, string? a, string? b)
            {
                if (!string.Equals(a, b, StringComparison.Ordinal))
                {
                    differences.Add(new(t.ResidentCode, item, a, b));
                }
            }
            Compare("市町村", t.MunicipalityCode ?? municipalityCode, o.MunicipalityCode);
            Compare("氏名", t.Name, o.Name);
            Compare("氏名の振り仮名", t.NameKana, o.NameKana);
            Compare("生年月日", t.BirthDate, o.BirthDate);
            Compare("性別", t.Sex == 1 ? "男" : "女", o.Sex == 1 ? "男" : "女");
            Compare("住所", t.Address, o.Address);
            Compare("個人番号", Mask(t.IndividualNumber), Mask(IdentityStore.NumberOf(db.Protector, o)));
            Compare("住民／消除", t.IsResident ? "住民" : "消除者", o.IsResident ? "住民" : "消除者");
        }
        foreach (var o in byCode.Values.Where(o => o.MunicipalityCode == municipalityCode).OrderBy(o => o.ResidentCode, StringComparer.Ordinal))
        {
            differences.Add(new(o.ResidentCode, "本人確認情報", Missing, Describe(IdentityStore.ToMessage(db.Protector, o))));
        }
        if (theirUpdateCount is { } count)
        {
            // 更新件数の突合 (seed 004 §2.4 step 10): every update applied on one side was applied on the other.
            var applied = await UpdateCountAsync(db, municipalityCode, cancellationToken);
            if (applied != count)
            {
                differences.Add(new("", "更新件数", count.ToString(System.Globalization.CultureInfo.InvariantCulture), applied.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return new ConsistencyLevelResult(left, right, theirs.Count, differences);
    }

    /// <summary>How many updates for a municipality this store has applied (its history rows for that municipality).</summary>
    public static Task<int> UpdateCountAsync(JukiNetDbContext db, string municipalityCode, CancellationToken cancellationToken) =>
        db.IdentityHistory.CountAsync(h => h.MunicipalityCode == municipalityCode, cancellationToken);

    /// <summary>Every 本人確認情報 this store holds for a municipality.</summary>
    public static async Task<List<IdentityUpdateMessage>> RecordsOfAsync(JukiNetDbContext db, string municipalityCode, CancellationToken cancellationToken) =>
        (await db.Identities.AsNoTracking().Where(r => r.MunicipalityCode == municipalityCode).OrderBy(r => r.ResidentCode).ToListAsync(cancellationToken))
        .Select(r => IdentityStore.ToMessage(db.Protector, r)).ToList();

    private static string Describe(IdentityUpdateMessage m) => $"{m.Name}（{m.NameKana}）{m.BirthDate} {m.Address}";

    /// <summary>The report names a 個人番号 difference without printing the number: only its last four digits.</summary>
    private static string? Mask(string? number) => number is null ? null : "********" + number[^4..];
}
