using Jumin.Registry.Accounts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

/// <summary>画面ロック: the locked session's only page; the password unlocks it (failures count toward the lockout).</summary>
public sealed class LockModel(AccountService accounts) : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? password, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var op = User.ToOperator();
        var outcome = await accounts.UnlockAsync(op, password ?? "", HttpContext.RequestAborted);
        if (outcome != LoginOutcome.Succeeded)
        {
            if (outcome == LoginOutcome.LockedOut)
            {
                await HttpContext.SignOutAsync(OperatorClaims.Scheme);
                return RedirectToPage("/Login");
            }
            Error = "パスワードが違います。";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(op));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
