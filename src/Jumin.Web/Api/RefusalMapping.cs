using System.Text;
using System.Text.Json;
using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Certificates;
using Jumin.Registry.Changes;
using Jumin.Registry.JukiNet;
using Jumin.Registry.Konbini;
using Jumin.Web.Contracts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
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
        catch (RefusalException e) when (!context.Response.HasStarted)
        {
            // A file download refused before its first byte must not keep the file's headers.
            context.Response.Clear();
            if (IsApi(context))
            {
                await Problem(e, context).ExecuteAsync(context);
                return;
            }
            // A screen that shows its own refusals has done so (RefusalPageFilter); these two send the clerk elsewhere.
            switch (e)
            {
                case ProcessingReasonRequiredException:
                    context.Response.Redirect("/reason?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                    return;
                case AccessDeniedException:
                    context.Response.Redirect("/forbidden");
                    return;
                default:
                    throw;
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted && IsApi(context))
        {
            await BadRequest(e).ExecuteAsync(context);
        }
    });

    /// <summary>
    /// The API's answer to a refusal: the status of its kind, each field at fault with its rule, and the findings of a
    /// 異動 or certificate. A refusal from a peer (住基ネット) takes the endpoint's title (<see cref="WithRefusalTitle"/>)
    /// and its own words as the detail.
    /// </summary>
    public static IResult Problem(RefusalException e, HttpContext context)
    {
        var status = RefusalStatus.Of(e.Kind);
        return e switch
        {
            ChangeRejectedException { NeedsAcknowledgement: true } change => Results.Problem(statusCode: status, title: change.Message,
                detail: string.Join(" ", change.Findings.Select(f => f.Message)),
                extensions: new Dictionary<string, object?> { ["findings"] = change.Findings.Select(ChangeDtoMapping.Finding).ToList() }),
            ChangeRejectedException change => Findings(status, change.Message,
                [.. change.Findings.Select(f => (f.Field, f.Code, $"{f.FieldLabel}: {f.Message}", f.Message))],
                change.Findings.Select(ChangeDtoMapping.Finding).ToList()),
            CertificateRefusedException certificate => Findings(status, "この請求では証明書を交付できません。",
                [.. certificate.Findings.Where(f => f.IsError).Select(f => (f.Field, f.Code, $"{f.Code} {f.Message}", f.Message))],
                certificate.Findings.Select(CertificateApi.Finding).ToList()),
            KonbiniRefusedException { AttemptsLeft: { } left } => Results.Problem(statusCode: status, title: e.Message,
                extensions: new Dictionary<string, object?> { ["attemptsLeft"] = left }),
            _ when e.Fields.Count > 0 => ApiResults.Invalid(e.Fields),
            JukiNetRequestException when context.GetEndpoint()?.Metadata.GetMetadata<RefusalTitle>() is { } endpoint => Results.Problem(statusCode: status, title: endpoint.Title, detail: e.Message),
            _ => Results.Problem(statusCode: status, title: e.Message),
        };
    }

    /// <summary>What the clerk reads when a peer refuses this endpoint's request (the peer's words follow as the detail).</summary>
    public static RouteHandlerBuilder WithRefusalTitle(this RouteHandlerBuilder builder, string title) => builder.WithMetadata(new RefusalTitle(title));

    private sealed record RefusalTitle(string Title);

    /// <summary>A rule-by-rule refusal: errors and rules by field (as for bad input), and every finding with its code.</summary>
    private static IResult Findings<T>(int status, string title, IReadOnlyList<(string Field, string Code, string Text, string Message)> errors, List<T> findings) =>
        Results.ValidationProblem(
            errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Text).ToArray()),
            detail: string.Join(" ", errors.Select(f => f.Message)),
            title: title,
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["rules"] = errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.First().Code),
                ["findings"] = findings,
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
