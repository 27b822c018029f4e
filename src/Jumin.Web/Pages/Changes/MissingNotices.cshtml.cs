using Jumin.Domain.Residents;
using Jumin.Registry.Changes;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Changes;

/// <summary>転入通知未着者一覧 (j710): 国内転出 and 職権消除 whose 転入通知 has not arrived after the given days.</summary>
public sealed class MissingNoticesModel(ChangeService changes, ResidentPresentation presentation) : PageModel
{
    public ResidentPresentation Presentation { get; } = presentation;

    public int Days { get; private set; }

    public IReadOnlyList<ResidentRecord> People { get; private set; } = [];

    public async Task OnGetAsync(int? days)
    {
        Days = Math.Clamp(days ?? 14, 0, 3650);
        People = await changes.MissingMoveInNoticesAsync(User.ToOperator(), changes.Today(), Days, HttpContext.RequestAborted);
    }
}
