using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Residents;

/// <summary>
/// 抑止 (j410) and 支援措置 (j440, j380) of one person. It does not show the 住民票 itself, so a
/// 照会抑止 can be lifted from here; each action needs its own right.
/// </summary>
public sealed class ProtectionModel(RestrictionService restrictions, SupportMeasureService measures, Registry.Audit.AuditTrail audit, JapaneseDateParser dates) : PageModel, IShowsRefusal
{
    private string? actedOn;

    public AtenaNumber? Atena { get; private set; }

    public IReadOnlyList<RestrictionRow> Restrictions { get; private set; } = [];

    public IReadOnlyList<SupportMeasureRow>? Measures { get; private set; }

    public List<string> Errors { get; } = [];

    public string? Message { get; private set; }

    public LocalDateText Today => new(JapanTime.Today(audit.Clock));

    public async Task OnGetAsync(string atenaNumber)
    {
        if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
        {
            Errors.Add($"宛名番号: {error.Message}");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Atena = atena;
        var op = User.ToOperator();
        Restrictions = await restrictions.ForPersonAsync(op, atena, HttpContext.RequestAborted);
        if (op.May(Permission.ProtectedPersons))
        {
            Measures = await measures.DetailsAsync(op, atena, HttpContext.RequestAborted);
        }
    }

    public Task<IActionResult> OnPostRestrictAsync(string atenaNumber, string scope, string? target, List<string>? processes, string level, string? startsOn, string? endsOn, string? reason) =>
        ActAsync(atenaNumber, async (op, atena) =>
        {
            var processSet = (processes ?? []).Aggregate(RestrictedProcess.None, (all, p) => all | p switch
            {
                "change" => RestrictedProcess.Change,
                "issuance" => RestrictedProcess.Issuance,
                "inquiry" => RestrictedProcess.Inquiry,
                _ => RestrictedProcess.None,
            });
            var start = Day(startsOn, "startsOn", "開始日") ?? throw new FieldValidationException("startsOn", "開始日", new("required", "開始日を入力してください。"));
            var id = await restrictions.SetAsync(op, new RestrictionInput(
                scope == "household" ? RestrictionScope.Household : RestrictionScope.Person,
                scope == "household" ? target ?? "" : atena.Value,
                processSet,
                level == "alert" ? RestrictionLevel.Alert : RestrictionLevel.Error,
                start,
                Day(endsOn, "endsOn", "終了日"),
                reason ?? ""), HttpContext.RequestAborted);
            return $"抑止{id}を設定しました。";
        });

    public Task<IActionResult> OnPostLiftAsync(string atenaNumber, long id) =>
        ActAsync(atenaNumber, async (op, _) =>
        {
            await restrictions.LiftAsync(op, id, HttpContext.RequestAborted);
            return $"抑止{id}を解除しました。";
        });

    public Task<IActionResult> OnPostReleaseAsync(string atenaNumber, long id) =>
        ActAsync(atenaNumber, async (op, _) =>
        {
            var until = await restrictions.ReleaseTemporarilyAsync(op, id, HttpContext.RequestAborted);
            return $"抑止{id}を{until.InZone(JapanTime.Zone):HH:mm}まで一時解除しました（自動的に戻ります）。";
        });

    public Task<IActionResult> OnPostMeasureAsync(string atenaNumber, string? startsOn, string? endsOn, bool provisional, string? offender, string? contact) =>
        ActAsync(atenaNumber, async (op, atena) =>
        {
            var start = Day(startsOn, "startsOn", "支援措置の開始年月日") ?? throw new FieldValidationException("startsOn", "支援措置の開始年月日", new("required", "開始年月日を入力してください。"));
            var id = await measures.RegisterAsync(op, new SupportMeasureInput { AtenaNumber = atena, StartsOn = start, EndsOn = Day(endsOn, "endsOn", "支援措置の終了年月日"), Provisional = provisional, Offender = offender, Contact = contact }, HttpContext.RequestAborted);
            return $"支援措置{id}を登録しました。";
        });

    public Task<IActionResult> OnPostExtendAsync(string atenaNumber, long id) =>
        ActAsync(atenaNumber, async (op, _) => $"支援措置{id}を{(await measures.ExtendAsync(op, id, HttpContext.RequestAborted)):uuuu-MM-dd}まで延長しました。");

    public Task<IActionResult> OnPostEndAsync(string atenaNumber, long id, string? reason) =>
        ActAsync(atenaNumber, async (op, _) =>
        {
            await measures.EndAsync(op, id, reason ?? "", HttpContext.RequestAborted);
            return $"支援措置{id}を終了しました。";
        });

    public Task<IActionResult> OnPostApproveAsync(string atenaNumber, string? requesterName, string? reason) =>
        ActAsync(atenaNumber, async (op, atena) =>
            $"交付を承認しました。承認番号 {await measures.ApproveIssuanceAsync(op, atena, requesterName ?? "", reason ?? "", HttpContext.RequestAborted)}（本日、{requesterName} さんへの1回限り）");

    private async Task<IActionResult> ActAsync(string atenaNumber, Func<Operator, AtenaNumber, Task<string>> action)
    {
        if (!AtenaNumber.TryParse(atenaNumber, out var atena, out _))
        {
            return BadRequest();
        }
        actedOn = atenaNumber;
        Message = await action(User.ToOperator(), atena);
        await OnGetAsync(atenaNumber);
        return Page();
    }

    /// <summary>An action refused (a field, or a right this action needs beyond the page's) shows the page again with why.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (actedOn is null)
        {
            return false;
        }
        Errors.Add(refusal.Message);
        await OnGetAsync(actedOn);
        return true;
    }

    private NodaTime.LocalDate? Day(string? text, string field, string label)
    {
        var errors = new List<FieldValidationException>();
        var day = dates.Day(text, field, label, errors);
        return errors.Count > 0 ? throw errors[0] : day;
    }
}

/// <summary>A date as the forms pre-fill it (ISO, which the date parser accepts).</summary>
public readonly record struct LocalDateText(NodaTime.LocalDate Date)
{
    public override string ToString() => Date.ToString("uuuu-MM-dd", null);
}
