using Jumin.Web.Contracts;
using Jumin.Domain;
using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Certificates;
using Jumin.Registry.Konbini;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jumin.Web.Api;

/// <summary>The result of an issuance as JSON (the PDF itself with <c>Accept: application/pdf</c>).</summary>
public sealed record CertificateIssuedDto(IReadOnlyList<IssuedCopyDto> Copies, IReadOnlyList<CertificateFindingDto> Findings, IReadOnlyList<string> Overflows, string Pdf);

public sealed record IssuedCopyDto(long IssueId, string IssueNumber, int Pages, IReadOnlyList<string> VerificationCodes, IReadOnlyList<string> Subjects);

public sealed record CertificateFindingDto(string Code, string Field, string Severity, string Message);

public sealed record DisposalRequest(string? Reason);

public sealed record KonbiniCertificateRequest(string? Serial, string? Pin, string? Kind, bool? WholeHousehold, bool? HouseholdHeadAndRelationship, bool? Domicile, int? Copies);

public sealed record KonbiniCardRequest(string? Pin);

/// <summary>証明書発行 (j1000–j1070), 交付履歴 (j300, j360) and コンビニ交付 (j1210) under <c>/api/v1</c>.</summary>
internal static class CertificateApi
{
    public static void MapCertificateApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();

