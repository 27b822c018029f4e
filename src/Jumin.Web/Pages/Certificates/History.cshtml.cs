using Jumin.Domain;
using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Certificates;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Jumin.Web.Pages.Certificates;

/// <summary>交付履歴照会 (j360): by person, period, 発行番号 or user; the disposal of a misprint; 照合番号 lookup.</summary>
public sealed class HistoryModel(CertificateService certificates, JapaneseDateParser dates, ResidentPresentation presentation) : PageModel, IShowsRefusal
{
    private bool disposing;

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? IssueNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? OperatorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public IReadOnlyList<IssueRecord> Records { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public string? Message { get; private set; }

    public string Timestamp(DateTime utc)
    {
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(JapanTime.Zone);
        return $"{presentation.Date(local.Date)} {local.TimeOfDay:HH:mm}";
    }

    public async Task OnGetAsync()
    {
        var op = User.ToOperator();
        if (!string.IsNullOrWhiteSpace(Code))
        {
            if (!op.May(Permission.CertificateIssue))
            {
                Errors.Add("照合には証明発行の権限が必要です。");
                return;
            }
            var record = await certificates.VerifyAsync(op, Code, HttpContext.RequestAborted);
            Records = record is null ? [] : [record];
            Message = record is null ? $"照合番号 {Code} の証明書は交付されていません（偽造又は誤入力の可能性があります）。" : $"照合番号 {Code} は次の交付に一致します。";
            return;
        }
        var query = new IssueHistoryQuery { IssueNumber = IssueNumber, OperatorId = OperatorId };
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            if (AtenaNumber.TryParse(Subject, out var atena, out var error))
            {
                query = query with { Subject = atena };
            }
            else
            {
                Errors.Add($"宛名番号: {error.Message}");
            }
        }
        var dateErrors = new List<FieldValidationException>();
        query = query with { From = dates.Day(From, "from", "交付日（から）", dateErrors), To = dates.Day(To, "to", "交付日（まで）", dateErrors) };
        Errors.AddRange(dateErrors.Select(e => e.Message));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Records = await certificates.HistoryAsync(op, query, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostDisposeAsync(long issueId, string? reason)
    {
        disposing = true;
        await certificates.RecordDisposalAsync(User.ToOperator(), issueId, reason ?? "", HttpContext.RequestAborted);
        return RedirectToPage(new { Subject, From, To, IssueNumber, OperatorId });
    }

    /// <summary>A 廃棄 refused (no reason, or not the right to record it) shows the history again with why.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (!disposing)
        {
            return false;
        }
        Errors.Add(refusal.Message);
        await OnGetAsync();
        return true;
    }

    public static string KindName(int kind) => ((CertificateKind)kind).Japanese();

}

/// <summary>How a 交付履歴 row names the requester: 区分・氏名・本人確認・方法.</summary>
public sealed record CertificateIssueRowView(Registry.Persistence.CertificateIssueRow Row)
{
    public override string ToString() =>
        $"{((RequesterKind)Row.RequesterKind).Japanese()} {Row.RequesterName}（{((IdentityCheck)Row.Identification).Japanese()}・{((RequestChannel)Row.Channel).Japanese()}）{(Row.Purpose is null ? "" : $" 目的: {Row.Purpose}")}";
}
