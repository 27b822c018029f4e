using Jumin.Domain.Audit;
using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Certificates;

/// <summary>A 交付履歴 entry as the j360 screen shows it.</summary>
public sealed record IssueRecord(CertificateIssueRow Issue, IReadOnlyList<CertificateIssueSubjectRow> Subjects, CertificateDisposalRow? Disposal);

/// <summary>What the 交付履歴 may be searched by (j360: any of the j300 items).</summary>
public sealed record IssueHistoryQuery
{
    public AtenaNumber? Subject { get; init; }

    public LocalDate? From { get; init; }

    public LocalDate? To { get; init; }

    public string? IssueNumber { get; init; }

    public string? OperatorId { get; init; }

    public CertificateKind? Kind { get; init; }

    public int Limit { get; init; } = 200;
}

/// <summary>証明書発行 — the 交付履歴 (j300, j360): search, 照合番号 lookup, and the 処分 of a misprint.</summary>
public sealed partial class CertificateService
{
    /// <summary>交付履歴照会 (j360).</summary>
    public async Task<IReadOnlyList<IssueRecord>> HistoryAsync(Operator op, IssueHistoryQuery query, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, "交付履歴照会", cancellationToken);
        await using var db = database.Open();
        var issues = db.CertificateIssues.AsNoTracking();
        if (query.Subject is { } subject)
        {
            issues = issues.Where(i => db.CertificateIssueSubjects.Any(s => s.IssueId == i.Id && s.AtenaNumber == subject));
        }
        if (query.From is { } from)
        {
            var start = from.AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc();
            issues = issues.Where(i => i.IssuedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc();
            issues = issues.Where(i => i.IssuedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(query.IssueNumber))
        {
            var number = query.IssueNumber.Trim();
            issues = issues.Where(i => i.IssueNumber.Contains(number));
        }
        if (!string.IsNullOrWhiteSpace(query.OperatorId))
        {
            issues = issues.Where(i => i.OperatorId == query.OperatorId.Trim());
        }
        if (query.Kind is { } kind)
        {
            issues = issues.Where(i => i.Kind == (int)kind);
        }
        var result = await RecordsAsync(db, await issues.OrderByDescending(i => i.Id).Take(query.Limit).ToListAsync(cancellationToken), cancellationToken);

        var people = result.SelectMany(r => r.Subjects.Select(s => s.AtenaNumber.Value)).Distinct().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, people.Count == 0
            ? [audit.Event(op, AuditFunctions.CertificateHistory, "交付履歴照会", detail: "該当なし")]
            : [.. people.Select(p => audit.Event(op, AuditFunctions.CertificateHistory, "交付履歴照会", p, detail: $"交付履歴{result.Count(r => r.Subjects.Any(s => s.AtenaNumber.Value == p))}件"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>照合: the 交付履歴 entry a printed verification code belongs to, or null for a code never issued.</summary>
    public async Task<IssueRecord?> VerifyAsync(Operator op, string code, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "証明書の照合", cancellationToken);
        var normalised = NormaliseCode(code);
        await using var db = database.Open();
        var page = await db.CertificatePages.AsNoTracking().SingleOrDefaultAsync(p => p.VerificationCode == normalised, cancellationToken);
        var record = page is null ? null
            : (await RecordsAsync(db, [await db.CertificateIssues.AsNoTracking().SingleAsync(i => i.Id == page.IssueId, cancellationToken)], cancellationToken))[0];
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.CertificateHistory, "証明書の照合", record is { Subjects.Count: > 0 } ? record.Subjects[0].AtenaNumber.Value : null,
            outcome: record is null ? AuditOutcome.Refused : AuditOutcome.Succeeded, detail: record is null ? $"照合番号 {normalised} 該当なし" : $"照合番号 {normalised} 発行番号 {record.Issue.IssueNumber}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>処分情報 (j300): a copy printed in error was destroyed.</summary>
    public async Task RecordDisposalAsync(Operator op, long issueId, string reason, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "誤発行の処分", cancellationToken);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new Domain.FieldValidationException("reason", "処分の理由", new("required", "処分の理由（誤って発行した内容）を入力してください。"));
        }
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var issue = await db.CertificateIssues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken)
            ?? throw new Domain.FieldValidationException("issueId", "交付履歴", new("not-found", "該当する交付履歴がありません。"));
        if (await db.CertificateDisposals.AnyAsync(d => d.IssueId == issueId, cancellationToken))
        {
            throw new Domain.FieldValidationException("issueId", "交付履歴", new("already", "この証明書は処分済みとして記録されています。"));
        }
        db.CertificateDisposals.Add(new CertificateDisposalRow { IssueId = issueId, DisposedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(), OperatorId = op.UserId, Reason = reason.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        var subjects = await db.CertificateIssueSubjects.AsNoTracking().Where(s => s.IssueId == issueId).Select(s => s.AtenaNumber).ToListAsync(cancellationToken);
        await audit.AppendAsync(db, [.. subjects.Select(s => audit.Event(op, AuditFunctions.CertificateDisposal, "誤発行の処分", s.Value, detail: $"発行番号 {issue.IssueNumber} 処分: {reason.Trim()}"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static string NormaliseCode(string code)
    {
        var compact = new string([.. code.ToUpperInvariant().Where(char.IsLetterOrDigit).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })]);
        return compact.Length == 12 ? $"{compact[..4]}-{compact[4..8]}-{compact[8..]}" : compact;
    }

    /// <summary>The 交付履歴 entries with their subjects and disposal, in the order given.</summary>
    private static async Task<List<IssueRecord>> RecordsAsync(RegistryDbContext db, IReadOnlyList<CertificateIssueRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var subjects = (await db.CertificateIssueSubjects.AsNoTracking().Where(s => ids.Contains(s.IssueId)).ToListAsync(cancellationToken)).ToLookup(s => s.IssueId);
        var disposals = await db.CertificateDisposals.AsNoTracking().Where(d => ids.Contains(d.IssueId)).ToDictionaryAsync(d => d.IssueId, cancellationToken);
        return [.. rows.Select(r => new IssueRecord(r, [.. subjects[r.Id]], disposals.GetValueOrDefault(r.Id)))];
    }
}
