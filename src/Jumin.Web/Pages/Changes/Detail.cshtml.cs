using Jumin.Domain;
using Jumin.Web.Contracts;
using Jumin.Registry.Access;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Changes;

/// <summary>One 異動: 入力確認 (j540) of every item before and after, and 本登録 or 取下げ for the 審査者 (j530).</summary>
public sealed class DetailModel(ChangeService changes, ResidentPresentation presentation) : PageModel, IShowsRefusal
{
    private long? deciding;

    public ChangeDto? Change { get; private set; }

    public bool CanRegister { get; private set; }

    public bool CanWithdraw { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<FindingDto> RefusalFindings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var op = User.ToOperator();
        var entry = await changes.GetAsync(op, id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }
        Change = ChangeDtoMapping.Change(presentation, entry, op.VisibleItems);
        var provisional = entry.Row.Status == ChangeStatus.Provisional;
        CanRegister = provisional && op.May(Permission.Approval) && entry.Row.EnteredBy != op.UserId;
        CanWithdraw = provisional && (op.May(Permission.Approval) || entry.Row.EnteredBy == op.UserId);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(long id)
    {
        deciding = id;
        await changes.RegisterAsync(User.ToOperator(), id, HttpContext.RequestAborted);
        return Redirect($"/changes/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id)
    {
        deciding = id;
        await changes.WithdrawAsync(User.ToOperator(), id, HttpContext.RequestAborted);
        return Redirect($"/changes/{id}");
    }

    /// <summary>A 本登録 or 取下げ refused shows the 異動 again with why (and, for errors in the plan, each finding).</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (deciding is not { } id || refusal is not (ChangeRejectedException or ChangeConflictException))
        {
            return false;
        }
        Refusal = refusal.Message;
        if (refusal is ChangeRejectedException rejected)
        {
            RefusalFindings = [.. rejected.Findings.Select(ChangeDtoMapping.Finding)];
        }
        await OnGetAsync(id);
        return true;
    }
}
