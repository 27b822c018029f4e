using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Identity;
using Jumin.Registry.Accounts;
using Jumin.Registry.JukiNet;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.JukiNet;

/// <summary>
/// 住基ネット: what the registry has sent its CS, 特例転入 (転出証明書情報の取得, j670), 転入通知の受理 (j700) and
/// 整合性確認 (j1100).
/// </summary>
public sealed class IndexModel(JukiNetConnection jukinet) : PageModel
{
    public CsLinkStatus? Status { get; private set; }

    public string Mode => jukinet.Mode;

    [BindProperty]
    public string? ResidentCode { get; set; }

    public DepartureCertificateMessage? Certificate { get; private set; }

    [BindProperty]
    public string? AtenaNumber { get; set; }

    [BindProperty]
    public bool ChangeCode { get; set; }

    public ResidentCodeAssigned? Assigned { get; private set; }

    public MoveInNoticeIntake? Intake { get; private set; }

    public ConsistencyReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public bool MayRunConsistency => User.ToOperator().May(Permission.Batch);

    public async Task OnGetAsync()
    {
        Report = MayRunConsistency ? jukinet.LastScheduledReport : null;
        await LoadAsync();
    }

    public bool MayEnterChanges => User.ToOperator().May(Permission.ChangeEntry);

    public async Task<IActionResult> OnPostDepartureAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (!Jumin.Domain.Identifiers.ResidentCode.TryParse(ResidentCode, out var code, out var error))
        {
            ModelState.AddModelError(nameof(ResidentCode), $"{Jumin.Domain.Identifiers.ResidentCode.Label}: {error.Message}");
        }
        else if (jukinet.Moves is { } moves)
        {
            var op = User.ToOperator();
            try
            {
                var certificate = await moves.FetchDepartureCertificateAsync(op, code, HttpContext.RequestAborted);
                Certificate = op.CanViewIndividualNumber ? certificate : certificate with { IndividualNumber = null };
            }
            catch (JukiNetRequestException e)
            {
                Problem = e.Message;
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>住民票コードの付番・変更 (j870, j880): a code from the CS's pool, entered as a 仮登録.</summary>
    public async Task<IActionResult> OnPostResidentCodeAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (!Jumin.Domain.Identifiers.AtenaNumber.TryParse(AtenaNumber, out var atena, out var error))
        {
            ModelState.AddModelError(nameof(AtenaNumber), $"{Jumin.Domain.Identifiers.AtenaNumber.Label}: {error.Message}");
        }
        else if (jukinet.ResidentCodes is { } codes)
        {
            try
            {
                Assigned = await codes.AssignAsync(User.ToOperator(), atena, ChangeCode, HttpContext.RequestAborted);
            }
            catch (JukiNetRequestException e)
            {
                Problem = e.Message;
            }
            catch (Jumin.Registry.Changes.ChangeRejectedException e)
            {
                Problem = string.Join(" ", e.Findings.Select(f => f.Message));
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNoticesAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (jukinet.Moves is { } moves)
        {
            try
            {
                Intake = await moves.TakeInMoveInNoticesAsync(User.ToOperator(), HttpContext.RequestAborted);
            }
            catch (JukiNetRequestException e)
            {
                Problem = e.Message;
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConsistencyAsync()
    {
        if (!MayRunConsistency)
        {
            return Forbid();
        }
        if (jukinet.Consistency is { } consistency)
        {
            try
            {
                Report = await consistency.RunAsync(User.ToOperator(), HttpContext.RequestAborted);
            }
            catch (JukiNetRequestException e)
            {
                Problem = e.Message;
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (jukinet.Link is null)
        {
            Problem ??= Mode == "off" ? "住基ネットに接続していません（Jumin:JukiNet:Mode が off）。" : "住基ネットへの接続を準備しています。";
            return;
        }
        Status = await jukinet.Link.StatusAsync(HttpContext.RequestAborted);
    }
}
