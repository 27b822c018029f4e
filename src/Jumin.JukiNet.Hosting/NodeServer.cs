using System.Net;
using System.Text.Json;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Jumin.JukiNet.Hosting;

/// <summary>
/// A node behind HTTPS with mutual TLS: the TLS handshake requires a client certificate, and each message is then
/// checked against the node directory (certificate, signature, sender, sequence) so that every refusal is logged by the
/// node. Also sends the node's outbox in the background.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task sender;

    private NodeServer(WebApplication app, JukiNetNode node, TimeSpan retry)
    {
        this.app = app;
        sender = Task.Run(() => node.RunAsync(retry, stopping.Token));
    }

    /// <summary>The address it listens on (with the port the system gave, when asked for port 0).</summary>
    public Uri Address => new(app.Urls.First());

    public static async Task<NodeServer> StartAsync(JukiNetNode node, IPEndPoint listen, TimeSpan? retry = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen, endpoint => endpoint.UseHttps(https =>
        {
            https.ServerCertificate = node.Credentials;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // Any certificate passes the handshake: JukiNetNode.ReceiveAsync checks it against the directory and logs a refusal.
            https.ClientCertificateValidation = (_, _, _) => true;
        })));
        var app = builder.Build();
        app.MapPost(HttpsTransport.Path, async (HttpContext context) =>
        {
            var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
            if (certificate is null)
            {
                return Results.Json(Reply.Refuse("クライアント証明書がありません。"), Envelope.Json, statusCode: StatusCodes.Status403Forbidden);
            }
            Envelope? envelope;
            try
            {
                envelope = await context.Request.ReadFromJsonAsync<Envelope>(Envelope.Json, context.RequestAborted);
            }
            catch (JsonException)
            {
                envelope = null;
            }
            var reply = await node.ReceiveAsync(envelope, certificate, context.RequestAborted);
            return Results.Json(reply, Envelope.Json, statusCode: reply.Outcome == ReplyOutcome.Refused ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
        });
        await app.StartAsync(cancellationToken);
        return new NodeServer(app, node, retry ?? TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await sender;
        }
        catch (OperationCanceledException)
        {
            // Stopped while sending.
        }
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
