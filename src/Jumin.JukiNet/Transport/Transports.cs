using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;

namespace Jumin.JukiNet.Transport;

/// <summary>How a node hands a signed message to another and gets its reply.</summary>
public interface IJukiNetTransport
{
    /// <exception cref="NodeUnreachableException">The receiver cannot be reached; the message is kept and sent again later.</exception>
    Task<Reply> SendAsync(DirectoryEntry destination, Envelope envelope, CancellationToken cancellationToken = default);
}

/// <summary>The receiver did not answer (down, refused the connection, timed out).</summary>
public sealed class NodeUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a node does with a message: the presented certificate is the TLS client certificate (null in-process).</summary>
public delegate Task<Reply> MessageReceiver(Envelope envelope, X509Certificate2? presentedCertificate, CancellationToken cancellationToken);

/// <summary>
/// Nodes in one process (the embedded default): a send is a method call on the receiver, which still checks the
/// signature, the sender and the sequence number exactly as over HTTPS. A node that is <see cref="Stop"/>ped is
/// unreachable, as a stopped server is.
/// </summary>
public sealed class InProcessNetwork : IJukiNetTransport
{
    private readonly ConcurrentDictionary<NodeId, MessageReceiver> receivers = new();

    public void Attach(NodeId node, MessageReceiver receiver) => receivers[node] = receiver;

    public void Stop(NodeId node) => receivers.TryRemove(node, out _);

    public async Task<Reply> SendAsync(DirectoryEntry destination, Envelope envelope, CancellationToken cancellationToken = default) =>
        receivers.TryGetValue(destination.Id, out var receiver)
            ? await receiver(envelope, null, cancellationToken)
            : throw new NodeUnreachableException($"{destination.Id} に接続できません（停止中）。");
}

/// <summary>
/// HTTPS with mutual TLS: the node presents its own certificate, and accepts from a server only the certificate the
/// directory names for the node it meant to reach (issued by the project CA): another node answering at that address
/// is refused, so it cannot acknowledge messages it would then drop. One connection pool per destination.
/// </summary>
public sealed class HttpsTransport(X509Certificate2 ownCertificate, X509Certificate2 authority, TimeSpan? timeout = null) : IJukiNetTransport, IDisposable
{
    public const string Path = "/jukinet/v1/messages";

    private readonly ConcurrentDictionary<NodeId, HttpClient> clients = new();

    private HttpClient ClientFor(DirectoryEntry destination) => clients.GetOrAdd(destination.Id, _ =>
    {
        var expected = destination.Certificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = new X509CertificateCollection { ownCertificate },
                LocalCertificateSelectionCallback = (_, _, _, _, _) => ownCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }
                    using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return presented.Thumbprint == expected && ProjectCertificateAuthority.IsIssuedBy(presented, authority);
                },
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    });

    public async Task<Reply> SendAsync(DirectoryEntry destination, Envelope envelope, CancellationToken cancellationToken = default)
    {
        if (destination.Endpoint is null)
        {
            throw new NodeUnreachableException($"{destination.Id} の接続先がノード一覧にありません。");
        }
        try
        {
            using var response = await ClientFor(destination).PostAsJsonAsync(new Uri(destination.Endpoint, Path), envelope, Envelope.Json, cancellationToken);
            var reply = await response.Content.ReadFromJsonAsync<Reply>(Envelope.Json, cancellationToken);
            return reply ?? throw new NodeUnreachableException($"{destination.Id} の応答が読めません（HTTP {(int)response.StatusCode}）。");
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException($"{destination.Id} に接続できません: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnreachableException($"{destination.Id} が応答しません（時間切れ）。", e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new NodeUnreachableException($"{destination.Id} の応答が読めません。", e);
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
