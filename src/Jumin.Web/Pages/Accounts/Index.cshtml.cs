using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Accounts;

/// <summary>権限管理 (j1380): accounts, rights one by one, 予約変更, lockouts, second factors and the terminal allow-list.</summary>
public sealed class IndexModel(AccountAdministration administration, TerminalRegistry terminals, JapaneseDateParser dates) : PageModel, IShowsRefusal
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    public IReadOnlyList<Terminal> Terminals { get; private set; } = [];

    public List<FieldValidationException> Errors { get; } = [];

    public string? Message { get; private set; }

    /// <summary>A second factor just enrolled: shown on this response only, never again.</summary>
    public SecondFactorEnrolment? Enrolment { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostCreateAsync(string? userId, string? displayName, string? department, string? role, string? password, string? validFrom, string? validUntil, string[]? items) =>
        RunAsync(async op =>
        {
            var account = new NewAccount(userId?.Trim() ?? "", displayName ?? "", password ?? "", department ?? "", role is null ? [] : role == Roles.Approver ? [Roles.Clerk, Roles.Approver] : [role],
                EnumFields.ParseAll<VisibleItem>(items ?? [], "visibleItems", "表示項目", Errors) ?? [], null,
                dates.Day(validFrom, "validFrom", "利用期間（開始日）", Errors), dates.Day(validUntil, "validUntil", "利用期間（終了日）", Errors));
            Errors.AddRange(account.Validate());
            if (Errors.Count == 0)
            {
                Enrolment = await administration.CreateAsync(op, account, HttpContext.RequestAborted);
                Message = $"利用者 {account.UserId} を登録しました。確認コードの秘密鍵は今だけ表示します。本人の認証アプリに登録してください。";
            }
        });

    public Task<IActionResult> OnPostChangeAsync(string? userId, string? department, string[]? permissions, string[]? items, string? validUntil, string? effectiveOn) =>
        RunAsync(async op =>
        {
            var change = new RightsChange(string.IsNullOrWhiteSpace(department) ? null : department,
                // An unticked group keeps what the account has: changing the 所属 alone must not take every right away.
                permissions is { Length: > 0 } ? EnumFields.ParseAll<Permission>(permissions, "permissions", "操作権限", Errors) : null,
                items is { Length: > 0 } ? EnumFields.ParseAll<VisibleItem>(items, "visibleItems", "表示項目", Errors) : null,
                dates.Day(validUntil, "validUntil", "利用期間（終了日）", Errors), dates.Day(effectiveOn, "effectiveOn", "施行日", Errors));
            if (Errors.Count == 0)
            {
                var scheduled = await administration.ChangeRightsAsync(op, userId ?? "", change, HttpContext.RequestAborted);
                Message = scheduled is { } id ? $"予約変更{id}を登録しました（{change.EffectiveOn} から有効）。" : $"利用者 {userId} の権限を変更しました。その利用者のセッションは次の操作で終わります。";
            }
        });

    public Task<IActionResult> OnPostCancelAsync(long id) =>
        RunAsync(async op =>
        {
            await administration.CancelScheduledAsync(op, id, HttpContext.RequestAborted);
            Message = $"予約変更{id}を取り消しました。";
        });

    public Task<IActionResult> OnPostUnlockAsync(string? userId) =>
        RunAsync(async op =>
        {
            await administration.UnlockAsync(op, userId ?? "", HttpContext.RequestAborted);
            Message = $"利用者 {userId} のロックを解除しました。";
        });

    public Task<IActionResult> OnPostReissueAsync(string? userId) =>
        RunAsync(async op =>
        {
            Enrolment = await administration.ReissueSecondFactorAsync(op, userId ?? "", HttpContext.RequestAborted);
            Message = $"利用者 {userId} の確認コードの秘密鍵を再発行しました。旧端末の確認コードは使えません。";
        });

    public Task<IActionResult> OnPostTerminalAsync(string? terminalId, string? name, string? place, string? address) =>
        RunAsync(async op =>
        {
            await terminals.RegisterAsync(op, terminalId?.Trim() ?? "", name ?? "", place ?? "", address ?? "", HttpContext.RequestAborted);
            Message = $"端末 {terminalId} を許可リストに登録しました。";
        });

    public Task<IActionResult> OnPostRetireAsync(string? terminalId) =>
        RunAsync(async op =>
        {
            await terminals.RetireAsync(op, terminalId ?? "", HttpContext.RequestAborted);
            Message = $"端末 {terminalId} を許可リストから外しました。";
        });

    private async Task<IActionResult> RunAsync(Func<Registry.Access.Operator, Task> action)
    {
        await action(User.ToOperator());
        return await PageAsync();
    }

    /// <summary>What the administration refuses for what was entered is shown beside the forms, each field with its rule.</summary>
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
        Accounts = await administration.ListAsync(User.ToOperator(), HttpContext.RequestAborted);
        Terminals = await terminals.ListAsync(HttpContext.RequestAborted);
    }
}
