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

/// <summary>A 支援措置 to register (j160, j440). <see cref="EndsOn"/> defaults to one year from the start.</summary>
public sealed record SupportMeasureInput
{
    public required AtenaNumber AtenaNumber { get; init; }

    public required LocalDate StartsOn { get; init; }

    public LocalDate? EndsOn { get; init; }

    public bool Provisional { get; init; }

    public AtenaNumber? Applicant { get; init; }

    public string? RelationToApplicant { get; init; }

    public string? Offender { get; init; }

    public string? Services { get; init; }

    public string? Contact { get; init; }
}

/// <summary>
/// 支援措置 (j160, j380, j440): registering, extending and ending the measure for a DV/stalking
/// victim, and the 審査 that lets one certificate request through. Only users with the 支援対象者
/// right see the details; everyone who sees the person sees that they are protected.
/// </summary>
public sealed class SupportMeasureService(RegistryDatabase database, AuditTrail audit)
{
    public async Task<long> RegisterAsync(Operator op, SupportMeasureInput input, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援措置登録", cancellationToken);
        var endsOn = input.EndsOn ?? SupportMeasure.TermEnd(input.StartsOn);
        if (endsOn < input.StartsOn)
        {
            throw new FieldValidationException("endsOn", "支援措置の終了年月日", new("before-start", "終了年月日は開始年月日以降の日にしてください。"));
        }
        await using var db = database.Open();
        if (!await db.ResidentHistory.AnyAsync(h => h.AtenaNumber == input.AtenaNumber, cancellationToken))
        {
            throw new FieldValidationException("atenaNumber", "宛名番号", new("not-found", "該当する住民がいません。"));
        }
        if (await db.SupportMeasures.AnyAsync(m => m.AtenaNumber == input.AtenaNumber.Value && m.EndedOn == null, cancellationToken))
        {
            throw new FieldValidationException("atenaNumber", "宛名番号", new("already", "この方には終了していない支援措置があります。延長または終了してください。"));
        }
        var row = new SupportMeasureRow
        {
            AtenaNumber = input.AtenaNumber.Value,
            ApplicantAtenaNumber = input.Applicant?.Value,
            RelationToApplicant = Trim(input.RelationToApplicant),
            Provisional = input.Provisional,
            StartsOn = input.StartsOn,
            EndsOn = endsOn,
            Offender = Trim(input.Offender),
            Services = Trim(input.Services) ?? "住民票の写し等の交付・住民基本台帳の一部の写しの閲覧",
            Contact = Trim(input.Contact),
            UpdatedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
            UpdatedBy = op.UserId,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SupportMeasures.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.SupportMeasure, "支援措置登録", row.AtenaNumber,
            detail: $"支援措置{row.Id}{(row.Provisional ? "（仮支援措置）" : "")} {row.StartsOn:uuuu-MM-dd}～{row.EndsOn:uuuu-MM-dd}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>延長: from one month before the end, by one year from the day after the end (j440).</summary>
    public async Task<LocalDate> ExtendAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援措置延長", cancellationToken);
        var today = JapanTime.Today(audit.Clock);
        LocalDate newEnd = default;
        await UpdateAsync(op, id, "支援措置延長", row =>
        {
            var measure = ProtectionReader.ToDomain(row);
            if (!measure.CanExtendOn(today))
            {
                throw new FieldValidationException("id", "支援措置", new("too-early", $"延長は期間終了日（{measure.EndsOn:uuuu-MM-dd}）の1か月前から行えます。"));
            }
            var extended = measure.Extended();
            row.EndsOn = extended.EndsOn;
            row.Provisional = false;
            newEnd = extended.EndsOn;
            return $"延長 {measure.EndsOn:uuuu-MM-dd} → {extended.EndsOn:uuuu-MM-dd}";
        }, cancellationToken);
        return newEnd;
    }

    /// <summary>支援措置の終了 (申出, 期間経過, 必要性の消滅).</summary>
    public async Task EndAsync(Operator op, long id, string reason, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援措置終了", cancellationToken);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldValidationException("reason", "終了の理由", new("required", "支援措置を終了する理由を入力してください。"));
        }
        var today = JapanTime.Today(audit.Clock);
        await UpdateAsync(op, id, "支援措置終了", row =>
        {
            row.EndedOn = today;
            row.EndReason = reason.Trim();
            return $"終了 {reason.Trim()}";
        }, cancellationToken);
    }

    /// <summary>
    /// 審査・承認 (j440): lets one certificate request for the protected person go to
    /// <paramref name="requesterName"/>, today only. Returns the approval number the issuance quotes.
    /// </summary>
    public async Task<long> ApproveIssuanceAsync(Operator op, AtenaNumber atena, string requesterName, string reason, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援措置 交付審査", cancellationToken);
        if (string.IsNullOrWhiteSpace(requesterName))
        {
            throw new FieldValidationException("requesterName", "請求者", new("required", "交付を認める請求者の氏名を入力してください。"));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldValidationException("reason", "承認の理由", new("required", "交付を認める理由（審査の結果）を入力してください。"));
        }
        await using var db = database.Open();
        if (!await db.SupportMeasures.AnyAsync(m => m.AtenaNumber == atena.Value && m.EndedOn == null, cancellationToken))
        {
            throw new FieldValidationException("atenaNumber", "宛名番号", new("not-protected", "この方には支援措置がありません。"));
        }
        var now = audit.Clock.GetCurrentInstant();
        var row = new SupportApprovalRow
        {
            AtenaNumber = atena.Value,
            RequesterName = requesterName.Trim(),
            Reason = reason.Trim(),
            ApprovedBy = op.UserId,
            ApprovedAt = now.ToDateTimeUtc(),
            ExpiresAt = JapanTime.Today(audit.Clock).PlusDays(1).AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SupportApprovals.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.SupportApproval, "支援措置 交付審査", atena.Value, detail: $"承認{row.Id} 請求者 {row.RequesterName}: {row.Reason}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>The person's measures with every detail (j380: for the 支援措置責任者 only).</summary>
    public async Task<IReadOnlyList<SupportMeasureRow>> DetailsAsync(Operator op, AtenaNumber atena, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援対象者照会", cancellationToken);
        await using var db = database.Open();
        var rows = await db.SupportMeasures.AsNoTracking().Where(m => m.AtenaNumber == atena.Value).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.SupportMeasure, "支援対象者照会", atena.Value, detail: $"支援措置{rows.Count}件")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>支援措置期間終了通知 candidates (j440, 20.5.1): measures ending within a month and not yet extended.</summary>
    public async Task<IReadOnlyList<SupportMeasureRow>> EndingSoonAsync(Operator op, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ProtectedPersons, "支援措置期間終了予定一覧", cancellationToken);
        var limit = JapanTime.Today(audit.Clock).PlusMonths(1);
        await using var db = database.Open();
        return await db.SupportMeasures.AsNoTracking().Where(m => m.EndedOn == null && m.EndsOn <= limit).OrderBy(m => m.EndsOn).ToListAsync(cancellationToken);
    }

    private async Task UpdateAsync(Operator op, long id, string screen, Func<SupportMeasureRow, string> change, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.SupportMeasures.AsTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null || row.EndedOn is not null)
        {
            throw new FieldValidationException("id", "支援措置", new("not-found", row is null ? "該当する支援措置がありません。" : "この支援措置は終了しています。"));
        }
        var what = change(row);
        row.UpdatedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        row.UpdatedBy = op.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.SupportMeasure, screen, row.AtenaNumber, detail: $"支援措置{row.Id} {what}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
