using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.JukiNet.Protocol;

namespace Jumin.JukiNet.Pki;

/// <summary>
/// One node as the network knows it: its role, its name in Japanese, its 地方公共団体コード (municipality or prefecture),
/// the node above it (a CS's prefecture, a registry's CS), where it listens, and the certificate the project CA issued
/// to it. For an agency, the 住基法 ground on which it may receive 本人確認情報.
/// </summary>
public sealed record DirectoryEntry
{
    public required NodeId Id { get; init; }

    public required NodeRole Role { get; init; }

    public required string Name { get; init; }

    /// <summary>地方公共団体コード (6 digits) of a registry or CS, or the 2-digit prefecture code; null for national and agencies.</summary>
    public string? Code { get; init; }

    /// <summary>The node this one reports to: a registry's CS, a CS's prefecture, a prefecture's national node.</summary>
    public NodeId? Parent { get; init; }

    /// <summary>The HTTPS address it listens on; null when it runs in the same process.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// For a municipality's registry or CS: its place name as an address begins with it (都道府県名 + 市区町村名, e.g.
    /// 東京都あおば区), so that a 転出先 can be told apart from another municipality's; null when not recorded.
    /// </summary>
    public string? PlaceName { get; init; }

    /// <summary>For an agency: the legal ground it is registered under (e.g. 住基法30条の9 別表第一 …).</summary>
    public string? LegalGround { get; init; }

    public required X509Certificate2 Certificate { get; init; }
}

/// <summary>
/// Every node of one network and its certificate: who may send what to whom. A certificate that is not here is
/// unknown, whoever issued it. Stored as <c>directory.json</c> next to the project CA.
/// </summary>
public sealed class NodeDirectory
{
    // Replaced whole, never changed in place: nodes read it from their senders while a node is relocated.
    private volatile Dictionary<NodeId, DirectoryEntry> entries = [];
    private readonly Lock relocating = new();

    public NodeDirectory(IEnumerable<DirectoryEntry> entries)
    {
        foreach (var entry in entries)
        {
            this.entries[entry.Id] = entry;
        }
    }

    /// <summary>
    /// Records that a node listens somewhere else from now on. Used when a node of a network started on one machine
    /// could not bind the port first chosen for it (another process took it in between).
    /// </summary>
    public void Relocate(NodeId id, Uri endpoint)
    {
        lock (relocating)
        {
            var moved = new Dictionary<NodeId, DirectoryEntry>(entries) { [id] = Get(id) with { Endpoint = endpoint } };
            entries = moved;
        }
    }

    public IReadOnlyCollection<DirectoryEntry> Entries => entries.Values;

    public DirectoryEntry? Find(NodeId id) => entries.GetValueOrDefault(id);

    public DirectoryEntry? Find(string id) => NodeId.TryParse(id, out var parsed, out _) ? Find(parsed.Value) : null;

    public DirectoryEntry Get(NodeId id) => Find(id) ?? throw new InvalidOperationException($"ノード {id} はノード一覧にありません。");

    public IEnumerable<DirectoryEntry> Children(NodeId parent) => entries.Values.Where(e => e.Parent == parent);

    /// <summary>The CS of a municipality (by 地方公共団体コード).</summary>
    public DirectoryEntry? CsOf(string municipalityCode) => entries.Values.FirstOrDefault(e => e.Role == NodeRole.Cs && e.Code == municipalityCode);

    public DirectoryEntry National => entries.Values.Single(e => e.Role == NodeRole.National);

    public NodeDirectory With(DirectoryEntry entry) => new(entries.Values.Where(e => e.Id != entry.Id).Append(entry));

    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var stored = entries.Values.OrderBy(e => e.Role).ThenBy(e => e.Id.Value, StringComparer.Ordinal).Select(e => new StoredEntry(
            e.Id.Value, e.Role.ToString(), e.Name, e.Code, e.Parent?.Value, e.Endpoint?.ToString(), e.LegalGround, e.Certificate.ExportCertificatePem(), e.PlaceName));
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(stored, Options), cancellationToken);
    }

    public static async Task<NodeDirectory> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var stored = JsonSerializer.Deserialize<List<StoredEntry>>(await File.ReadAllTextAsync(path, cancellationToken), Options) ?? [];
        return new NodeDirectory(stored.Select(s => new DirectoryEntry
        {
            Id = NodeId.Parse(s.Id),
            Role = Enum.Parse<NodeRole>(s.Role),
            Name = s.Name,
            Code = s.Code,
            Parent = s.Parent is null ? null : NodeId.Parse(s.Parent),
            Endpoint = s.Endpoint is null ? null : new Uri(s.Endpoint),
            LegalGround = s.LegalGround,
            PlaceName = s.PlaceName,
            Certificate = X509Certificate2.CreateFromPem(s.Certificate),
        }));
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record StoredEntry(string Id, string Role, string Name, string? Code, string? Parent, string? Endpoint, string? LegalGround, string Certificate, string? PlaceName = null);
}
