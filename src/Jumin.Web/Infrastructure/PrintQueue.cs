using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// The PDF a clerk has just issued or previewed, held in memory for <see cref="Lifetime"/> so that the
/// result page can open it for printing. Only the user who made it can fetch it; nothing is written to
/// disk, and an expired or foreign token finds nothing.
/// </summary>
public sealed class PrintQueue(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (string UserId, byte[] Pdf, string FileName, DateTimeOffset Expires)> documents = new();

    public string Put(string userId, byte[] pdf, string fileName)
    {
        foreach (var old in documents.Where(d => d.Value.Expires < time.GetUtcNow()).Select(d => d.Key).ToList())
        {
            documents.TryRemove(old, out _);
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        documents[token] = (userId, pdf, fileName, time.GetUtcNow() + Lifetime);
        return token;
    }

    public (byte[] Pdf, string FileName)? Get(string userId, string token) =>
        documents.TryGetValue(token, out var d) && d.UserId == userId && d.Expires >= time.GetUtcNow() ? (d.Pdf, d.FileName) : null;
}
