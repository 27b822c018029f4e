using Jumin.Registry.Audit;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

public sealed class LogoutModel(AuditTrail audit, Jumin.Registry.RegistryNode node) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var op = User.ToOperator();
        await audit.AppendAloneAsync(node.Database, [audit.Event(op, AuditFunctions.Logout, "ログアウト")], HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(OperatorClaims.Scheme);
        return Redirect("/login");
    }
}
