using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Jumin.Domain.Audit;

/// <summary>Whether the audited operation went through.</summary>
public enum AuditOutcome
{
    Succeeded = 1,

    /// <summary>Refused: wrong password, missing right, invalid input.</summary>
    Refused = 2,
}

/// <summary>
/// One audited operation, with the fields j1370 asks for: who (操作者ID), when (日時), from where
/// (端末名), what (機能名・画面名), on whom (対象となったレコード: 宛名番号), and whether the
/// 個人番号 was accessed (個人番号へのアクセス有無), and the operator's 所属 (<paramref name="Department"/>; null in entries
/// written before it was recorded, and for operators without one, e.g. batches).
/// </summary>
public sealed record AuditEvent(
    Instant At,
    string OperatorId,
    string Terminal,
    string Function,
    string Screen,
    string? TargetAtenaNumber,
    bool IndividualNumberAccessed,
    AuditOutcome Outcome,
    string? Detail,
    string? Department = null);

/// <summary>An <see cref="AuditEvent"/> as chained: its place and the hashes that link it to the one before.</summary>
public sealed record AuditEntry(long Sequence, AuditEvent Event, byte[] PreviousHash, byte[] Hash);

/// <summary>
/// What verification found: nothing, or the first entry that was altered, inserted or is missing; and the latest
/// checkpoint the log was found to agree with (<see cref="AnchoredTo"/>, null when there was none to check).
/// </summary>
public sealed record AuditVerification(bool IsIntact, long EntriesChecked, string? Problem, long? AtSequence, AuditCheckpoint? AnchoredTo = null)
{
    public static AuditVerification Intact(long count) => new(true, count, null, null);
}

/// <summary>
/// A signed note, kept outside the database, that the log held <see cref="Sequence"/> entries ending in <see cref="Hash"/>
/// at <see cref="At"/>: cutting entries off the end and moving the head back cannot go unnoticed past it.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash, Instant At, byte[] Signature);

/// <summary>
/// The hash chain that makes the audit log tamper-evident (j1370 改ざん防止措置): each entry's hash
/// is an HMAC-SHA256, under a key kept outside the database, over its sequence number, its fields
/// and the previous entry's hash. Changing, removing or inserting an entry breaks the chain at
/// that point, and without the key a forger cannot compute a valid replacement.
/// </summary>
public sealed class AuditChain(byte[] key)
{
    /// <summary>The "previous hash" of entry 1.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    public AuditEntry Append(long sequence, AuditEvent e, byte[] previousHash) =>
        new(sequence, e, previousHash, HashOf(sequence, e, previousHash));

