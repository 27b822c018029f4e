using Jumin.Domain;
using Jumin.Domain.Certificates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Certificates;
using Jumin.Registry.Protection;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Certificates;

/// <summary>The counter form of a certificate request, as posted.</summary>
public sealed class CertificateForm
{
    public string Kind { get; set; } = CertificateKind.ResidentRecordCopy.Slug();

    /// <summary>whole (世帯全員) | members (世帯の一部) | self (本人のみ).</summary>
    public string Scope { get; set; } = "whole";

    public List<string> Members { get; set; } = [];

    public string Layout { get; set; } = "household";

    public bool HouseholdHeadAndRelationship { get; set; } = true;

    public bool Domicile { get; set; }

    public bool ResidentCode { get; set; }

    public bool IndividualNumber { get; set; }

    public bool FormerSurname { get; set; } = true;

    public bool Alias { get; set; } = true;

    public bool ForeignResidentItems { get; set; } = true;

    public bool Kana { get; set; }

    public bool History { get; set; }

    public bool OmitKatagaki { get; set; }

    public string RequesterKind { get; set; } = "self";

    public string? RequesterName { get; set; }

    public string? RequesterAddress { get; set; }

    public string Identification { get; set; } = "individual-number-card";

    public string? Purpose { get; set; }

    public string Channel { get; set; } = "counter";

    public int Copies { get; set; } = 1;

    public bool ByDeputy { get; set; }

    public bool PrintSeal { get; set; } = true;

    public long? SupportApprovalId { get; set; }

    public CertificateRequestDto ToDto(string subject) => new(
        subject,
        Scope == "members" ? Members : null,
        Scope == "whole",
        Layout,
        new CertificateItemsDto(HouseholdHeadAndRelationship, Domicile, ResidentCode, IndividualNumber, FormerSurname, Alias, ForeignResidentItems, Kana, History, OmitKatagaki),
        new RequesterDto(RequesterKind, RequesterName, RequesterAddress, Identification, Purpose, Channel),
        Copies,
        ByDeputy,
        PrintSeal,
        SupportApprovalId);
}

/// <summary>証明書発行 at the counter (j1000): choose, see the 見本, issue, print; 交付履歴 is written on issue.</summary>
public sealed class NewModel(ResidentQuery query, CertificateService certificates, PrintQueue printQueue, ResidentPresentation presentation) : PageModel, IShowsRefusal
{
    public ResidentPresentation Presentation { get; } = presentation;

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty]
    public CertificateForm Form { get; set; } = new();

    /// <summary>The kind to start with, e.g. move-out from a registered 転出 (j660) or resident-code-notice (j890).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public ResidentDossier? Dossier { get; private set; }

    public string? Error { get; private set; }

    public List<FieldValidationException> InputErrors { get; } = [];

    public IReadOnlyList<CertificateFinding> Findings { get; private set; } = [];

    public IReadOnlyList<Overflow> Overflows { get; private set; } = [];

    public IReadOnlyList<IssuedCopy> Issued { get; private set; } = [];

    public string? PdfToken { get; private set; }

    public bool Previewed { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (CertificateKinds.FromSlug(Kind) is { } kind)
        {
            Form.Kind = kind.Slug();
            Form.Scope = kind.IsCopyOrEntryCertificate() ? Form.Scope : "self";
        }
        if (Dossier is not null && string.IsNullOrEmpty(Form.RequesterName))
        {
            Form.RequesterName = Dossier.Current.FullName;
        }
    }

    public Task<IActionResult> OnPostPreviewAsync() => RunAsync(preview: true);

    public Task<IActionResult> OnPostIssueAsync() => RunAsync(preview: false);

    private async Task<IActionResult> RunAsync(bool preview)
    {
        await LoadAsync();
        if (Dossier is null)
        {
            return Page();
        }
        var kind = CertificateKinds.FromSlug(Form.Kind);
        if (kind is null)
        {
            InputErrors.Add(new("kind", "証明書の種別", new("value", "証明書の種別を選んでください。")));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var request = CertificateRequestBinding.Bind(kind.Value, Form.ToDto(Dossier.Current.AtenaNumber.Value), InputErrors);
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var op = User.ToOperator();
        var result = preview ? await certificates.PreviewAsync(op, request, HttpContext.RequestAborted) : await certificates.IssueAsync(op, request, HttpContext.RequestAborted);
        Findings = result.Findings;
        Overflows = result.Overflows;
        Issued = result.Copies;
        Previewed = preview;
        PdfToken = printQueue.Put(op.UserId, result.Pdf, $"{kind.Value.Slug()}{(preview ? "-preview" : "")}.pdf");
        return Page();
    }

    /// <summary>
    /// A certificate refused shows its findings; a field, beside the form; a 抑止 or a missing font, as the page's error.
    /// Nothing was printed in each case.
    /// </summary>
    public Task<bool> ShowAsync(RefusalException refusal)
    {
        switch (refusal)
        {
            case CertificateRefusedException refused:
                Findings = refused.Findings;
                break;
            case RestrictedException or CertificateFontMissingException:
                Error = refusal.Message;
                break;
            case { Fields.Count: > 0 }:
                InputErrors.AddRange(refusal.Fields);
                break;
            default:
                return Task.FromResult(false);
        }
        return Task.FromResult(true);
    }

    private async Task LoadAsync()
    {
        if (!AtenaNumber.TryParse(Subject, out var atena, out var error))
        {
            Error = $"宛名番号: {error.Message}";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Dossier = await query.GetAsync(User.ToOperator(), atena, "証明書発行", HttpContext.RequestAborted);
        if (Dossier is null)
        {
            Error = $"宛名番号{atena}の住民は登録されていません。";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
