using System.Globalization;
using System.Text.Json;
using Jumin.Domain.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Jumin.Registry.Audit;

/// <summary>
/// Checkpoints of the audit log's head, appended to a file outside the database (j1370; ADR 0005): one JSON line per
/// checkpoint, signed with the chain's key. <c>jumin audit verify</c> checks the log against the latest, so entries cut
/// off the end with the head moved back are found — all but those written after the latest checkpoint, which is why
/// the hosts write one every minute and when they stop. Keep the file where the database's administrators cannot
/// rewrite it (another volume or host, append-only: <c>chattr +a</c>).
/// </summary>
public sealed class AuditCheckpointFile(string path, AuditTrail audit) : IDisposable
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private long? lastWritten;

    public string Path { get; } = path;

    /// <summary>Appends a checkpoint of the current head, unless the head has not moved since the last one. Returns it (or null).</summary>
    public async Task<AuditCheckpoint?> WriteAsync(RegistryDatabase database, CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            AuditChainHead head;
            await using (var db = database.Open())
            {
                head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
            }
            lastWritten ??= Read().Checkpoints.Select(c => (long?)c.Sequence).Max() ?? 0;
            if (head.LastSequence <= lastWritten)
            {
                return null;
            }
            var checkpoint = audit.Chain.Checkpoint(head.LastSequence, head.LastHash, audit.Clock.GetCurrentInstant());
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            await using (var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
            await using (var writer = new StreamWriter(file))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new Line(
                    checkpoint.Sequence,
                    Convert.ToHexString(checkpoint.Hash),
                    InstantPattern.ExtendedIso.Format(checkpoint.At),
                    Convert.ToHexString(checkpoint.Signature))));
            }
            lastWritten = checkpoint.Sequence;
            return checkpoint;
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Every checkpoint in the file; an unreadable line is reported, not skipped.</summary>
    public (IReadOnlyList<AuditCheckpoint> Checkpoints, string? Problem) Read()
    {
        if (!File.Exists(Path))
        {
            return ([], null);
        }
        var checkpoints = new List<AuditCheckpoint>();
        var number = 0;
        foreach (var text in File.ReadLines(Path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                var line = JsonSerializer.Deserialize<Line>(text) ?? throw new JsonException();
                checkpoints.Add(new(line.Sequence, Convert.FromHexString(line.Hash), InstantPattern.ExtendedIso.Parse(line.At).GetValueOrThrow(), Convert.FromHexString(line.Signature)));
            }
            catch (Exception e) when (e is JsonException or FormatException or UnparsableValueException)
            {
                return (checkpoints, $"チェックポイントファイル {Path} の{number.ToString(CultureInfo.InvariantCulture)}行目を読めません（書き換えられています）。");
            }
        }
        return (checkpoints, null);
    }

    /// <summary>Verifies the whole chain and then checks it against the checkpoints (jumin audit verify).</summary>
    public async Task<AuditVerification> VerifyAsync(RegistryDatabase database, CancellationToken cancellationToken = default)
    {
        var chain = await audit.VerifyAsync(database, cancellationToken);
        var (checkpoints, problem) = Read();
        if (problem is not null)
        {
            return chain with { IsIntact = false, Problem = problem };
        }
        if (!chain.IsIntact || checkpoints.Count == 0)
        {
            return chain;
        }
        var latest = checkpoints.Max(c => c.Sequence);
        byte[]? stored;
        await using (var db = database.Open())
        {
            stored = await db.AuditLog.AsNoTracking().Where(a => a.Sequence == latest).Select(a => a.Hash).SingleOrDefaultAsync(cancellationToken);
        }
        return audit.Chain.Anchor(chain, checkpoints, sequence => sequence == latest ? stored : null);
    }

    public void Dispose() => writing.Dispose();

    private sealed record Line(long Sequence, string Hash, string At, string Signature);
}
