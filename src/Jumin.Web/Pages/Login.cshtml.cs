using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

public sealed class LoginModel(AccountService accounts) : PageModel
{
    public string? Error { get; private set; }

    public string? UserId { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userId, string? password, string? code, string? returnUrl)
    {
        UserId = userId;
        ReturnUrl = returnUrl;
        var (outcome, op) = await accounts.LoginAsync(new LoginAttempt(userId ?? "", password ?? "", code, ClientAddress.Of(HttpContext)), HttpContext.RequestAborted);
        if (op is null)
        {
            Error = LoginRefusals.Text(outcome);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(op));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl != "/" ? returnUrl : HomeOf(op));
    }

    /// <summary>The first screen a user may use: the search for those with 照会, else their own work.</summary>
    public static string HomeOf(Operator op) =>
        op.May(Permission.Inquiry) ? "/"
        : op.May(Permission.LogView) ? "/audit"
        : op.May(Permission.Operations) ? "/operations"
        : op.May(Permission.RightsAdministration) ? "/accounts"
        : "/";
}
