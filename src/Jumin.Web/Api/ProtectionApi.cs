using Jumin.Web.Contracts;
using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jumin.Web.Api;

public sealed record RestrictionRequest(string? Scope, string? Target, IReadOnlyList<string>? Processes, string? Level, string? StartsOn, string? EndsOn, string? Reason);

public sealed record SupportMeasureRequest(string? StartsOn, string? EndsOn, bool? Provisional, string? Applicant, string? RelationToApplicant, string? Offender, string? Services, string? Contact);

public sealed record SupportApprovalRequest(string? RequesterName, string? Reason);

public sealed record ReasonRequest(string? Reason);

/// <summary>抑止 (j410) and 支援措置 (j440, j380) under <c>/api/v1</c>.</summary>
internal static class ProtectionApi
{
    public static void MapProtectionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();

        api.MapPost("/restrictions", async (RestrictionRequest request, HttpContext context, RestrictionService restrictions, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var input = BindRestriction(request, dates, errors);
            if (input is null)
            {
                return ApiResults.Invalid(errors);
            }
            var id = await restrictions.SetAsync(context.User.ToOperator(), input, context.RequestAborted);
            return Results.Created($"/api/v1/restrictions/{id}", new { Id = id });
        }).WithSummary("抑止の設定（j410: 異動・発行・照会、個人・世帯、エラー・アラート）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.Restriction));

        api.MapGet("/residents/{atenaNumber}/restrictions", async (string atenaNumber, HttpContext context, RestrictionService restrictions) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", "宛名番号", error);
            }
            var rows = await restrictions.ForPersonAsync(context.User.ToOperator(), atena, context.RequestAborted);
            return Results.Ok(rows.Select(RestrictionDto));
        }).WithSummary("抑止の一覧（本人と世帯）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapPost("/restrictions/{id:long}/lift", async (long id, HttpContext context, RestrictionService restrictions) =>
            {
                await restrictions.LiftAsync(context.User.ToOperator(), id, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("抑止の本解除").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.Restriction));

        api.MapPost("/restrictions/{id:long}/temporary-release", async (long id, HttpContext context, RestrictionService restrictions) =>
            {
                var until = await restrictions.ReleaseTemporarilyAsync(context.User.ToOperator(), id, context.RequestAborted);
                return Results.Ok(new { Until = until.InZone(JapanTime.Zone).ToString("uuuu-MM-dd'T'HH:mm:sso<G>", null) });
            }).WithSummary("抑止の一時解除（設定時間の経過で自動的に戻る）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.RestrictionTemporaryRelease));

        api.MapPost("/residents/{atenaNumber}/support-measures", async (string atenaNumber, SupportMeasureRequest request, HttpContext context, SupportMeasureService measures, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var atena = CertificateApi.OptionalAtena(atenaNumber, "atenaNumber", "宛名番号", errors);
            var applicant = CertificateApi.OptionalAtena(request.Applicant, "applicant", "申出者の宛名番号", errors);
            var start = dates.Day(request.StartsOn, "startsOn", "支援措置の開始年月日", errors, required: true);
            var end = dates.Day(request.EndsOn, "endsOn", "支援措置の終了年月日", errors);
            if (errors.Count > 0 || atena is null || start is null)
            {
                return ApiResults.Invalid(errors);
            }
            var id = await measures.RegisterAsync(context.User.ToOperator(), new SupportMeasureInput
            {
                AtenaNumber = atena,
                StartsOn = start.Value,
                EndsOn = end,
                Provisional = request.Provisional ?? false,
                Applicant = applicant,
                RelationToApplicant = request.RelationToApplicant,
                Offender = request.Offender,
                Services = request.Services,
                Contact = request.Contact,
            }, context.RequestAborted);
            return Results.Created($"/api/v1/residents/{atena}/support-measures", new { Id = id });
        }).WithSummary("支援措置の登録（j440: 期間は1年、仮支援措置）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));

        api.MapGet("/residents/{atenaNumber}/support-measures", async (string atenaNumber, HttpContext context, SupportMeasureService measures) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", "宛名番号", error);
            }
            var rows = await measures.DetailsAsync(context.User.ToOperator(), atena, context.RequestAborted);
            return Results.Ok(rows.Select(SupportMeasureDto));
        }).WithSummary("支援対象者の詳細（j380、支援対象者の権限が必要）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));

        api.MapPost("/support-measures/{id:long}/extension", async (long id, HttpContext context, SupportMeasureService measures) =>
            Results.Ok(new { EndsOn = (await measures.ExtendAsync(context.User.ToOperator(), id, context.RequestAborted)).ToString("uuuu-MM-dd", null) }))
            .WithSummary("支援措置の延長（期間終了日の1か月前から、1年）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));

        api.MapPost("/support-measures/{id:long}/end", async (long id, ReasonRequest request, HttpContext context, SupportMeasureService measures) =>
            {
                await measures.EndAsync(context.User.ToOperator(), id, request.Reason ?? "", context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("支援措置の終了").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));

        api.MapGet("/support-measures/ending-soon", async (HttpContext context, SupportMeasureService measures) =>
            Results.Ok((await measures.EndingSoonAsync(context.User.ToOperator(), context.RequestAborted)).Select(SupportMeasureDto)))
            .WithSummary("支援措置期間終了予定者（1か月以内、j440）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));

        api.MapPost("/residents/{atenaNumber}/support-approvals", async (string atenaNumber, SupportApprovalRequest request, HttpContext context, SupportMeasureService measures) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", "宛名番号", error);
            }
            var id = await measures.ApproveIssuanceAsync(context.User.ToOperator(), atena, request.RequesterName ?? "", request.Reason ?? "", context.RequestAborted);
            return Results.Created($"/api/v1/residents/{atena}/support-approvals/{id}", new { Id = id });
        }).WithSummary("支援対象者の証明書交付の審査・承認（当日1回限り、j440）").WithTags("抑止・支援措置").RequireAuthorization(OperatorClaims.Policy(Permission.ProtectedPersons));
    }

    private static object RestrictionDto(RestrictionRow r) => new
    {
        r.Id,
        Scope = r.Scope == (int)RestrictionScope.Person ? "person" : "household",
        r.Target,
        Processes = Restriction.Describe((RestrictedProcess)r.Processes),
        Level = r.Level == (int)RestrictionLevel.Error ? "error" : "alert",
        StartsOn = r.StartsOn.ToString("uuuu-MM-dd", null),
        EndsOn = r.EndsOn?.ToString("uuuu-MM-dd", null),
        r.Reason,
        r.CreatedBy,
        Lifted = r.LiftedAt is not null,
        TemporarilyReleasedUntil = r.TemporarilyReleasedUntil is { } until ? ChangeDtoMapping.Timestamp(until) : null,
    };

    private static object SupportMeasureDto(SupportMeasureRow m) => new
    {
        m.Id,
        m.AtenaNumber,
        m.ApplicantAtenaNumber,
        m.RelationToApplicant,
        m.Provisional,
        StartsOn = m.StartsOn.ToString("uuuu-MM-dd", null),
        EndsOn = m.EndsOn.ToString("uuuu-MM-dd", null),
        m.Offender,
        m.Services,
        m.Contact,
        EndedOn = m.EndedOn?.ToString("uuuu-MM-dd", null),
        m.EndReason,
    };

    private static RestrictionInput? BindRestriction(RestrictionRequest r, JapaneseDateParser dates, List<FieldValidationException> errors)
    {
        var scope = r.Scope?.Trim().ToLowerInvariant() switch
        {
            "person" => RestrictionScope.Person,
            "household" => RestrictionScope.Household,
            _ => (RestrictionScope?)null,
        };
        if (scope is null)
        {
            errors.Add(new("scope", "抑止の単位", new("value", "抑止の単位は person（個人）か household（世帯）です。")));
        }
        var processes = RestrictedProcess.None;
        foreach (var p in r.Processes ?? [])
        {
            processes |= p.Trim().ToLowerInvariant() switch
            {
                "change" => RestrictedProcess.Change,
                "issuance" => RestrictedProcess.Issuance,
                "inquiry" => RestrictedProcess.Inquiry,
                _ => Invalid(p),
            };
        }
        RestrictedProcess Invalid(string p)
        {
            errors.Add(new("processes", "抑止する処理", new("value", $"処理「{p}」はありません（change＝異動, issuance＝発行, inquiry＝照会）。")));
            return RestrictedProcess.None;
        }
        var level = r.Level?.Trim().ToLowerInvariant() switch
        {
            "error" => RestrictionLevel.Error,
            "alert" => RestrictionLevel.Alert,
            _ => (RestrictionLevel?)null,
        };
        if (level is null)
        {
            errors.Add(new("level", "抑止レベル", new("value", "抑止レベルは error（エラー）か alert（アラート）です。")));
        }
        var start = dates.Day(r.StartsOn, "startsOn", "開始日", errors, required: true);
        var end = dates.Day(r.EndsOn, "endsOn", "終了日", errors);
        return errors.Count > 0 || scope is null || level is null || start is null
            ? null
            : new RestrictionInput(scope.Value, r.Target?.Trim() ?? "", processes, level.Value, start.Value, end, r.Reason ?? "");
    }
}