    public byte[] HashOf(long sequence, AuditEvent e, byte[] previousHash)
    {
        var canonical = new StringBuilder();
        void Field(string? value)
        {
            // Length-prefixed so that no two different entries share a canonical form.
            canonical.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        }
        Field(sequence.ToString(CultureInfo.InvariantCulture));
        Field(InstantPattern.ExtendedIso.Format(e.At));
        Field(e.OperatorId);
        Field(e.Terminal);
        Field(e.Function);
        Field(e.Screen);
        Field(e.TargetAtenaNumber);
        Field(e.IndividualNumberAccessed ? "1" : "0");
        Field(((int)e.Outcome).ToString(CultureInfo.InvariantCulture));
        Field(e.Detail);
        if (e.Department is not null)
        {
            // Hashed only when present, so that entries written before 所属 was recorded keep their hash.
            Field("所属=" + e.Department);
        }
        Field(Convert.ToHexString(previousHash));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical.ToString()));
    }

    /// <summary>A checkpoint of the head, signed with the chain's key (a forger without the key cannot write one).</summary>
    public AuditCheckpoint Checkpoint(long sequence, byte[] hash, Instant at) => new(sequence, hash, at, CheckpointSignature(sequence, hash, at));

    public bool IsGenuine(AuditCheckpoint checkpoint) =>
        CryptographicOperations.FixedTimeEquals(checkpoint.Signature, CheckpointSignature(checkpoint.Sequence, checkpoint.Hash, checkpoint.At));

    /// <summary>
    /// Checks an otherwise intact log against the checkpoints written outside it: each must be genuine, and the log must
    /// still hold the latest one's entry with the same hash. <paramref name="hashAt"/> gives the stored hash of an entry.
    /// </summary>
    public AuditVerification Anchor(AuditVerification chain, IReadOnlyList<AuditCheckpoint> checkpoints, Func<long, byte[]?> hashAt)
    {
        if (!chain.IsIntact || checkpoints.Count == 0)
        {
            return chain;
        }
        if (checkpoints.FirstOrDefault(c => !IsGenuine(c)) is { } forged)
        {
            return chain with { IsIntact = false, Problem = $"第{forged.Sequence}番までのチェックポイントの署名が一致しません（チェックポイントが書き換えられています）。", AtSequence = forged.Sequence };
        }
        var latest = checkpoints.MaxBy(c => c.Sequence)!;
        var at = InstantPattern.ExtendedIso.Format(latest.At);
        if (latest.Sequence > chain.EntriesChecked)
        {
            return chain with
            {
                IsIntact = false,
                Problem = $"第{chain.EntriesChecked + 1}番から第{latest.Sequence}番までのログが削除されています（{at} のチェックポイントでは第{latest.Sequence}番まで記録されていました）。",
                AtSequence = chain.EntriesChecked + 1,
            };
        }
        if (hashAt(latest.Sequence) is not { } stored || !CryptographicOperations.FixedTimeEquals(stored, latest.Hash))
        {
            return chain with { IsIntact = false, Problem = $"第{latest.Sequence}番までのログが {at} のチェックポイントと一致しません（書き換えられています）。", AtSequence = latest.Sequence };
        }
        return chain with { AnchoredTo = latest };
    }

    private byte[] CheckpointSignature(long sequence, byte[] hash, Instant at) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"checkpoint|{sequence.ToString(CultureInfo.InvariantCulture)}|{Convert.ToHexString(hash)}|{InstantPattern.ExtendedIso.Format(at)}"));

    /// <summary>
    /// Walks the entries in sequence order and names the first problem. <paramref name="expectedLast"/>
    /// is the sequence the log's head says was written last, so that entries cut off the end are found too.
    /// </summary>
    public AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder, long? expectedLast = null)
    {
        var previousHash = Genesis;
        var expectedSequence = 1L;
        var count = 0L;
        using var cursor = entriesInOrder.GetEnumerator();
        var hasCurrent = cursor.MoveNext();
        while (hasCurrent)
        {
            var entry = cursor.Current;
            var hasNext = cursor.MoveNext();
            var next = hasNext ? cursor.Current : null;

            var hashValid = HashMatches(entry, entry.Sequence);
            var linked = CryptographicOperations.FixedTimeEquals(entry.PreviousHash, previousHash);
            if (!hashValid || !linked || entry.Sequence != expectedSequence)
            {
                // The entry is foreign to the chain if the one after it links to the entry before it
                // (in its own place, or shifted by one when the insertion renumbered the rest).
                var nextContinuesChain = next is not null
                    && CryptographicOperations.FixedTimeEquals(next.PreviousHash, previousHash)
                    && (HashMatches(next, next.Sequence) || HashMatches(next, next.Sequence - 1));
                var beyondHead = expectedLast is { } head && entry.Sequence > head;
                if (nextContinuesChain || beyondHead || entry.Sequence < expectedSequence)
                {
                    return new(false, count, $"第{entry.Sequence}番のログは後から挿入されています（前後のログの連鎖に含まれません）。", entry.Sequence);
                }
                if (!hashValid)
                {
                    return new(false, count, $"第{entry.Sequence}番のログは改ざんされています（内容とハッシュが一致しません）。", entry.Sequence);
                }
                return new(false, count, $"第{expectedSequence}番のログが欠落しています（第{entry.Sequence}番の直前のログが見つかりません）。", expectedSequence);
            }
            previousHash = entry.Hash;
            expectedSequence++;
            count++;
            hasCurrent = hasNext;
        }
        if (expectedLast is { } last && last >= expectedSequence)
        {
            return new(false, count, $"第{expectedSequence}番以降のログ（最終第{last}番まで）が欠落しています。", expectedSequence);
        }
        return AuditVerification.Intact(count);
    }

    private bool HashMatches(AuditEntry entry, long sequence) =>
        CryptographicOperations.FixedTimeEquals(HashOf(sequence, entry.Event, entry.PreviousHash), entry.Hash);
}
