using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Residents;

/// <summary>
/// メモ (j150): free notes on a person, with the writer and the time of every version. An edit or a
/// deletion appends a version; nothing is overwritten. Memos never appear on certificates.
/// </summary>
public sealed class ResidentMemos(RegistryDatabase database, AuditTrail audit)
{
    public const int MaxLength = 1000;

    public Task<ResidentMemoRow> AddAsync(Operator op, AtenaNumber atena, string? text, CancellationToken cancellationToken = default) =>
        WriteAsync(op, atena, memoId: null, Validate(text), deleted: false, cancellationToken);

    public Task<ResidentMemoRow> EditAsync(Operator op, AtenaNumber atena, long memoId, string? text, CancellationToken cancellationToken = default) =>
        WriteAsync(op, atena, memoId, Validate(text), deleted: false, cancellationToken);

    public Task<ResidentMemoRow> DeleteAsync(Operator op, AtenaNumber atena, long memoId, CancellationToken cancellationToken = default) =>
        WriteAsync(op, atena, memoId, text: null, deleted: true, cancellationToken);

    private static string Validate(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new FieldValidationException("text", "メモ", new("required", "メモを入力してください。"));
        }
        if (trimmed.Length > MaxLength)
        {
            throw new FieldValidationException("text", "メモ", new("length", $"メモは{MaxLength}文字以内です（{trimmed.Length}文字）。"));
        }
        if (ContainsIndividualNumber(trimmed))
        {
            // The 個人番号 is kept encrypted and shown only to those granted it (j1390); a memo is neither.
            throw new FieldValidationException("text", "メモ", new("individual-number", "メモに個人番号を書かないでください（暗号化されず、表示権限のない職員にも見えます）。"));
        }
        return trimmed;
    }

    /// <summary>Whether twelve digits in a row (full- or half-width, spaces and hyphens between them allowed) form a valid 個人番号.</summary>
    internal static bool ContainsIndividualNumber(string text)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var c in text.Append('\n'))
        {
            if (c is >= '0' and <= '9' or >= '０' and <= '９')
            {
                digits.Append(c >= '０' ? (char)(c - '０' + '0') : c);
            }
            else if (c is not (' ' or '　' or '-' or '‐' or '－') || digits.Length == 0)
            {
                for (var i = 0; i + 12 <= digits.Length; i++)
                {
                    if (Domain.Identifiers.IndividualNumber.TryParse(digits.ToString(i, 12), out _, out _))
                    {
                        return true;
                    }
                }
                digits.Clear();
            }
        }
        return false;
    }

    private async Task<ResidentMemoRow> WriteAsync(Operator op, AtenaNumber atena, long? memoId, string? text, bool deleted, CancellationToken cancellationToken)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, "メモ入力", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Residents.AnyAsync(r => r.AtenaNumber == atena, cancellationToken))
        {
            throw new FieldValidationException("atenaNumber", "宛名番号", new("unknown", $"宛名番号{atena}の住民は登録されていません。"));
        }
        var versions = db.ResidentMemos.Where(m => m.AtenaNumber == atena.Value);
        int version;
        long id;
        if (memoId is { } existing)
        {
            var latest = await versions.Where(m => m.MemoId == existing).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken)
                ?? throw new FieldValidationException("memoId", "メモ", new("unknown", "指定のメモはありません。"));
            if (latest.Deleted)
            {
                throw new FieldValidationException("memoId", "メモ", new("deleted", "このメモは削除済みです。"));
            }
            id = existing;
            version = latest.Version + 1;
            text ??= latest.Text;
        }
        else
        {
            id = (await versions.MaxAsync(m => (long?)m.MemoId, cancellationToken) ?? 0) + 1;
            version = 1;
        }
        var row = new ResidentMemoRow
        {
            AtenaNumber = atena.Value,
            MemoId = id,
            Version = version,
            Text = text,
            Deleted = deleted,
            WrittenBy = op.UserId,
            WrittenAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
        };
        db.ResidentMemos.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var action = deleted ? "削除" : version == 1 ? "記載" : "修正";
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Memo, "住民票照会", atena.Value, detail: $"メモ{id}を{action}（版{version}）")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row;
    }
}
