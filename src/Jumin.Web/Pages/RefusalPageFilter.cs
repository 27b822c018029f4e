using Jumin.Domain;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

/// <summary>A screen that shows a refusal on itself, with what the clerk entered still in the form.</summary>
public interface IShowsRefusal
{
    /// <summary>
    /// Puts the refusal where the page shows it and loads what the page needs to render again; false when this page
    /// does not show this refusal (the host's default applies: the 処理事由 page, the 権限なし page).
    /// </summary>
    Task<bool> ShowAsync(RefusalException refusal);
}

/// <summary>
/// The one place where a refusal thrown by a screen's handler becomes what the clerk sees: the same page, the message
/// (and each field at fault) on it, and the status of the refusal's kind. Screens that do not show refusals themselves
/// leave them to <c>RefusalMapping</c>, which sends the clerk to choose a 処理事由 or to the 権限なし page.
/// </summary>
public sealed class RefusalPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is RefusalException refusal and not Registry.Audit.ProcessingReasonRequiredException && !executed.ExceptionHandled
            && executed.HandlerInstance is IShowsRefusal page && await page.ShowAsync(refusal))
        {
            executed.ExceptionHandled = true;
            executed.HttpContext.Response.StatusCode = RefusalStatus.Of(refusal.Kind);
            executed.Result = new PageResult();
        }
    }
}
