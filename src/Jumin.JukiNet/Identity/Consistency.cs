using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Identity;

/// <summary>
/// 整合性確認 (j1100; seed 004 §2.8), first step: a digest of one municipality's 本人確認情報 per bucket of 住民票コード
/// (<see cref="Consistency.BucketOf"/>), so that a city of any size is compared without sending it whole.
/// </summary>
/// <param name="Buckets">Bucket → digest of the sender's records in it (<see cref="Consistency.Digests"/>).</param>
/// <param name="Count">How many records the sender holds.</param>
/// <param name="UpdateCount">How many updates for the municipality the sender has applied (更新件数), to reconcile with the receiver's.</param>
public sealed record ConsistencyDigestRequest(IReadOnlyDictionary<string, string> Buckets, int Count, int UpdateCount);

/// <summary>The buckets whose records differ (either side may have none in it), and the receiver's 更新件数.</summary>
public sealed record ConsistencyDigestReply(IReadOnlyList<string> DifferingBuckets, int UpdateCount);

/// <summary>整合性確認, second step: the sender's records in <paramref name="Buckets"/>, to compare item by item.</summary>
public sealed record ConsistencyCheckRequest(IReadOnlyList<IdentityUpdateMessage> Records, IReadOnlyList<string> Buckets);

/// <summary>整合性確認, registry → CS: compare the CS's file with the levels above it.</summary>
public sealed record ConsistencyLevelsRequest;

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

    /// <summary>
    /// Answers either step of a 整合性確認 about <paramref name="municipalityCode"/>'s records from
    /// <paramref name="left"/> (the sender) against this store (<paramref name="right"/>).
    /// </summary>
    public static async Task<HandlerResult> AnswerAsync(JukiNetDbContext db, Envelope envelope, string left, string right, string municipalityCode, CancellationToken cancellationToken)
    {
        object reply = envelope.Kind == MessageKinds.ConsistencyDigest
            ? await DigestReplyAsync(db, municipalityCode, MessageBodies.Parse<ConsistencyDigestRequest>(envelope.Body), cancellationToken)
            : await CheckAsync(db, left, right, municipalityCode, MessageBodies.Parse<ConsistencyCheckRequest>(envelope.Body), cancellationToken);
        return new HandlerResult(JsonSerializer.Serialize(reply, Envelope.Json));
    }

    private static Task<ConsistencyLevelResult> CheckAsync(JukiNetDbContext db, string left, string right, string municipalityCode, ConsistencyCheckRequest request, CancellationToken cancellationToken) =>
        CompareAsync(db, left, right, municipalityCode, [.. request.Records.Select(r => r with { MunicipalityCode = r.MunicipalityCode ?? municipalityCode })], request.Buckets, cancellationToken);

    /// <summary>The bucket of a 住民票コード: its three digits before the check digit (1,000 buckets of random codes).</summary>
    public static string BucketOf(string residentCode) => residentCode.Length == 11 ? residentCode[7..10] : "---";

    /// <summary>Bucket → SHA-256 (Base64) over the bucket's records in 住民票コード order, each item as compared below.</summary>
    public static Dictionary<string, string> Digests(IEnumerable<IdentityUpdateMessage> records) =>
        records.GroupBy(r => BucketOf(r.ResidentCode)).ToDictionary(
            g => g.Key,
            g => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", g.OrderBy(r => r.ResidentCode, StringComparer.Ordinal).Select(Canonical))))),
            StringComparer.Ordinal);

    /// <summary>The receiver's side of the first step: which buckets differ from the sender's digests.</summary>
    public static async Task<ConsistencyDigestReply> DigestReplyAsync(JukiNetDbContext db, string municipalityCode, ConsistencyDigestRequest theirs, CancellationToken cancellationToken)
    {
        var ours = Digests(await RecordsOfAsync(db, municipalityCode, cancellationToken));
        var differing = theirs.Buckets.Keys.Union(ours.Keys, StringComparer.Ordinal)
            .Where(b => !theirs.Buckets.TryGetValue(b, out var t) || !ours.TryGetValue(b, out var o) || !string.Equals(t, o, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        return new(differing, await UpdateCountAsync(db, municipalityCode, cancellationToken));
    }

    /// <summary>
    /// Compares the sender's records in <paramref name="buckets"/> with this store's records in the same buckets, item by
    /// item (the second step, for the buckets whose digests differ).
    /// </summary>
    public static async Task<ConsistencyLevelResult> CompareAsync(JukiNetDbContext db, string left, string right, string municipalityCode, IReadOnlyList<IdentityUpdateMessage> theirs, IReadOnlyList<string> buckets, CancellationToken cancellationToken)
    {
        var codes = theirs.Select(t => t.ResidentCode).ToHashSet(StringComparer.Ordinal);
        var inBuckets = buckets.ToList();
        var ours = await db.Identities.AsNoTracking().Where(r => r.MunicipalityCode == municipalityCode && inBuckets.Contains(r.ResidentCode.Substring(7, 3))).ToListAsync(cancellationToken);
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
        return new ConsistencyLevelResult(left, right, theirs.Count, differences);
    }

    /// <summary>How many updates for a municipality this store has applied (its history rows for that municipality).</summary>
    public static Task<int> UpdateCountAsync(JukiNetDbContext db, string municipalityCode, CancellationToken cancellationToken) =>
        db.IdentityHistory.CountAsync(h => h.MunicipalityCode == municipalityCode, cancellationToken);

    /// <summary>Every 本人確認情報 this store holds for a municipality.</summary>
    public static async Task<List<IdentityUpdateMessage>> RecordsOfAsync(JukiNetDbContext db, string municipalityCode, CancellationToken cancellationToken) =>
        (await db.Identities.AsNoTracking().Where(r => r.MunicipalityCode == municipalityCode).OrderBy(r => r.ResidentCode).ToListAsync(cancellationToken))
        .Select(r => IdentityStore.ToMessage(db.Protector, r)).ToList();

    private static string Canonical(IdentityUpdateMessage m) =>
        string.Join("|", m.ResidentCode, m.Name, m.NameKana, m.BirthDate, m.Sex.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Address, m.IndividualNumber ?? "", m.IsResident ? "1" : "0");

    private static string Describe(IdentityUpdateMessage m) => $"{m.Name}（{m.NameKana}）{m.BirthDate} {m.Address}";

    /// <summary>The report names a 個人番号 difference without printing the number: only its last four digits.</summary>
    private static string? Mask(string? number) => number is null ? null : "********" + number[^4..];
}

/// <summary>The other side of a 整合性確認, however it is reached (the registry through its CS link, a CS through its node).</summary>
public sealed record ConsistencyPeer(
    Func<ConsistencyDigestRequest, CancellationToken, Task<ConsistencyDigestReply>> DigestAsync,
    Func<ConsistencyCheckRequest, CancellationToken, Task<ConsistencyLevelResult>> CheckAsync);

/// <summary>
/// The sending side of a 整合性確認 between two levels: digests per bucket first, then the records of the differing
/// buckets only, in requests of at most <see cref="BatchRecords"/> records, so no request outgrows a server's limit.
/// </summary>
public static class ConsistencyClient
{
    public const int BatchRecords = 5000;

    public static async Task<ConsistencyLevelResult> CompareAsync(string left, string right, IReadOnlyList<IdentityUpdateMessage> mine, int updateCount, ConsistencyPeer peer, CancellationToken cancellationToken)
    {
        var reply = await peer.DigestAsync(new ConsistencyDigestRequest(Consistency.Digests(mine), mine.Count, updateCount), cancellationToken);
        var byBucket = mine.ToLookup(r => Consistency.BucketOf(r.ResidentCode));
        var differences = new List<IdentityDifference>();
        var batch = new List<string>();
        var records = new List<IdentityUpdateMessage>();
        async Task SendAsync()
        {
            if (batch.Count > 0)
            {
                differences.AddRange((await peer.CheckAsync(new ConsistencyCheckRequest([.. records], [.. batch]), cancellationToken)).Differences);
                batch.Clear();
                records.Clear();
            }
        }
        foreach (var bucket in reply.DifferingBuckets)
        {
            if (records.Count > 0 && records.Count + byBucket[bucket].Count() > BatchRecords)
            {
                await SendAsync();
            }
            batch.Add(bucket);
            records.AddRange(byBucket[bucket]);
        }
        await SendAsync();
        if (reply.UpdateCount != updateCount)
        {
            // 更新件数の突合 (seed 004 §2.4 step 10): every update applied on one side was applied on the other.
            differences.Add(new("", "更新件数", updateCount.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.UpdateCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new ConsistencyLevelResult(left, right, mine.Count, differences);
    }
}
