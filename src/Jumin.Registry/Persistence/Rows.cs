using Jumin.Domain.Identifiers;

namespace Jumin.Registry.Persistence;

/// <summary>
/// The current-state index of one person (住民): which history row is the latest, and the few items
/// that search filters and sorts on. Derived from <c>resident_history</c> in the same transaction as
/// every append, and rebuildable from it; the history rows stay the record (j200).
/// </summary>
public sealed class ResidentIndexEntry
{
    public required AtenaNumber AtenaNumber { get; set; }

    public int LatestHistoryNumber { get; set; }

    public required HouseholdNumber HouseholdNumber { get; set; }

    public int MemberOrder { get; set; }

    public int Status { get; set; }

    public int Kind { get; set; }

    public int Sex { get; set; }

    /// <summary>生年月日 as yyyymmdd with 00 for unknown parts.</summary>
    public int BirthKey { get; set; }

    /// <summary>氏名フリガナ (normalised) for 五十音 ordering of results.</summary>
    public required string NameKanaKey { get; set; }
}

/// <summary>What a <see cref="SearchTerm"/> key is.</summary>
public enum SearchTermKind
{
    /// <summary>氏名・旧氏・通称のフリガナ, whole and per part (氏, 名), normalised by j330.</summary>
    NameKana = 1,

    /// <summary>氏名・旧氏・通称 in kanji (異体字 folded), and アルファベット氏名.</summary>
    NameText = 2,

    /// <summary>住所 with 番地 and 方書.</summary>
    Address = 3,

    /// <summary>住民票コード.</summary>
    ResidentCode = 4,

    /// <summary>個人番号, as its keyed hash only.</summary>
    IndividualNumberHash = 5,

    /// <summary>在留カード等番号.</summary>
    ResidenceCardNumber = 6,
}

/// <summary>
/// One searchable key of one person, from any row of their history: searching names and
/// addresses includes past ones (j340: 過去履歴を含めて横断的に検索).
/// </summary>
public sealed class SearchTerm
{
    public long Id { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    public SearchTermKind Kind { get; set; }

    public required string Key { get; set; }
}

/// <summary>An <see cref="Domain.Audit.AuditEntry"/> as stored: append-only (the database refuses UPDATE and DELETE).</summary>
public sealed class AuditLogRow
{
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public required string OperatorId { get; set; }

    /// <summary>所属 of the operator when it happened.</summary>
    public string? OperatorDepartment { get; set; }

    public required string Terminal { get; set; }

    public required string Function { get; set; }

    public required string Screen { get; set; }

    public string? TargetAtenaNumber { get; set; }

    public bool IndividualNumberAccessed { get; set; }

    public int Outcome { get; set; }

    public string? Detail { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>The end of the audit chain. Updating it first in every appending transaction serialises appenders.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }

    public long LastSequence { get; set; }

    public required byte[] LastHash { get; set; }
}

/// <summary>The next serial of a numbering (宛名番号, 世帯番号).</summary>
public sealed class NumberSequence
{
    public required string Name { get; set; }

    public long NextValue { get; set; }
}

/// <summary>検索履歴 (j320): the last searches of each user, to run again.</summary>
public sealed class SearchHistoryRow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The criteria as the query string of the search screen.</summary>
    public required string Query { get; set; }

    /// <summary>A readable summary, e.g. 「カナ氏名=ヤマダ 生年月日=昭和50年」.</summary>
    public required string Summary { get; set; }
}

/// <summary>
/// メモ (j150): a free note on a person, never printed on a certificate. Each edit or deletion is a
/// new version, so who wrote what and when stays visible.
/// </summary>
public sealed class ResidentMemoRow
{
    public long Id { get; set; }

    public required string AtenaNumber { get; set; }

    /// <summary>Groups the versions of one memo.</summary>
    public long MemoId { get; set; }

    public int Version { get; set; }

    public string? Text { get; set; }

    public bool Deleted { get; set; }

    public required string WrittenBy { get; set; }

    public DateTime WrittenAt { get; set; }
}