        foreach (var kind in CertificateKinds.All)
        {
            api.MapPost($"/certificates/{kind.Slug()}", (CertificateRequestDto dto, HttpContext context, CertificateService certificates) =>
                Run(kind, dto, context, preview: false, certificates))
                .WithSummary($"{kind.Japanese()}の交付（PDF、交付履歴に記録）").WithTags("証明書").RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));
            api.MapPost($"/certificates/{kind.Slug()}/preview", (CertificateRequestDto dto, HttpContext context, CertificateService certificates) =>
                Run(kind, dto, context, preview: true, certificates))
                .WithSummary($"{kind.Japanese()}の見本（PDF、交付しない）").WithTags("証明書").RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));
        }

        api.MapGet("/certificates", async (string? subject, string? from, string? to, string? issueNumber, string? @operator, string? kind, HttpContext context, CertificateService certificates, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var query = new IssueHistoryQuery
            {
                Subject = OptionalAtena(subject, "subject", "宛名番号", errors),
                From = dates.Day(from, "from", "交付日（から）", errors),
                To = dates.Day(to, "to", "交付日（まで）", errors),
                IssueNumber = issueNumber,
                OperatorId = @operator,
                Kind = string.IsNullOrWhiteSpace(kind) ? null : CertificateKinds.FromSlug(kind),
            };
            if (!string.IsNullOrWhiteSpace(kind) && query.Kind is null)
            {
                errors.Add(new("kind", "証明書の種別", new("value", $"証明書の種別「{kind}」はありません（{string.Join(", ", CertificateKinds.All.Select(k => k.Slug()))}）。")));
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var records = await certificates.HistoryAsync(context.User.ToOperator(), query, context.RequestAborted);
            return Results.Ok(records.Select(IssueRecordDto));
        }).WithSummary("交付履歴照会（j360）").WithTags("証明書").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapGet("/certificates/verification/{code}", async (string code, HttpContext context, CertificateService certificates) =>
        {
            var record = await certificates.VerifyAsync(context.User.ToOperator(), code, context.RequestAborted);
            return record is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "この照合番号の証明書は交付されていません。")
                : Results.Ok(IssueRecordDto(record));
        }).WithSummary("照合番号による証明書の照合").WithTags("証明書").RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));

        api.MapPost("/certificates/{id:long}/disposal", async (long id, DisposalRequest request, HttpContext context, CertificateService certificates) =>
            {
                await certificates.RecordDisposalAsync(context.User.ToOperator(), id, request.Reason ?? "", context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("誤って発行した証明書の処分の記録（j300 処分情報）").WithTags("証明書").RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));

        api.MapPost("/residents/{atenaNumber}/konbini-cards", async (string atenaNumber, KonbiniCardRequest request, HttpContext context, KonbiniService konbini) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", "宛名番号", error);
            }
            return Results.Ok(new { Serial = await konbini.RegisterCardAsync(context.User.ToOperator(), atena, request.Pin ?? "", context.RequestAborted) });
        }).WithSummary("コンビニ交付用カード（模擬）の登録").WithTags("コンビニ交付").RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));

        app.MapGet("/certificates/pdf/{token}", (string token, HttpContext context, PrintQueue queue) =>
            queue.Get(context.User.ToOperator().UserId, token) is { } document
                ? Results.File(document.Pdf, "application/pdf", document.FileName)
                : Results.NotFound())
            .ExcludeFromDescription().RequireAuthorization(OperatorClaims.Policy(Permission.CertificateIssue));

        // The kiosk authenticates with the card and its PIN, not with a staff session.
        app.MapPost("/api/v1/konbini/certificates", async (KonbiniCertificateRequest request, HttpContext context, KonbiniService konbini) =>
        {
            var kind = string.IsNullOrWhiteSpace(request.Kind) ? CertificateKind.ResidentRecordCopy : CertificateKinds.FromSlug(request.Kind);
            if (kind is null)
            {
                return ApiResults.Invalid("kind", "証明書の種別", new("value", "コンビニ交付は resident-record（住民票の写し）と entry-certificate（記載事項証明書）です。"));
            }
            var result = await konbini.IssueAsync(request.Serial ?? "", request.Pin ?? "", new KonbiniRequest
            {
                Kind = kind.Value,
                WholeHousehold = request.WholeHousehold ?? false,
                HouseholdHeadAndRelationship = request.HouseholdHeadAndRelationship ?? true,
                Domicile = request.Domicile ?? false,
                Copies = request.Copies ?? 1,
            }, context.RequestAborted);
            context.Response.Headers["X-Issue-Numbers"] = Uri.EscapeDataString(string.Join(",", result.IssueNumbers));
            return Results.File(result.ImagePdf, "application/pdf", "certificate.pdf");
        }).WithSummary("コンビニ交付（カード＋暗証番号、画像PDF、j1210）").WithTags("コンビニ交付").AllowAnonymous();
    }

    private static async Task<IResult> Run(CertificateKind kind, CertificateRequestDto dto, HttpContext context, bool preview, CertificateService certificates)
    {
        var errors = new List<FieldValidationException>();
        var request = CertificateRequestBinding.Bind(kind, dto, errors);
        if (request is null)
        {
            return ApiResults.Invalid(errors);
        }
        var op = context.User.ToOperator();
        var result = preview
            ? await certificates.PreviewAsync(op, request, context.RequestAborted)
            : await certificates.IssueAsync(op, request, context.RequestAborted);
        var wantsPdf = context.Request.Headers.Accept.Any(a => a?.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) == true);
        if (wantsPdf || preview)
        {
            context.Response.Headers["X-Issue-Ids"] = string.Join(",", result.Copies.Select(c => c.IssueId));
            return Results.File(result.Pdf, "application/pdf", $"{kind.Slug()}.pdf");
        }
        return Results.Ok(new CertificateIssuedDto(
            [.. result.Copies.Select(c => new IssuedCopyDto(c.IssueId, c.IssueNumber, c.Pages, c.VerificationCodes, c.Subjects))],
            [.. result.Findings.Select(Finding)],
            [.. result.Overflows.Select(o => o.ToString())],
            Convert.ToBase64String(result.Pdf)));
    }

    public static CertificateFindingDto Finding(CertificateFinding f) => new(f.Code, f.Field, f.IsError ? "error" : "alert", f.Message);

    private static object IssueRecordDto(IssueRecord r) => new
    {
        r.Issue.Id,
        IssuedAt = ChangeDtoMapping.Timestamp(r.Issue.IssuedAt),
        r.Issue.Place,
        r.Issue.Terminal,
        r.Issue.OperatorId,
        Kind = ((CertificateKind)r.Issue.Kind).Slug(),
        KindName = ((CertificateKind)r.Issue.Kind).Japanese(),
        r.Issue.Items,
        r.Issue.Form,
        Copy = $"{r.Issue.CopyNumber}/{r.Issue.CopyCount}",
        r.Issue.PageCount,
        r.Issue.IssueNumber,
        Requester = ((RequesterKind)r.Issue.RequesterKind).Japanese(),
        r.Issue.RequesterName,
        Identification = ((IdentityCheck)r.Issue.Identification).Japanese(),
        r.Issue.Purpose,
        Channel = ((RequestChannel)r.Issue.Channel).Japanese(),
        r.Issue.OfficialUse,
        r.Issue.SealPrinted,
        r.Issue.IndividualNumberPrinted,
        r.Issue.Reissue,
        r.Issue.SupportApprovalId,
        Overflows = r.Issue.Overflows?.Split('\n') ?? [],
        Subjects = r.Subjects.Select(s => new { AtenaNumber = s.AtenaNumber.Value, s.Name, s.HistoryNumber }),
        Disposal = r.Disposal is null ? null : new { DisposedAt = ChangeDtoMapping.Timestamp(r.Disposal.DisposedAt), r.Disposal.OperatorId, r.Disposal.Reason },
    };

    internal static AtenaNumber? OptionalAtena(string? text, string field, string label, List<FieldValidationException> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (AtenaNumber.TryParse(text, out var atena, out var error))
        {
            return atena;
        }
        errors.Add(new(field, label, error));
        return null;
    }
}
