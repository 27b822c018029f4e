using Jumin.Registry.Access;
using System.Net;
using Jumin.Domain;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Accounts;

/// <summary>A registered terminal (入力端末, j230) as the 端末の許可リスト knows it.</summary>
public sealed record Terminal(string TerminalId, string Name, string Place, string Address, bool Active, string RegisteredBy, DateTime RegisteredAt);

/// <summary>
/// 端末の許可リスト (issue 5; seeds M-09 端末認証): a session may be opened only from a registered, active
/// terminal, recognised by its network address or range; the most specific range wins, so one address
/// can be named apart from the subnet around it.
/// </summary>
public sealed class TerminalRegistry(RegistryDatabase database, AuditTrail audit)
{
    /// <summary>The terminal a client address belongs to, or none (the login is refused).</summary>
    public async Task<Terminal?> FindAsync(IPAddress? address, CancellationToken cancellationToken = default)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var all = await ListAsync(cancellationToken);
        return all.Where(t => t.Active).Select(t => (Terminal: t, Range: TryParseRange(t.Address, out var range) ? range : (IPNetwork?)null))
            .Where(t => t.Range is { } range && range.Contains(address))
            .OrderByDescending(t => t.Range!.Value.PrefixLength).Select(t => t.Terminal).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Terminal>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var rows = await db.Terminals.AsNoTracking().OrderBy(t => t.TerminalId).ToListAsync(cancellationToken);
        return [.. rows.Select(t => new Terminal(t.TerminalId, t.Name, t.Place, t.Address, t.Active, t.RegisteredBy, t.RegisteredAt))];
    }

    /// <summary>Registers a terminal (or changes a registered one) for an address or range, e.g. <c>10.1.2.31</c> or <c>10.1.2.0/24</c>.</summary>
    public async Task RegisterAsync(Operator by, string terminalId, string name, string place, string address, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "端末登録", cancellationToken);
        var errors = new List<FieldValidationException>();
        if (string.IsNullOrWhiteSpace(terminalId) || terminalId.Length > 32)
        {
            errors.Add(new("terminalId", "端末ID", new("required", "端末IDを32文字までで入力してください。")));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new("name", "端末名", new("required", "端末名（発行番号に印字されます）を入力してください。")));
        }
        if (string.IsNullOrWhiteSpace(place))
        {
            errors.Add(new("place", "設置場所", new("required", "設置場所（入力場所）を入力してください。")));
        }
        if (!TryParseRange(address, out _))
        {
            errors.Add(new("address", "アドレス", new("format", "IPアドレス（例 10.1.2.31）または範囲（例 10.1.2.0/24）を入力してください。")));
        }
        if (errors.Count > 0)
        {
            throw errors[0];
        }
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Terminals.AsTracking().SingleOrDefaultAsync(t => t.TerminalId == terminalId, cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        if (row is null)
        {
            row = new TerminalRow { TerminalId = terminalId.Trim(), Name = "", Place = "" };
            db.Terminals.Add(row);
        }
        row.Name = name.Trim();
        row.Place = place.Trim();
        row.Address = Normalise(address);
        row.Active = true;
        row.RegisteredBy = by.UserId;
        row.RegisteredAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "端末登録", detail: $"端末{row.TerminalId}「{row.Name}」{row.Place} {row.Address} を許可")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Takes a terminal off the allow-list; its sessions end at their next request.</summary>
    public async Task RetireAsync(Operator by, string terminalId, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "端末の登録抹消", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Terminals.AsTracking().SingleOrDefaultAsync(t => t.TerminalId == terminalId, cancellationToken)
            ?? throw new FieldValidationException("terminalId", "端末ID", new("not-found", "該当する端末は登録されていません。"));
        row.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "端末の登録抹消", detail: $"端末{row.TerminalId}「{row.Name}」{row.Address} を許可リストから外す")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Whether a session's terminal is still on the allow-list (checked on every request).</summary>
    public async Task<bool> IsActiveAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.Terminals.AnyAsync(t => t.TerminalId == terminalId && t.Active, cancellationToken);
    }

    /// <summary>
    /// A new register allows the server itself (loopback), so that an administrator can log in there and register
    /// the counter terminals; the demo's counter terminal is that one.
    /// </summary>
    internal static async Task EnsureLocalTerminalAsync(RegistryDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Terminals.AnyAsync(t => t.Address != "", cancellationToken))
        {
            return;
        }
        db.Terminals.Add(new TerminalRow { TerminalId = "LOCAL-V4", Name = "窓口端末1", Place = "本庁 市民課", Address = "127.0.0.0/8", RegisteredBy = "init", RegisteredAt = now });
        db.Terminals.Add(new TerminalRow { TerminalId = "LOCAL-V6", Name = "窓口端末1", Place = "本庁 市民課", Address = "::1/128", RegisteredBy = "init", RegisteredAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An address (as a /32 or /128) or a range that names its first address; the reverse proxies are named so too.</summary>
    public static bool TryParseRange(string text, out IPNetwork range)
    {
        var value = text.Trim();
        if (IPAddress.TryParse(value, out var single) && !value.Contains('/', StringComparison.Ordinal))
        {
            range = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        // A range names its first address: 10.1.2.5/24 is a typing error, not 10.1.2.0/24.
        return IPNetwork.TryParse(value, out range) && IPAddress.TryParse(value.Split('/')[0], out var start) && start.Equals(range.BaseAddress);
    }

    private static string Normalise(string text) => TryParseRange(text, out var range) ? range.ToString() : text.Trim();
}
