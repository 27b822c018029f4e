using Jumin.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jumin.Web.Api;

internal static class ApiResults
{
    /// <summary>RFC 7807 validation problem: each bad field with the rule it broke, in Japanese.</summary>
    public static IResult Invalid(IEnumerable<FieldValidationException> errors)
    {
        var list = errors.ToList();
        return Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join(" ", list.Select(e => e.Message)),
            title: "入力内容に誤りがあります。",
            extensions: new Dictionary<string, object?> { ["rules"] = list.ToDictionary(e => e.Field, e => e.Error.Rule) });
    }

    public static IResult Invalid(string field, string label, ValidationError error) => Invalid([new FieldValidationException(field, label, error)]);

    public static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
