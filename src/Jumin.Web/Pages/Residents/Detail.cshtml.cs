using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Protection;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Jumin.Registry.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Jumin.Web.Pages.Residents;

/// <summary>住民票照会 with the 世帯 and the 異動履歴 (j350).</summary>
public sealed class DetailModel(ResidentQuery query, ResidentMemos memos, ResidentPresentation presentation) : PageModel, IShowsRefusal
{
    private string? memoOf;

    public ResidentPresentation Presentation { get; } = presentation;

    public ResidentDossier? Dossier { get; private set; }

    public string? Error { get; private set; }

    public string? MemoError { get; private set; }

    public string WrittenAt(ResidentMemoRow memo) => Timestamp(Instant.FromDateTimeUtc(DateTime.SpecifyKind(memo.WrittenAt, DateTimeKind.Utc)));

    public Task<IActionResult> OnPostAddMemoAsync(string atenaNumber, string? text) =>
        MemoAsync(atenaNumber, (op, atena) => memos.AddAsync(op, atena, text, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostEditMemoAsync(string atenaNumber, long memoId, string? text) =>
        MemoAsync(atenaNumber, (op, atena) => memos.EditAsync(op, atena, memoId, text, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostDeleteMemoAsync(string atenaNumber, long memoId) =>
        MemoAsync(atenaNumber, (op, atena) => memos.DeleteAsync(op, atena, memoId, HttpContext.RequestAborted));

    private async Task<IActionResult> MemoAsync(string atenaNumber, Func<Jumin.Registry.Access.Operator, AtenaNumber, Task> write)
    {
        if (!AtenaNumber.TryParse(atenaNumber, out var atena, out _))
        {
            return BadRequest();
        }
        memoOf = atenaNumber;
        await write(User.ToOperator(), atena);
        return RedirectToPage(new { atenaNumber });
    }

    /// <summary>A 照会 refused (抑止) shows the reason alone; a 留意事項 refused shows the 住民票 again with the memo's error.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (memoOf is null)
        {
            Error = refusal.Message;
            return refusal is RestrictedException;
        }
        MemoError = refusal.Message;
        await OnGetAsync(memoOf);
        return true;
    }

    public string ProcessedAt(ResidentRecord r) => Timestamp(r.ProcessedAt);

    /// <summary>日時 in Japan time, the date in 和暦 (j90).</summary>
    private string Timestamp(Instant at)
    {
        var local = at.InZone(Jumin.Domain.Dates.JapanTime.Zone);
        return $"{Presentation.Date(local.Date)} {local.TimeOfDay:HH:mm}";
    }

    public async Task OnGetAsync(string atenaNumber)
    {
        if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
        {
            Error = $"宛名番号: {error.Message}";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Dossier = await query.GetAsync(User.ToOperator(), atena, cancellationToken: HttpContext.RequestAborted);
        if (Dossier is null)
        {
            Error = $"宛名番号{atena}の住民は登録されていません。";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
