using System.Security.Cryptography;
using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Domain.Dates;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Exports;

/// <summary>An item a bulk export may hold; the protected ones only for users who may see them (j1390).</summary>
public enum ExportItem
{
    /// <summary>宛名番号・世帯番号・氏名・フリガナ・生年月日・性別・続柄・郵便番号・住所 (always).</summary>
    Basic = 1,

    /// <summary>本籍・筆頭者.</summary>
    FamilyRegister,

    /// <summary>住民票コード.</summary>
    ResidentCode,

    /// <summary>在留資格.</summary>
    ResidenceStatus,
}

public enum BulkExportStatus
{
    /// <summary>申請中.</summary>
    Requested = 1,

    /// <summary>承認済み（未出力）.</summary>
    Approved,

    /// <summary>却下.</summary>
    Rejected,

    /// <summary>出力済み.</summary>
    Executed,
}

/// <summary>What a user asks to extract, and why (データ抽出の申請).</summary>
public sealed record BulkExportRequest(string Purpose, string Medium, string AddressPrefix, IReadOnlyCollection<ExportItem> Items);

public sealed record BulkExport(
    long Id, string RequestedBy, Instant RequestedAt, string Purpose, string Medium, string AddressPrefix, IReadOnlyList<ExportItem> Items,
    BulkExportStatus Status, string? DecidedBy, Instant? DecidedAt, string? DecisionNote, Instant? ExecutedAt, int? RowCount, int? ExcludedCount, string? FileSha256);

/// <summary>The file of an executed export, with what it held: <see cref="Content"/> reads the CSV from the start (a temporary file, deleted when it is disposed).</summary>
public sealed record BulkExportFile(string FileName, Stream Content, int Rows, int Excluded) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// 大量出力・媒体出力 (seed 001 M-17, R1-19, R1-20, R1-46, R1-49): a user with the EUC right asks to extract residents
/// (purpose, medium, which addresses, which items); the responsible manager (大量出力の承認) approves or rejects it
/// beforehand; the requester then writes the file once, on the day of the approval. The 個人番号 is never in an export,
/// people under a 支援措置 are left out, and each step — with the number of records written and the file's SHA-256 —
/// is in the audit log.
/// </summary>
public sealed class BulkExportService(RegistryDatabase database, AuditTrail audit, JapaneseEraTable eras)
{
    public const string Function = "データ抽出";

