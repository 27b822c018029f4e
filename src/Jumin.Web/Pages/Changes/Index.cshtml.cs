using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Changes;

/// <summary>仮登録一覧 (j530): the 審査者's queue, 全部 or 一部 (selected, or by entry place), with 一括本登録 up to the configured bound.</summary>
public sealed class IndexModel(ChangeService changes) : PageModel, IShowsRefusal
{
    public IReadOnlyList<ResidentChangeRow> Rows { get; private set; } = [];

    public ChangeStatus Status { get; private set; } = ChangeStatus.Provisional;

    public string? Place { get; private set; }

    public bool CanRegister { get; private set; }

    public int Limit => changes.BulkRegistrationLimit;

    public IReadOnlyList<(long Id, string? Refusal)> Results { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? status, string? place)
    {
        Status = status switch
        {
            "registered" => ChangeStatus.Registered,
            "withdrawn" => ChangeStatus.Withdrawn,
            _ => ChangeStatus.Provisional,
        };
        Place = place;
        CanRegister = User.ToOperator().May(Permission.Approval);
        Rows = await changes.ListAsync(User.ToOperator(), Status, place, cancellationToken: HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRegisterAsync(List<long> ids, bool all)
    {
        Results = await changes.RegisterManyAsync(User.ToOperator(), all ? null : ids, cancellationToken: HttpContext.RequestAborted);
        Message = Results.Count == 0 ? "本登録する仮登録が選ばれていません。" : $"{Results.Count(r => r.Refusal is null)}件を本登録しました（{Results.Count(r => r.Refusal is not null)}件は本登録できませんでした）。";
        await OnGetAsync(null, null);
        return Page();
    }

    /// <summary>一括本登録 refused as a whole (over the bound, or not the right) shows the queue again with why.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (refusal is not ChangeConflictException)
        {
            return false;
        }
        Message = refusal.Message;
        await OnGetAsync(null, null);
        return true;
    }
}
