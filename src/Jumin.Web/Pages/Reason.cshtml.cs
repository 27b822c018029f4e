using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

/// <summary>処理事由の選択 (seeds M-10): asked before the first look-up and whenever the user changes it; kept for the session.</summary>
public sealed class ReasonModel : PageModel
{
    public string? ReturnUrl { get; private set; }

    public ProcessingReason? Current { get; private set; }

    public FieldValidationException? Error { get; private set; }

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        Current = User.ToOperator().Reason;
    }

    public async Task<IActionResult> OnPostAsync(ProcessingReasonKind? kind, string? note, string? returnUrl)
    {
        ReturnUrl = returnUrl;
        try
        {
            var reason = ProcessingReason.Create(kind ?? 0, note);
            await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(User.ToOperator() with { Reason = reason }));
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }
        catch (FieldValidationException e)
        {
            Error = e;
            Current = User.ToOperator().Reason;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
