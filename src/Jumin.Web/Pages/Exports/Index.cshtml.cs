using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Exports;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Exports;

/// <summary>データ抽出 (seed 001 M-17): request, the manager's prior approval, and the one-time file.</summary>
public sealed class IndexModel(BulkExportService exports) : PageModel, IShowsRefusal
{
    public IReadOnlyList<BulkExport> Exports { get; private set; } = [];

    public Operator Operator { get; private set; } = null!;

    public List<FieldValidationException> Errors { get; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRequestAsync(string? purpose, string? medium, string? addressPrefix, string[]? items)
    {
        var parsed = EnumFields.ParseAll<ExportItem>(items ?? [], "items", "出力項目", Errors) ?? [];
        if (Errors.Count == 0)
        {
            var id = await exports.RequestAsync(User.ToOperator(), new(purpose ?? "", medium ?? "", addressPrefix ?? "", parsed), HttpContext.RequestAborted);
            Message = $"申請{id}を受け付けました。管理責任者の承認後、承認の当日に一度だけ出力できます。";
        }
        return await PageAsync();
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, bool approve, string? note)
    {
        await exports.DecideAsync(User.ToOperator(), id, approve, note, HttpContext.RequestAborted);
        Message = $"申請{id}を{(approve ? "承認" : "却下")}しました。";
        return await PageAsync();
    }

    public async Task<IActionResult> OnPostFileAsync(long id)
    {
        var file = await exports.RunAsync(User.ToOperator(), id, HttpContext.RequestAborted);
        return File(file.Content, "text/csv; charset=utf-8", file.FileName);
    }

    /// <summary>A request, decision or file refused for what was entered shows the list again with each field's rule.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (refusal.Fields.Count == 0)
        {
            return false;
        }
        Errors.AddRange(refusal.Fields);
        await PageAsync();
        return true;
    }

    private async Task<IActionResult> PageAsync()
    {
        if (Errors.Count > 0)
        {
            Message = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Operator = User.ToOperator();
        Exports = await exports.ListAsync(Operator, HttpContext.RequestAborted);
    }
}
