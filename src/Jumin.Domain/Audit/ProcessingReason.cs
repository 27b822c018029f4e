namespace Jumin.Domain.Audit;

/// <summary>処理事由 (seeds M-10): why a user looks people up, chosen before any search or 住民票照会.</summary>
public enum ProcessingReasonKind
{
    /// <summary>窓口での届出・請求の受付.</summary>
    Counter = 1,

    /// <summary>電話・文書による照会への回答.</summary>
    Inquiry,

    /// <summary>庁内他課からの依頼.</summary>
    InternalRequest,

    /// <summary>実態調査・職権調査.</summary>
    Investigation,

    /// <summary>記載内容の確認・点検.</summary>
    Review,

    /// <summary>その他（理由を記入）.</summary>
    Other,
}

/// <summary>
/// A 処理事由 as recorded in every audit entry of the look-ups made under it. "その他" needs the reason in
/// words; the words are kept short because they land in the audit log, which is kept for 150 years.
/// </summary>
public sealed record ProcessingReason
{
    public const int MaxNoteLength = 60;

    private ProcessingReason(ProcessingReasonKind kind, string? note) => (Kind, Note) = (kind, note);

    public ProcessingReasonKind Kind { get; }

    public string? Note { get; }

    public static string Japanese(ProcessingReasonKind kind) => kind switch
    {
        ProcessingReasonKind.Counter => "窓口での届出・請求",
        ProcessingReasonKind.Inquiry => "電話・文書照会への回答",
        ProcessingReasonKind.InternalRequest => "庁内他課からの依頼",
        ProcessingReasonKind.Investigation => "実態調査・職権調査",
        ProcessingReasonKind.Review => "記載内容の確認・点検",
        ProcessingReasonKind.Other => "その他",
        _ => kind.ToString(),
    };

    /// <summary>As printed in the audit entry, e.g. 「庁内他課からの依頼」 or 「その他（議会からの統計依頼の確認）」.</summary>
    public string Text => Note is null ? Japanese(Kind) : $"{Japanese(Kind)}（{Note}）";

    public static ProcessingReason Create(ProcessingReasonKind kind, string? note = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new FieldValidationException("reason", "処理事由", new("unknown", "処理事由を一覧から選んでください。"));
        }
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (kind == ProcessingReasonKind.Other && trimmed is null)
        {
            throw new FieldValidationException("reasonNote", "処理事由（その他）", new("required", "「その他」のときは処理事由を具体的に入力してください。"));
        }
        if (trimmed is { Length: > MaxNoteLength })
        {
            throw new FieldValidationException("reasonNote", "処理事由（その他）", new("length", $"処理事由は{MaxNoteLength}文字までです。"));
        }
        if (trimmed is not null && trimmed.Count(char.IsAsciiDigit) + trimmed.Count(c => c is >= '０' and <= '９') >= 10)
        {
            // The log is kept for 150 years and read by auditors: no 個人番号, 住民票コード or 宛名番号 in free text.
            throw new FieldValidationException("reasonNote", "処理事由（その他）", new("digits", "処理事由に番号（個人番号・住民票コード等）を書かないでください。"));
        }
        return new(kind, kind == ProcessingReasonKind.Other ? trimmed : null);
    }

    /// <summary>Reads a reason back from its stored form (<c>Counter</c>, <c>Other:…</c>); null when absent or unreadable.</summary>
    public static ProcessingReason? FromStored(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }
        var parts = stored.Split(':', 2);
        return Enum.TryParse<ProcessingReasonKind>(parts[0], out var kind) && Enum.IsDefined(kind) && !int.TryParse(parts[0], out _)
            ? new(kind, parts.Length > 1 ? parts[1] : null)
            : null;
    }

    public string Stored => Note is null ? Kind.ToString() : $"{Kind}:{Note}";
}
