using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

/// <summary>処理事由の選択 (seeds M-10): asked before the first look-up and whenever the user changes it; kept for the session.</summary>
public sealed class ReasonModel : PageModel, IShowsRefusal
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
        var reason = ProcessingReason.Create(kind ?? 0, note);
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(User.ToOperator() with { Reason = reason }));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>A 事由 the rules refuse (その他 without a note, a note too long) is shown with the choice still open.</summary>
    public Task<bool> ShowAsync(RefusalException refusal)
    {
        Error = refusal.Fields.Count > 0 ? refusal.Fields[0] : null;
        Current = User.ToOperator().Reason;
        return Task.FromResult(Error is not null);
    }
}