    public async Task<long> RequestAsync(Operator op, BulkExportRequest request, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Euc, "データ抽出の申請", cancellationToken);
        var errors = new List<FieldValidationException>();
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Trim().Length > 200)
        {
            errors.Add(new("purpose", "利用目的", new("required", "抽出の利用目的を200文字までで入力してください。")));
        }
        if (string.IsNullOrWhiteSpace(request.Medium) || request.Medium.Trim().Length > 100)
        {
            errors.Add(new("medium", "出力先", new("required", "出力先の媒体（例: 庁内ファイルサーバ、暗号化USBメモリ）を入力してください。")));
        }
        if (request.AddressPrefix.Trim().Length > 100)
        {
            errors.Add(new("addressPrefix", "住所", new("length", "住所の条件は100文字までです。")));
        }
        foreach (var item in request.Items.Where(i => Visibility(i) is { } visible && !op.Sees(visible)))
        {
            errors.Add(new("items", "出力項目", new("not-visible", $"{Japanese(item)}は表示権限がないため出力できません。")));
        }
        if (errors.Count > 0)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, Function, "データ抽出の申請", outcome: AuditOutcome.Refused, detail: string.Join(" ", errors.Select(e => e.Message)))], cancellationToken);
            throw errors[0];
        }
        var row = new BulkExportRow
        {
            RequestedBy = op.UserId,
            RequestedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
            Purpose = request.Purpose.Trim(),
            Medium = request.Medium.Trim(),
            AddressPrefix = request.AddressPrefix.Trim(),
            Items = string.Join(',', request.Items.Append(ExportItem.Basic).Distinct().Order()),
            Status = (int)BulkExportStatus.Requested,
        };
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.BulkExports.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, Function, "データ抽出の申請", detail: $"申請{row.Id} 目的: {row.Purpose}; 出力先: {row.Medium}; 住所: {(row.AddressPrefix.Length == 0 ? "全域" : row.AddressPrefix)}; 項目: {ItemsText(row.Items)}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>The requests a user may see: their own with the EUC right, all with the approval right.</summary>
    public async Task<IReadOnlyList<BulkExport>> ListAsync(Operator op, CancellationToken cancellationToken = default)
    {
        if (!op.May(Permission.BulkExportApproval))
        {
            await audit.RequireAsync(database, op, Permission.Euc, "データ抽出の一覧", cancellationToken);
        }
        await using var db = database.Open();
        var rows = await db.BulkExports.AsNoTracking().Where(e => op.May(Permission.BulkExportApproval) || e.RequestedBy == op.UserId)
            .OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return [.. rows.Select(ToExport)];
    }

    /// <summary>事前承認 or 却下 by the responsible manager, never of their own request.</summary>
    public async Task DecideAsync(Operator op, long id, bool approve, string? note, CancellationToken cancellationToken = default)
    {
        var screen = approve ? "データ抽出の承認" : "データ抽出の却下";
        await audit.RequireAsync(database, op, Permission.BulkExportApproval, screen, cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.BulkExports.AsTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new FieldValidationException("id", "申請", new("not-found", "該当するデータ抽出の申請がありません。"));
        if (row.RequestedBy == op.UserId)
        {
            throw new FieldValidationException("id", "申請", new("own-request", "自分の申請は承認・却下できません。管理責任者に依頼してください。"));
        }
        if (row.Status != (int)BulkExportStatus.Requested)
        {
            throw new FieldValidationException("id", "申請", new("decided", "この申請は既に承認・却下されています。"));
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            throw new FieldValidationException("note", "却下の理由", new("required", "却下の理由を入力してください。"));
        }
        row.Status = (int)(approve ? BulkExportStatus.Approved : BulkExportStatus.Rejected);
        row.DecidedBy = op.UserId;
        row.DecidedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        row.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, Function, screen, detail: $"申請{row.Id}（{row.RequestedBy}）を{(approve ? "承認" : "却下")}{(row.DecisionNote is null ? "" : $": {row.DecisionNote}")}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Writes the approved export once, as CSV, for its requester, on the day it was approved.</summary>
    public async Task<BulkExportFile> RunAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Euc, "データ抽出の出力", cancellationToken);
        await using var db = database.Open();
        var row = await db.BulkExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.RequestedBy == op.UserId, cancellationToken)
            ?? throw new FieldValidationException("id", "申請", new("not-found", "該当するデータ抽出の申請がありません（出力できるのは申請者本人だけです）。"));
        var today = JapanTime.Today(audit.Clock);
        var refusal = (BulkExportStatus)row.Status switch
        {
            BulkExportStatus.Requested => "管理責任者の承認を得ていないため出力できません。",
            BulkExportStatus.Rejected => "この申請は却下されています。",
            BulkExportStatus.Executed => "この申請は既に出力済みです（出力は一度だけです）。",
            _ when Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.DecidedAt!.Value, DateTimeKind.Utc)).InZone(JapanTime.Zone).Date != today => "承認の当日を過ぎたため出力できません。改めて申請してください。",
            _ => null,
        };
        var items = ParseItems(row.Items);
        refusal ??= items.FirstOrDefault(i => Visibility(i) is { } visible && !op.Sees(visible)) is var hidden && hidden != 0 ? $"{Japanese(hidden)}の表示権限がなくなったため出力できません。" : null;
        if (refusal is not null)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, Function, "データ抽出の出力", outcome: AuditOutcome.Refused, detail: $"申請{row.Id}: {refusal}")], cancellationToken);
            throw new FieldValidationException("id", "申請", new("not-approved", refusal));
        }

        var protectedPeople = (await db.SupportMeasures.AsNoTracking().Where(m => m.EndedOn == null).Select(m => m.AtenaNumber).ToListAsync(cancellationToken)).ToHashSet();
        var current = db.LatestRows(db.Residents.Where(r => r.Status == (int)ResidentStatus.Resident));
        if (row.AddressPrefix.Length > 0)
        {
            current = current.Where(h => h.Address.StartsWith(row.AddressPrefix));
        }
        // Written row by row to a temporary file (a whole city does not fit in memory twice), hashed from it, and
        // handed out from it; the file is readable by this service only and deleted when the download ends.
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var content = new FileStream(Path.Combine(Path.GetTempPath(), $"jumin-export-{Guid.NewGuid():N}.csv"), fileOptions);
        var rows = 0;
        var excluded = 0;
        string hash;
        try
        {
            await using (var csv = CsvText.Create(content))
            {
                await csv.WriteRecordAsync([.. Header(items)], cancellationToken);
                await foreach (var person in current.AsNoTracking().OrderBy(h => h.HouseholdNumber).ThenBy(h => h.MemberOrder).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    if (protectedPeople.Contains(person.AtenaNumber.Value))
                    {
                        excluded++;
                        continue;
                    }
                    await csv.WriteRecordAsync([.. Fields(person, items)], cancellationToken);
                    rows++;
                }
            }
            content.Position = 0;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            content.Position = 0;
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        // Only one run marks it executed, even if the button is pressed twice.
        if (await db.BulkExports.Where(e => e.Id == id && e.Status == (int)BulkExportStatus.Approved)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, (int)BulkExportStatus.Executed).SetProperty(e => e.ExecutedAt, now)
                .SetProperty(e => e.RowCount, rows).SetProperty(e => e.ExcludedCount, excluded).SetProperty(e => e.FileSha256, hash), cancellationToken) == 0)
        {
            await content.DisposeAsync();
            throw new FieldValidationException("id", "申請", new("not-approved", "この申請は既に出力済みです（出力は一度だけです）。"));
        }
        await audit.AppendAsync(db, [audit.Event(op, Function, "データ抽出の出力", detail: $"申請{row.Id} {rows}件を出力（支援措置の対象 {excluded}件を除外） 出力先: {row.Medium}; 項目: {ItemsText(row.Items)}; 承認者 {row.DecidedBy}; SHA-256 {hash}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new($"jumin-export-{row.Id}.csv", content, rows, excluded);
    }

    public static string Japanese(ExportItem item) => item switch
    {
        ExportItem.Basic => "基本項目（宛名番号・世帯番号・氏名・フリガナ・生年月日・性別・続柄・住所）",
        ExportItem.FamilyRegister => "本籍・筆頭者",
        ExportItem.ResidentCode => "住民票コード",
        ExportItem.ResidenceStatus => "在留資格",
        _ => item.ToString(),
    };

    private static VisibleItem? Visibility(ExportItem item) => item switch
    {
        ExportItem.FamilyRegister => VisibleItem.FamilyRegister,
        ExportItem.ResidentCode => VisibleItem.ResidentCode,
        ExportItem.ResidenceStatus => VisibleItem.ResidenceStatus,
        _ => null,
    };

    private static IEnumerable<string> Header(IReadOnlyList<ExportItem> items)
    {
        string[] basic = ["宛名番号", "世帯番号", "氏名", "フリガナ", "生年月日", "性別", "続柄", "郵便番号", "住所"];
        foreach (var h in basic)
        {
            yield return h;
        }
        foreach (var item in items)
        {
            switch (item)
            {
                case ExportItem.FamilyRegister:
                    yield return "本籍";
                    yield return "筆頭者";
                    break;
                case ExportItem.ResidentCode:
                    yield return "住民票コード";
                    break;
                case ExportItem.ResidenceStatus:
                    yield return "在留資格";
                    break;
            }
        }
    }

    private IEnumerable<string> Fields(ResidentRecord p, IReadOnlyList<ExportItem> items)
    {
        yield return p.AtenaNumber.Value;
        yield return p.HouseholdNumber.Value;
        yield return p.FullName;
        yield return $"{p.FamilyNameKana}　{p.GivenNameKana}".Trim();
        yield return p.BirthDate.ToWareki(eras);
        yield return p.Sex switch { Sex.Male => "男", Sex.Female => "女", _ => "" };
        yield return p.Relationship?.Text ?? "";
        yield return p.PostalCode.ToString();
        yield return $"{p.Address}{p.Banchi}{(p.Katagaki is { Length: > 0 } k ? "　" + k : "")}";
        foreach (var item in items)
        {
            switch (item)
            {
                case ExportItem.FamilyRegister:
                    yield return p.Domicile ?? "";
                    yield return p.HeadOfFamilyRegister ?? "";
                    break;
                case ExportItem.ResidentCode:
                    yield return p.ResidentCode?.ToString() ?? "";
                    break;
                case ExportItem.ResidenceStatus:
                    yield return p.StatusOfResidence ?? "";
                    break;
            }
        }
    }

    private static List<ExportItem> ParseItems(string items) =>
        [.. items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ExportItem>).Where(i => i != ExportItem.Basic)];

    private static string ItemsText(string items) => string.Join("・", items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => Japanese(Enum.Parse<ExportItem>(i))));

    private static BulkExport ToExport(BulkExportRow r)
    {
        static Instant? At(DateTime? d) => d is { } v ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
        return new(r.Id, r.RequestedBy, At(r.RequestedAt)!.Value, r.Purpose, r.Medium, r.AddressPrefix, [.. r.Items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ExportItem>)],
            (BulkExportStatus)r.Status, r.DecidedBy, At(r.DecidedAt), r.DecisionNote, At(r.ExecutedAt), r.RowCount, r.ExcludedCount, r.FileSha256);
    }
}
