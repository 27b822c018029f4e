using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.National.NumberGeneration;

/// <summary>The generation module's answer: the number, or why there is none.</summary>
public sealed record NumberGenerationOutcome(IndividualNumber? Number, string? Refusal);

/// <summary>
/// 個人番号生成システム (j1130; seed 004 §1.1, §2.1–2.3). It takes 住民票コード (and, for a change, the current number)
/// from the 全国サーバ and nothing else, and it has no way to the 全国サーバ's store: its constructor takes only its own
/// database and key. Numbers come from <see cref="IndividualNumberDerivation"/> under the module's own key; each is
/// checked against every number ever generated before it is given out.
/// </summary>
public sealed class NumberGenerator(NumberGenerationDatabase database, byte[] key, IClock clock) : IDisposable
{
    public const string Generated = "生成";
    public const string Changed = "変更";
    public const string CodeChanged = "住民票コード変更";

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The number for a 住民票コード: the one already generated, or a new one (生成要求).</summary>
    public async Task<NumberGenerationOutcome> GenerateAsync(ResidentCode residentCode, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            if (await CurrentAsync(db, residentCode.Value, cancellationToken) is { } existing)
            {
                return new(existing, null);
            }
            return new(await NewNumberAsync(db, residentCode, null, Generated, cancellationToken), null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// 個人番号の変更 (再生成): <paramref name="current"/> must be the number of <paramref name="residentCode"/>; the old
    /// number stays in the history and is never given out again.
    /// </summary>
    public async Task<NumberGenerationOutcome> ChangeAsync(ResidentCode residentCode, IndividualNumber current, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            if (await CurrentAsync(db, residentCode.Value, cancellationToken) != current)
            {
                return new(null, "変更前の個人番号がこの住民票コードの個人番号と一致しません。");
            }
            return new(await NewNumberAsync(db, residentCode, current, Changed, cancellationToken), null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>住民票コードの変更通知: the number moves from the old code to the new one and does not change.</summary>
    public async Task<NumberGenerationOutcome> ResidentCodeChangedAsync(ResidentCode before, ResidentCode after, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            var number = await CurrentAsync(db, before.Value, cancellationToken);
            if (number is null)
            {
                return new(null, $"変更前の住民票コード{before}に個人番号が生成されていません。");
            }
            var now = clock.GetCurrentInstant().ToDateTimeUtc();
            db.Assignments.Add(new NumberAssignmentRow { ResidentCode = before.Value, IndividualNumber = null, Reason = CodeChanged, At = now });
            db.Assignments.Add(new NumberAssignmentRow { ResidentCode = after.Value, IndividualNumber = database.Protector.SealText(number.Digits), Reason = CodeChanged, At = now });
            await db.SaveChangesAsync(cancellationToken);
            return new(number, null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>How many numbers have ever been generated (statistics; the store is never reduced).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.Numbers.CountAsync(cancellationToken);
    }

    public void Dispose() => gate.Dispose();

    private async Task<IndividualNumber?> CurrentAsync(NumberGenerationDbContext db, string residentCode, CancellationToken cancellationToken) =>
        await db.Assignments.Where(a => a.ResidentCode == residentCode).OrderByDescending(a => a.Id).Select(a => a.IndividualNumber).FirstOrDefaultAsync(cancellationToken) is { } sealedNumber
            ? IndividualNumber.Parse(database.Protector.OpenText(sealedNumber))
            : null;

    private async Task<IndividualNumber> NewNumberAsync(NumberGenerationDbContext db, ResidentCode residentCode, IndividualNumber? replaces, string reason, CancellationToken cancellationToken)
    {
        var attempt = await db.Numbers.CountAsync(n => n.ResidentCode == residentCode.Value, cancellationToken);
        IndividualNumber number;
        while (true)
        {
            number = IndividualNumberDerivation.Derive(key, residentCode, attempt++);
            var hash = database.Protector.LookupHash(number.Digits);
            if (!await db.Numbers.AnyAsync(n => n.NumberHash == hash, cancellationToken))
            {
                break;
            }
        }
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var protector = database.Protector;
        db.Numbers.Add(new GeneratedNumberRow
        {
            NumberHash = protector.LookupHash(number.Digits),
            SealedNumber = protector.SealText(number.Digits),
            ResidentCode = residentCode.Value,
            GeneratedAt = now,
            Replaces = replaces is null ? null : protector.SealText(replaces.Digits),
        });
        db.Assignments.Add(new NumberAssignmentRow { ResidentCode = residentCode.Value, IndividualNumber = protector.SealText(number.Digits), Reason = reason, At = now });
        await db.SaveChangesAsync(cancellationToken);
        return number;
    }
}
