using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Registry.Audit;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Audit;

/// <summary>ログの分析 (j1370): the audit-log search, the five analyses and their CSV files, the 利用者一覧.</summary>
public sealed class IndexModel(AuditAnalysis analysis, AuditTrail audit, JapaneseDateParser dates) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? OperatorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Function { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Report { get; set; }

    public string Title { get; private set; } = "監査ログ検索";

    public IReadOnlyList<AuditReportLine>? Lines { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>The query string of this view, for the CSV link.</summary>
    public string Query => Request.QueryString.Value ?? "";

    public async Task OnGetAsync()
    {
        var errors = new List<FieldValidationException>();
        var (from, to) = DateFields.Period(From, To, JapanTime.Today(audit.Clock), dates, errors);
        From = from.ToString("uuuu-MM-dd", null);
        To = to.ToString("uuuu-MM-dd", null);
        if (errors.Count > 0)
        {
            Errors.AddRange(errors.Select(e => e.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (AuditAnalysis.FromSlug(Report) is { } report)
        {
            Title = AuditAnalysis.Japanese(report);
            Lines = await analysis.ReportAsync(User.ToOperator(), report, from, to, HttpContext.RequestAborted);
        }
        else if (Request.Query.ContainsKey("search"))
        {
            Lines = await analysis.SearchAsync(User.ToOperator(), new AuditQuery { From = from, To = to, OperatorId = OperatorId, Target = Target, Function = Function }, HttpContext.RequestAborted);
        }
    }
}
