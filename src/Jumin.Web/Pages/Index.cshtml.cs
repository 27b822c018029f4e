using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages;

/// <summary>住民検索 (j320–j340): criteria in the query string, results, and the user's search history.</summary>
public sealed class IndexModel(ResidentSearch search, ResidentPresentation presentation) : PageModel, IShowsRefusal
{
    public ResidentPresentation Presentation { get; } = presentation;

    public Operator Operator { get; private set; } = null!;

    public ResidentSearchResult? Result { get; private set; }

    public List<FieldValidationException> Errors { get; } = [];

    public IReadOnlyList<SearchHistoryRow> History { get; private set; } = [];

    public Task OnGetAsync()
    {
        var criteria = SearchCriteriaBinding.FromQuery(Request.Query, Errors);
        return SearchAsync(Errors.Count == 0 && !criteria.IsEmpty ? criteria : null);
    }

    public Task OnPostIndividualNumberAsync(string? individualNumber) =>
        SearchAsync(new ResidentSearchCriteria { IndividualNumber = individualNumber });

    /// <summary>Runs the search, if any, and loads the user's 検索履歴 shown under the results.</summary>
    private async Task SearchAsync(ResidentSearchCriteria? criteria)
    {
        Operator = User.ToOperator();
        if (criteria is not null)
        {
            Result = await search.SearchAsync(Operator, criteria, cancellationToken: HttpContext.RequestAborted);
        }
        History = await search.HistoryAsync(Operator, cancellationToken: HttpContext.RequestAborted);
    }

    /// <summary>Criteria the search refuses are shown beside the form, with the user's 検索履歴 below it.</summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (refusal is not SearchCriteriaException)
        {
            return false;
        }
        Errors.AddRange(refusal.Fields);
        History = await search.HistoryAsync(Operator, cancellationToken: HttpContext.RequestAborted);
        return true;
    }
}
