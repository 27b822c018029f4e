using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Protection;

/// <summary>A 抑止 to set (j410).</summary>
public sealed record RestrictionInput(RestrictionScope Scope, string Target, RestrictedProcess Processes, RestrictionLevel Level, LocalDate StartsOn, LocalDate? EndsOn, string Reason);

/// <summary>
/// 異動・発行・照会抑止 (j410): set, lift (本解除) and release for a while (一時解除, back by itself
/// after <see cref="TemporaryRelease"/>). Each of 抑止・解除 and 一時解除 needs its own right. The 一時解除
/// is deliberately not sent to other systems (j410), so that none mistakes it for a 本解除.
/// </summary>
public sealed class RestrictionService(RegistryDatabase database, AuditTrail audit, Duration temporaryRelease)
{
    public Duration TemporaryRelease { get; } = temporaryRelease;

    public async Task<long> SetAsync(Operator op, RestrictionInput input, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Restriction, "抑止設定", cancellationToken);
        if (input.Processes == RestrictedProcess.None)
        {
            throw new FieldValidationException("processes", "抑止する処理", new("required", "異動・発行・照会のうち抑止する処理を1つ以上選んでください。"));
        }
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            throw new FieldValidationException("reason", "抑止の理由", new("required", "抑止の理由を入力してください。"));
        }
        if (input.EndsOn is { } end && end < input.StartsOn)
        {
            throw new FieldValidationException("endsOn", "終了日", new("before-start", "終了日は開始日以降の日にしてください。"));
        }
        await using var db = database.Open();
        var exists = input.Scope == RestrictionScope.Person
            ? AtenaNumber.TryParse(input.Target, out var atena, out _) && await db.Residents.AnyAsync(r => r.AtenaNumber == atena, cancellationToken)
            : HouseholdNumber.TryParse(input.Target, out var household, out _) && await db.Residents.AnyAsync(r => r.HouseholdNumber == household, cancellationToken);
        if (!exists)
        {
            throw new FieldValidationException("target", input.Scope == RestrictionScope.Person ? "宛名番号" : "世帯番号", new("not-found", "該当する住民・世帯がありません。"));
        }
        var now = audit.Clock.GetCurrentInstant();
        var row = new RestrictionRow
        {
            Scope = (int)input.Scope,
            Target = input.Target,
            Processes = (int)input.Processes,
            Level = (int)input.Level,
            StartsOn = input.StartsOn,
            EndsOn = input.EndsOn,
            Reason = input.Reason.Trim(),
            CreatedAt = now.ToDateTimeUtc(),
            CreatedBy = op.UserId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Restrictions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Restriction, "抑止設定", TargetOf(input.Scope, input.Target),
            detail: $"抑止{row.Id}設定 {Describe(input.Scope)} {Restriction.Describe(input.Processes)} {(input.Level == RestrictionLevel.Error ? "エラー" : "アラート")} {input.StartsOn:uuuu-MM-dd}～{input.EndsOn:uuuu-MM-dd} {row.Reason}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>本解除.</summary>
    public async Task LiftAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Restriction, "抑止解除", cancellationToken);
        await UpdateAsync(op, id, "抑止解除", (row, now) =>
        {
            row.LiftedAt = now.ToDateTimeUtc();
            row.LiftedBy = op.UserId;
            return "本解除";
        }, cancellationToken);
    }

    /// <summary>一時解除: the 抑止 applies again by itself after <see cref="TemporaryRelease"/>.</summary>
    public async Task<Instant> ReleaseTemporarilyAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.RestrictionTemporaryRelease, "抑止一時解除", cancellationToken);
        var until = audit.Clock.GetCurrentInstant() + TemporaryRelease;
        await UpdateAsync(op, id, "抑止一時解除", (row, _) =>
        {
            row.TemporarilyReleasedUntil = until.ToDateTimeUtc();
            row.ReleasedBy = op.UserId;
            return $"一時解除（{until.InZone(JapanTime.Zone):uuuu-MM-dd HH:mm}まで）";
        }, cancellationToken);
        return until;
    }

    /// <summary>The 抑止 on a person and on their 世帯, lifted ones included (newest first).</summary>
    public async Task<IReadOnlyList<RestrictionRow>> ForPersonAsync(Operator op, AtenaNumber atena, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, "抑止照会", cancellationToken);
        await using var db = database.Open();
        var household = await db.Residents.Where(r => r.AtenaNumber == atena).Select(r => r.HouseholdNumber).SingleOrDefaultAsync(cancellationToken);
        var householdKey = household?.Value;
        return await db.Restrictions.AsNoTracking()
            .Where(r => (r.Scope == (int)RestrictionScope.Person && r.Target == atena.Value) || (r.Scope == (int)RestrictionScope.Household && r.Target == householdKey))
            .OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
    }

    private async Task UpdateAsync(Operator op, long id, string screen, Func<RestrictionRow, Instant, string> change, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Restrictions.AsTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null || row.LiftedAt is not null)
        {
            throw new FieldValidationException("id", "抑止", new("not-found", row is null ? "該当する抑止がありません。" : "この抑止は解除済みです。"));
        }
        var what = change(row, audit.Clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Restriction, screen, TargetOf((RestrictionScope)row.Scope, row.Target), detail: $"抑止{row.Id} {what}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static string? TargetOf(RestrictionScope scope, string target) => scope == RestrictionScope.Person ? target : null;

    private static string Describe(RestrictionScope scope) => scope == RestrictionScope.Person ? "個人" : "世帯";
}

/// <summary>A 抑止 at level エラー stops the process (j410).</summary>
public sealed class RestrictedException(string message) : RefusalException(message)
{
    public override RefusalKind Kind => RefusalKind.Forbidden;
}

/// <summary>The check every use case makes before 異動, 発行 or 照会.</summary>
public static class RestrictionCheck
{
    /// <summary>The error-level 抑止 that hold <paramref name="process"/>, as a sentence, or null.</summary>
    public static string? Blocking(ProtectionState state, RestrictedProcess process, LocalDate today, Instant now) =>
        state.Restrictions.Where(r => r.Level == RestrictionLevel.Error && r.Holds(process, today, now)).Select(r => $"{Restriction.Describe(process)}抑止（{r.Reason}）").FirstOrDefault() is { } text
            ? $"{text}が設定されているため処理できません。抑止を解除するか一時解除してください。"
            : null;

    /// <summary>The alert-level 抑止 that apply, as sentences to show.</summary>
    public static IReadOnlyList<string> Alerts(ProtectionState state, RestrictedProcess process, LocalDate today, Instant now) =>
        [.. state.Restrictions.Where(r => r.Level == RestrictionLevel.Alert && r.Holds(process, today, now)).Select(r => $"{Restriction.Describe(process)}抑止（アラート）: {r.Reason}")];
}
