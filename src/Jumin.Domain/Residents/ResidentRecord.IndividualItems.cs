using Jumin.Domain.Identifiers;
using NodaTime;

namespace Jumin.Domain.Residents;

/// <summary>住民票 — the 個別事項 of j10 (選挙, 国保, 後期高齢, 介護, 年金, 児童手当), carried in every row like the rest.</summary>
public sealed partial record ResidentRecord
{
    // ── 個別事項 (j10) ───────────────────────────────────────────────────────

    /// <summary>選挙人名簿への登録の有無.</summary>
    public bool OnElectoralRegister { get; init; }

    /// <summary>国民健康保険の被保険者.</summary>
    public bool NationalHealthInsurance { get; init; }

    public LocalDate? NationalHealthInsuranceFrom { get; init; }

    public LocalDate? NationalHealthInsuranceUntil { get; init; }

    /// <summary>後期高齢者医療の被保険者.</summary>
    public bool LateStageElderlyInsurance { get; init; }

    public LocalDate? LateStageElderlyInsuranceFrom { get; init; }

    public LocalDate? LateStageElderlyInsuranceUntil { get; init; }

    /// <summary>介護保険の被保険者.</summary>
    public bool LongTermCareInsurance { get; init; }

    public LocalDate? LongTermCareInsuranceFrom { get; init; }

    public LocalDate? LongTermCareInsuranceUntil { get; init; }

    /// <summary>国民年金の被保険者.</summary>
    public bool NationalPension { get; init; }

    /// <summary>基礎年金番号.</summary>
    public BasicPensionNumber? BasicPensionNumber { get; init; }

    /// <summary>国民年金の種別.</summary>
    public PensionCategory? PensionCategory { get; init; }

    /// <summary>種別の変更があった年月日.</summary>
    public LocalDate? PensionCategoryChangedOn { get; init; }

    public LocalDate? NationalPensionFrom { get; init; }

    public LocalDate? NationalPensionUntil { get; init; }

    /// <summary>児童手当の受給開始年月.</summary>
    public YearMonth? ChildAllowanceFrom { get; init; }

    /// <summary>児童手当の受給終了年月.</summary>
    public YearMonth? ChildAllowanceUntil { get; init; }
}
