using Jumin.Web.Contracts;
using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Changes;
using Jumin.Registry.Protection;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.Changes;

/// <summary>
/// 異動入力: one screen for every kind (j560–j990). 「確認」 shows the 入力確認 (j540) — every item
/// before and after, the errors and the alerts — and 「仮登録」 enters the change for 審査 (j530).
/// </summary>
public sealed class NewModel(ChangeService changes, ChangeRequestBinding binding, ResidentQuery query, ResidentLocks locks, ResidentPresentation presentation, IDataProtectionProvider dataProtection) : PageModel, IShowsRefusal
{
    private bool entering;

    public ResidentPresentation Presentation { get; } = presentation;

    public ChangeKind Kind { get; private set; }

    [BindProperty]
    public ChangeForm Form { get; set; } = new();

    /// <summary>The person the screen was opened for, and their 世帯 (j460: 全部 or 一部 can be chosen).</summary>
    public ResidentDossier? Subject { get; private set; }

    public IReadOnlyList<FieldValidationException> InputErrors { get; private set; } = [];

    public PreviewDto? Preview { get; private set; }

    public string? Refusal { get; private set; }

    /// <summary>排他制御 (j1380): who else is editing the person, if anyone.</summary>
    public IReadOnlyList<ResidentLock> HeldByOthers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, string? atena, long? cancels)
    {
        if (!Resolve(kind))
        {
            return NotFound();
        }
        var today = changes.Today().ToString("yyyy-MM-dd", null);
        Form.NotificationDate = today;
        Form.CancelsChange = cancels;
        if (atena is not null && AtenaNumber.TryParse(atena, out var subject, out _))
        {
            Subject = await query.GetAsync(User.ToOperator(), subject, "異動入力", HttpContext.RequestAborted);
            if (Subject is not null)
            {
                HeldByOthers = await locks.AcquireAsync(User.ToOperator(), [subject], HttpContext.RequestAborted);
                Form.Movers = [subject.Value];
                Form.JoinHousehold = Kind == ChangeKind.Birth ? Subject.Current.HouseholdNumber.Value : null;
                if (Kind == ChangeKind.HouseholdHeadChange)
                {
                    Form.NewHead = subject.Value;
                    Form.Movers = [];
                }
                if (Kind == ChangeKind.Birth)
                {
                    Form.Movers = [];
                }
            }
        }
        Form.HouseholdMode = Kind switch
        {
            ChangeKind.Relocation => "keep",
            ChangeKind.Birth or ChangeKind.HouseholdMerger or ChangeKind.HouseholdChange => "join",
            _ => "new",
        };
        if (Kind.EntersNewPeople() && Form.Movers.Count == 0)
        {
            Form.People = [new PersonForm { Kind = Kind is ChangeKind.Article3046MoveIn or ChangeKind.Article3047Notification ? "foreign" : "japanese" }];
            Form.NewHead = Kind == ChangeKind.Birth ? null : "new:0";
        }
        else if (Form.Movers.Count > 0 && Kind is not (ChangeKind.Birth or ChangeKind.HouseholdHeadChange))
        {
            Form.NewHead = Form.Movers[0];
        }
        return Page();
    }

    /// <summary>
    /// 特例転入 (j670): the 転入 screen filled from the 転出証明書情報 the 住基ネット screen fetched (posted, so that no
    /// personal item travels in a URL). The clerk checks it against the person and the card, and adds the new address,
    /// the 世帯 and the date.
    /// </summary>
    public IActionResult OnPostFromDeparture(string kind)
    {
        if (!Resolve(kind) || Kind != ChangeKind.MoveIn)
        {
            return NotFound();
        }
        Form.NotificationDate ??= changes.Today().ToString("yyyy-MM-dd", null);
        Form.HouseholdMode = "new";
        Form.NewHead = "new:0";
        if (Form.People.Count == 0)
        {
            Form.People = [new PersonForm { Kind = "japanese" }];
        }
        ModelState.Clear();
        return Page();
    }

    /// <summary>One more person in the same 届出 (一括入力 j550: the 氏, 住所 and 続柄 entered so far stay).</summary>
    public async Task<IActionResult> OnPostAddPersonAsync(string kind)
    {
        if (!Resolve(kind))
        {
            return NotFound();
        }
        var last = Form.People.LastOrDefault();
        Form.People.Add(new PersonForm { Kind = last?.Kind ?? "japanese", FamilyName = last?.FamilyName, FamilyNameKana = last?.FamilyNameKana, Domicile = last?.Domicile, HeadOfFamilyRegister = last?.HeadOfFamilyRegister });
        await LoadSubjectAsync();
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string kind)
    {
        if (!Resolve(kind))
        {
            return NotFound();
        }
        await LoadSubjectAsync();
        var request = Bind();
        if (request is null)
        {
            return Page();
        }
        var op = User.ToOperator();
        var plan = await changes.PreviewAsync(op, request, HttpContext.RequestAborted);
        Preview = new PreviewDto(Kind.Slug(), [.. plan.Findings.Select(ChangeDtoMapping.Finding)], ChangeDtoMapping.Rows(Presentation, plan, op.VisibleItems), ChangeDtoMapping.Notices(plan));
        return Page();
    }

    public async Task<IActionResult> OnPostEnterAsync(string kind)
    {
        if (!Resolve(kind))
        {
            return NotFound();
        }
        var request = Bind();
        if (request is null)
        {
            await LoadSubjectAsync();
            return Page();
        }
        entering = true;
        var entry = await changes.EnterAsync(User.ToOperator(), request, Form.AcknowledgedAlerts, HttpContext.RequestAborted);
        return Redirect($"/changes/{entry.Id}");
    }

    /// <summary>
    /// A 仮登録 refused shows the form as entered with why, and for a plan with errors or alerts its 入力確認; a person
    /// under a 照会抑止 is not shown, and the screen says why instead of failing.
    /// </summary>
    public async Task<bool> ShowAsync(RefusalException refusal)
    {
        if (refusal is RestrictedException)
        {
            Refusal = refusal.Message;
            return true;
        }
        if (!entering || refusal is not (ChangeRejectedException or ChangeConflictException))
        {
            return false;
        }
        Refusal = refusal.Message;
        if (refusal is ChangeRejectedException { Plan: var plan })
        {
            Preview = new PreviewDto(Kind.Slug(), [.. plan.Findings.Select(ChangeDtoMapping.Finding)], ChangeDtoMapping.Rows(Presentation, plan, User.ToOperator().VisibleItems), ChangeDtoMapping.Notices(plan));
        }
        await LoadSubjectAsync();
        return true;
    }

    private bool Resolve(string kind)
    {
        if (ChangeKinds.FromSlug(kind) is not { } k)
        {
            return false;
        }
        Kind = k;
        return true;
    }

    private ChangeRequest? Bind()
    {
        var errors = new List<FieldValidationException>();
        // The sealed items stay sealed in the page; only the request sent to the register carries them.
        var dto = Form.ToDto(Kind);
        if (dto.NewPersons is { Count: > 0 } persons)
        {
            dto = dto with { NewPersons = [.. persons.Zip(Form.People, (d, p) => WithheldItems.Unseal(dataProtection, p.Sealed)?.FillEmpty(d) ?? d)] };
        }
        var request = binding.Bind(Kind, dto, changes.Today(), errors);
        InputErrors = errors;
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return request;
    }

    private async Task LoadSubjectAsync()
    {
        var first = Form.Movers.FirstOrDefault() ?? (Kind == ChangeKind.HouseholdHeadChange ? Form.NewHead : null);
        if (first is not null && AtenaNumber.TryParse(first, out var atena, out _))
        {
            Subject = await query.GetAsync(User.ToOperator(), atena, "異動入力", HttpContext.RequestAborted);
        }
    }

    /// <summary>Japanese labels of the items shown in 入力確認.</summary>
    public static string ItemLabel(string item) => Labels.TryGetValue(item, out var label) ? label : item;

    private static readonly Dictionary<string, string> Labels = new()
    {
        [nameof(ResidentRecordDto.Kind)] = "住民種別",
        [nameof(ResidentRecordDto.Status)] = "住民状態",
        [nameof(ResidentRecordDto.Name)] = "氏名",
        [nameof(ResidentRecordDto.NameKana)] = "フリガナ",
        [nameof(ResidentRecordDto.NameKanaConfirmed)] = "フリガナ確認",
        [nameof(ResidentRecordDto.AlphabetName)] = "氏名（アルファベット）",
        [nameof(ResidentRecordDto.FormerSurname)] = "旧氏",
        [nameof(ResidentRecordDto.FormerSurnameKana)] = "旧氏のフリガナ",
        [nameof(ResidentRecordDto.Alias)] = "通称",
        [nameof(ResidentRecordDto.AliasKana)] = "通称のフリガナ",
        [nameof(ResidentRecordDto.BirthDate)] = "生年月日",
        [nameof(ResidentRecordDto.Sex)] = "性別",
        [nameof(ResidentRecordDto.HouseholdNumber)] = "世帯番号",
        [nameof(ResidentRecordDto.HouseholdHeadName)] = "世帯主",
        [nameof(ResidentRecordDto.Relationship)] = "続柄",
        [nameof(ResidentRecordDto.MemberOrder)] = "並び順",
        [nameof(ResidentRecordDto.PostalCode)] = "郵便番号",
        [nameof(ResidentRecordDto.AddressCode)] = "住所コード",
        [nameof(ResidentRecordDto.Address)] = "住所",
        [nameof(ResidentRecordDto.AddressEstablishedOn)] = "住所を定めた年月日",
        [nameof(ResidentRecordDto.BecameResidentOn)] = "住民となった年月日",
        [nameof(ResidentRecordDto.PreviousAddress)] = "転入前住所",
        [nameof(ResidentRecordDto.Domicile)] = "本籍",
        [nameof(ResidentRecordDto.HeadOfFamilyRegister)] = "筆頭者",
        [nameof(ResidentRecordDto.ResidentCode)] = "住民票コード",
        [nameof(ResidentRecordDto.IndividualNumber)] = "個人番号",
        [nameof(ResidentRecordDto.Nationality)] = "国籍・地域",
        [nameof(ResidentRecordDto.Article3045Category)] = "法第30条の45の区分",
        [nameof(ResidentRecordDto.StatusOfResidence)] = "在留資格",
        [nameof(ResidentRecordDto.PeriodOfStay)] = "在留期間",
        [nameof(ResidentRecordDto.PeriodOfStayExpiresOn)] = "在留期間の満了の日",
        [nameof(ResidentRecordDto.ResidenceCardNumber)] = "在留カード等番号",
        [nameof(ResidentRecordDto.RemovalReason)] = "消除事由",
        [nameof(ResidentRecordDto.RemovalDate)] = "消除日",
        [nameof(ResidentRecordDto.Remarks)] = "備考",
    };

    /// <summary>The value of an item in a row, for the before/after table.</summary>
    public static string? ItemValue(ResidentRecordDto? row, string item) =>
        row is null ? null
        : ItemRights.TryGetValue(item, out var right) && row.HiddenItems.Contains(right.Japanese()) ? "（表示権限なし）"
        : typeof(ResidentRecordDto).GetProperty(item)?.GetValue(row) is { } v ? v is bool b ? (b ? "有" : "無") : v.ToString() : null;

    /// <summary>Items shown only with their right (j1390).</summary>
    private static readonly Dictionary<string, VisibleItem> ItemRights = new()
    {
        [nameof(ResidentRecordDto.Domicile)] = VisibleItem.FamilyRegister,
        [nameof(ResidentRecordDto.HeadOfFamilyRegister)] = VisibleItem.FamilyRegister,
        [nameof(ResidentRecordDto.ResidentCode)] = VisibleItem.ResidentCode,
        [nameof(ResidentRecordDto.IndividualNumber)] = VisibleItem.IndividualNumber,
        [nameof(ResidentRecordDto.Article3045Category)] = VisibleItem.ResidenceStatus,
        [nameof(ResidentRecordDto.StatusOfResidence)] = VisibleItem.ResidenceStatus,
        [nameof(ResidentRecordDto.PeriodOfStay)] = VisibleItem.ResidenceStatus,
        [nameof(ResidentRecordDto.PeriodOfStayExpiresOn)] = VisibleItem.ResidenceStatus,
        [nameof(ResidentRecordDto.ResidenceCardNumber)] = VisibleItem.ResidenceStatus,
    };

    public static IReadOnlyList<ChangeReason> ReasonsFor(ChangeKind kind) => kind switch
    {
        ChangeKind.Correction => [ChangeReason.ExOfficioCorrection, ChangeReason.MinorCorrection, ChangeReason.ClericalErrorCorrection, ChangeReason.FormerSurnameEntry, ChangeReason.FormerSurnameChange, ChangeReason.FormerSurnameDeletion, ChangeReason.AliasEntry, ChangeReason.AliasDeletion],
        ChangeKind.ResidentCodeChange => [ChangeReason.ResidentCodeChangeRequest, ChangeReason.ResidentCodeExOfficioEntry],
        ChangeKind.IndividualNumberChange => [ChangeReason.IndividualNumberChangeRequest, ChangeReason.IndividualNumberExOfficioCorrection, ChangeReason.IndividualNumberExOfficioEntry],
        _ => [],
    };
}
