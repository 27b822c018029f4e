using System.Net;
using ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders;
using IPNetwork = System.Net.IPNetwork;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// The reverse proxies in front of the counter UI (<c>Jumin:Proxies</c>: addresses or ranges, comma-separated). Only a
/// request whose peer is one of them has its client taken from <c>X-Forwarded-For</c> (and its scheme from
/// <c>X-Forwarded-Proto</c>); anyone else's header is ignored, so a terminal cannot claim another's address. Once a proxy
/// is configured, neither the proxy itself nor loopback is a counter terminal: a request that reaches the host without
/// the proxy's header (or from the server's own console) finds no terminal and is refused.
/// </summary>
public sealed class ReverseProxies
{
    private ReverseProxies(IReadOnlyList<IPNetwork> ranges) => Ranges = ranges;

    public IReadOnlyList<IPNetwork> Ranges { get; }

    public bool Configured => Ranges.Count > 0;

    public static ReverseProxies Read(IConfiguration configuration)
    {
        var ranges = new List<IPNetwork>();
        foreach (var entry in (configuration["Jumin:Proxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Registry.Accounts.TerminalRegistry.TryParseRange(entry, out var range))
            {
                ranges.Add(range);
            }
            else
            {
                throw new InvalidOperationException($"Jumin:Proxies: 「{entry}」はアドレス（例: 10.0.0.5）でも範囲（例: 10.0.0.0/24）でもありません。");
            }
        }
        return new ReverseProxies(ranges);
    }

    /// <summary>Accepts the forwarded headers from the configured proxies only, one hop.</summary>
    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var range in Ranges)
        {
            options.KnownIPNetworks.Add(range);
        }
    }

    /// <summary>Whether <paramref name="address"/> may be a counter terminal: with a proxy configured, not the proxy and not loopback.</summary>
    public bool MayBeTerminal(IPAddress address) =>
        !Configured || (!IPAddress.IsLoopback(address) && !Ranges.Any(r => r.Contains(address)));
}
