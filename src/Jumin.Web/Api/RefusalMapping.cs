using System.Text;
using System.Text.Json;
using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Jumin.Web.Api;

/// <summary>
/// The one place where a refusal thrown by a use case or by request binding becomes an HTTP answer:
/// a Japanese RFC 7807 problem for the API, a page for the screens.
/// </summary>
internal static class RefusalMapping
{
    /// <summary>
    /// The API reads JSON strictly: a member the request type does not have is refused rather than
    /// dropped (a misspelt field would otherwise look accepted), and a body that does not bind is thrown
    /// to <see cref="UseRefusalMapping"/> instead of answered with an English "Bad Request".
    /// </summary>
    public static IServiceCollection AddStrictJsonBinding(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseRefusalMapping(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The API reads UTF-8 only; a body declared in another charset is refused before anything tries to decode it.
        if (IsApi(context) && context.Request.ContentType is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.Charset.HasValue
            && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: StatusTitle(StatusCodes.Status415UnsupportedMediaType)).ExecuteAsync(context);
            return;
        }
        try
        {
            await next();
        }
        // A search or 照会 without a 処理事由: the screens ask for one and come back; the API names the missing field.
        catch (ProcessingReasonRequiredException e) when (!context.Response.HasStarted)
        {
            if (IsApi(context))
            {
                await ApiResults.Invalid(ProcessingReasonRequiredException.Field, "処理事由", new("required", e.Message)).ExecuteAsync(context);
                return;
            }
            context.Response.Redirect("/reason?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }
        // A right the use case checks itself (beyond the endpoint's policy), already audited by the service.
        catch (AccessDeniedException e) when (!context.Response.HasStarted)
        {
            // A file download refused before its first byte must not keep the file's headers.
            context.Response.Clear();
            if (IsApi(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: e.Message).ExecuteAsync(context);
                return;
            }
            context.Response.Redirect("/forbidden");
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && IsApi(context))
        {
            await BadRequest(e).ExecuteAsync(context);
        }
    });

    /// <summary>Japanese titles for the bare status answers of the API (no route, no session, wrong method …).</summary>
    public static string StatusTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "要求を読み取れません。",
        StatusCodes.Status401Unauthorized => "ログインしていないか、ログインの有効期限が切れています。",
        StatusCodes.Status403Forbidden => "この操作の権限がありません。",
        StatusCodes.Status404NotFound => "指定されたものが見つかりません。",
        StatusCodes.Status405MethodNotAllowed => "この方法（HTTPメソッド）では操作できません。",
        StatusCodes.Status413PayloadTooLarge => "要求が大きすぎます。",
        StatusCodes.Status415UnsupportedMediaType => "要求の形式（Content-Type）が違います。application/json; charset=utf-8 で送ってください。",
        StatusCodes.Status429TooManyRequests => "要求が多すぎます。しばらく待ってから操作してください。",
        >= 500 => "サーバーで処理できませんでした。時間をおいて操作し、続くときは管理者に連絡してください。",
        _ => $"要求を処理できませんでした（{status}）。",
    };

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static IResult BadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            return Results.Problem(statusCode: e.StatusCode, title: StatusTitle(e.StatusCode));
        }
        if (e.InnerException is JsonException || e.Message.StartsWith("Failed to read parameter", StringComparison.Ordinal))
        {
            return ApiResults.Invalid([JsonFinding(e.InnerException)]);
        }
        // "Failed to bind parameter "long id" from "abc"." / "Required parameter "T body" was not provided from …"
        var parameter = Quoted(e.Message, 0) is { } declared ? declared[(declared.LastIndexOf(' ') + 1)..] : "body";
        if (e.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            return ApiResults.Invalid(parameter, parameter, new("value", $"「{Quoted(e.Message, 1)}」は {parameter} の値として読めません。"));
        }
        return e.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ApiResults.Invalid("body", "要求の本文", new("required", "要求の本文（JSON）がありません。"))
            : ApiResults.Invalid(parameter, parameter, new("required", $"{parameter} を指定してください。"));
    }

    /// <summary>Names the JSON member that did not bind (its path, as the other errors name fields) and the rule it broke.</summary>
    private static FieldValidationException JsonFinding(Exception? cause)
    {
        if (cause is not JsonException json)
        {
            // Bytes that are not UTF-8, a charset the API does not read, or a body cut off on the way.
            return new("body", "要求の本文", new("json", "要求の本文を JSON（UTF-8）として読めません。"));
        }
        var field = FieldOf(json.Path);
        var label = field == "body" ? "要求の本文" : field;
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // The path already ends with the unknown member.
            return new(field, field, new("unknown-field", $"「{field}」という項目はありません。項目名の綴りを確かめてください（API の説明は /openapi/v1.json）。"));
        }
        if (json.InnerException is DecoderFallbackException || json.InnerException?.Message.Contains("UTF-8", StringComparison.Ordinal) == true)
        {
            return new(field, label, new("encoding", $"{label} に UTF-8 として読めないバイトがあります。"));
        }
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return new(field, label, new("type", $"{label} の値の型が違います（文字列・数値・真偽値・配列の別を確かめてください）。"));
        }
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } column ? $"（{line + 1}行目 {column + 1}バイト目付近）" : "";
        return new(field, label, new("json", $"要求の本文が JSON として正しくありません{where}。途中で切れていないか、引用符・括弧・カンマを確かめてください。"));
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The n-th "double-quoted" part of an ASP.NET binding message.</summary>
    private static string? Quoted(string message, int n)
    {
        var parts = message.Split('"');
        return parts.Length > 2 * n + 1 ? parts[2 * n + 1] : null;
    }
}
