namespace Jumin.Registry.Persistence;

/// <summary>データ抽出の申請・承認・出力 (seed 001 M-17): one bulk export from request to the file written.</summary>
public sealed class BulkExportRow
{
    public long Id { get; set; }

    public required string RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public required string Purpose { get; set; }

    /// <summary>出力先の媒体.</summary>
    public required string Medium { get; set; }

    /// <summary>Residents whose address starts with this (empty: the whole municipality).</summary>
    public required string AddressPrefix { get; set; }

    /// <summary>Comma-separated <c>ExportItem</c> names.</summary>
    public required string Items { get; set; }

    public int Status { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    public DateTime? ExecutedAt { get; set; }

    public int? RowCount { get; set; }

    public int? ExcludedCount { get; set; }

    public string? FileSha256 { get; set; }
}
