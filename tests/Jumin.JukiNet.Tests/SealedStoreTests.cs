using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Persistence;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// A node's store keeps no 個人番号 and no message content in clear (issue 15 item 6): what an earlier release wrote in
/// clear is sealed at start, and replies and delivered content are deleted after <see cref="SpentContent.Window"/>.
/// </summary>
public abstract class SealedStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string Digits = IndividualNumber.FromLeadingDigits("12345678901").Digits;
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-sealed-").FullName;
    private readonly string postgresDatabase = $"jumin_test_sealed_{Guid.NewGuid():N}"[..40];
    private JukiNetDatabase database = null!;

    public async Task InitializeAsync()
    {
        var connection = await DatabaseTemplates.CopyAsync(provider, "jukinet-node", (c, _) => new JukiNetDatabase(provider, c, KeyStore.CreateTemporary().IndividualNumberProtector).MigrateAsync(), directory, "node.db", postgresDatabase);
        database = new JukiNetDatabase(provider, connection, KeyStore.CreateTemporary().IndividualNumberProtector);
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (provider == DatabaseProvider.Postgres)
        {
            await TestRegistry.DropPostgresDatabaseAsync(postgresDatabase);
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_store_an_earlier_release_wrote_in_clear_is_sealed_at_start_and_its_history_stays_append_only()
    {
        var now = DateTime.UtcNow;
        var message = $$"""{"residentCode":"10000000011","individualNumber":"{{Digits}}"}""";
        await using (var db = database.Open())
        {
            // Rows as the release before sealing wrote them: the number and the bodies as they are.
            db.Identities.Add(new IdentityRecordRow { ResidentCode = "10000000011", MunicipalityCode = "032000", Name = "佐藤　一郎", NameKana = "サトウ　イチロウ", BirthDate = "1980-01-01", Sex = 1, Address = "岩手県みどり市中央一丁目２番３号", SealedIndividualNumber = Digits, ChangeDate = "2026-01-01", IsResident = true, Version = 1, UpdatedAt = now });
            db.IdentityHistory.Add(new IdentityHistoryRow { ResidentCode = "10000000011", Version = 1, MunicipalityCode = "032000", Name = "佐藤　一郎", NameKana = "サトウ　イチロウ", BirthDate = "1980-01-01", Sex = 1, Address = "岩手県みどり市中央一丁目２番３号", SealedIndividualNumber = Digits, ChangeDate = "2026-01-01", IsResident = true, BecameCurrent = true, Source = "cs-032000", ReceivedAt = now });
            db.Outbox.Add(new OutboxRow { Destination = "pref-03", Stream = "update", Sequence = 1, Kind = "identity-update", Body = message, ReplyBody = """{"applied":true}""", SentAt = "2026-01-01T00:00:00Z", CreatedAt = now, DeliveredAt = now });
            db.MessageReplies.Add(new MessageReplyRow { Peer = "cs-032000", Stream = "request", Sequence = 1, Body = message, At = now });
            db.DepartureCertificates.Add(new DepartureCertificateRow { ResidentCode = "10000000011", Direction = "issued", FromMunicipality = "032000", Body = message, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await database.MigrateAsync();

        await using (var db = database.Open())
        {
            var identity = await db.Identities.AsNoTracking().SingleAsync();
            var history = await db.IdentityHistory.AsNoTracking().SingleAsync();
            var outbox = await db.Outbox.AsNoTracking().SingleAsync();
            var reply = await db.MessageReplies.AsNoTracking().SingleAsync();
            var departure = await db.DepartureCertificates.AsNoTracking().SingleAsync();
            string[] stored = [identity.SealedIndividualNumber!, history.SealedIndividualNumber!, outbox.Body, outbox.ReplyBody!, reply.Body, departure.Body];
            Assert.All(stored, value => Assert.StartsWith(IndividualNumberProtector.TextPrefix, value));
            Assert.All(stored, value => Assert.DoesNotContain(Digits, value));
            Assert.Equal(Digits, IdentityStore.NumberOf(db.Protector, identity));
            Assert.Equal(Digits, db.Open(history.SealedIndividualNumber!));
            Assert.Equal(message, db.Open(outbox.Body));
            Assert.Equal(message, db.Open(reply.Body));
            Assert.Equal(message, db.Open(departure.Body));

            // Found by its keyed hash, as a number stored by this release is.
            var found = await IdentityStore.SearchAsync(db, IdentitySearchCriteria.Create(null, Digits, null, null, null, null, null), 10, default);
            Assert.Equal("10000000011", Assert.Single(found).ResidentCode);

            // The guard of the 履歴 was lifted for the sealing only.
            await Assert.ThrowsAnyAsync<Exception>(() => db.IdentityHistory.ExecuteUpdateAsync(u => u.SetProperty(h => h.Name, "改ざん")));
        }

        // A second start finds nothing left in clear and changes nothing.
        string before;
        await using (var db = database.Open())
        {
            before = (await db.Identities.AsNoTracking().SingleAsync()).SealedIndividualNumber!;
        }
        await database.MigrateAsync();
        await using (var db = database.Open())
        {
            Assert.Equal(before, (await db.Identities.AsNoTracking().SingleAsync()).SealedIndividualNumber);
        }
    }

    [Fact]
    public async Task Replies_and_delivered_content_are_deleted_after_the_window_and_the_log_keeps_the_facts()
    {
        var now = DateTime.UtcNow;
        var old = now - SpentContent.Window.ToTimeSpan() - TimeSpan.FromHours(1);
        await using (var db = database.Open())
        {
            OutboxRow Message(long sequence, DateTime created, DateTime? delivered) => new() { Destination = "pref-03", Stream = "update", Sequence = sequence, Kind = "identity-update", Body = db.Seal("{}"), ReplyBody = delivered is null ? null : db.Seal("{}"), SentAt = "", CreatedAt = created, DeliveredAt = delivered };
            db.Outbox.AddRange(Message(1, old, old), Message(2, now, now), Message(3, old, null));
            db.MessageReplies.AddRange(
                new MessageReplyRow { Peer = "cs-032000", Stream = "request", Sequence = 1, Body = db.Seal("{}"), At = old },
                new MessageReplyRow { Peer = "cs-032000", Stream = "request", Sequence = 2, Body = db.Seal("{}"), At = now });
            db.MessageLog.Add(new MessageLogRow { At = old, Direction = "受信", Peer = "cs-032000", Stream = "request", Sequence = 1, Kind = "identity-query", Outcome = "適用", ContentHash = "abc" });
            await db.SaveChangesAsync();

            Assert.Equal(2, await SpentContent.ForgetAsync(db, now - SpentContent.Window.ToTimeSpan(), default));
        }

        await using (var db = database.Open())
        {
            var outbox = await db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            Assert.Equal(("", null), (outbox[0].Body, outbox[0].ReplyBody));
            Assert.NotEqual("", outbox[1].Body);
            Assert.NotNull(outbox[1].ReplyBody);
            // Not delivered yet: still to be sent, whatever its age.
            Assert.NotEqual("", outbox[2].Body);
            Assert.Equal([2L], await db.MessageReplies.Select(r => r.Sequence).ToListAsync());
            Assert.Equal("abc", (await db.MessageLog.SingleAsync()).ContentHash);
        }
    }
}

public sealed class SqliteSealedStoreTests() : SealedStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresSealedStoreTests() : SealedStoreTests(DatabaseProvider.Postgres);
