using System.Globalization;
using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Issue 15 item 9: 整合性確認 of a city larger than any one message could carry (the whole file in one body exceeded the
/// server's request limit at about 50,000), over HTTPS: bucket digests first, then only the buckets that differ.
/// PostgreSQL, where a city of this size lives; the stores are filled with COPY as a migration would.
/// </summary>
public sealed class ConsistencyAtScaleTests : IAsyncLifetime
{
    private const int Residents = 100_000;

    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(DatabaseProvider.Postgres, NetworkMode.Https);

    public async Task DisposeAsync() => await net.DisposeAsync();

    [Fact]
    public async Task A_hundred_thousand_records_are_compared_over_https_and_exactly_the_three_differences_are_reported()
    {
        await Task.WhenAll(new[] { TestNetwork.A.Cs, TestNetwork.A.Prefecture, LocalNetwork.National }.Select(id => FillAsync(net.Network[id].Node.Database)));
        await using (var prefecture = net.Store(TestNetwork.A.Prefecture))
        {
            await prefecture.Identities.Where(r => r.ResidentCode == Code(4242)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Address, "岩手県みどり市中央九丁目９番地"));
            await prefecture.Identities.Where(r => r.ResidentCode == Code(77_777)).ExecuteDeleteAsync();
        }
        await using (var national = net.Store(LocalNetwork.National))
        {
            await national.Identities.Where(r => r.ResidentCode == Code(99_001)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Name, "試験　次郎"));
        }

        var reply = await net.LinkA.RequestAsync(MessageKinds.ConsistencyLevels, new ConsistencyLevelsRequest());

        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        var report = MessageBodies.Parse<ConsistencyReport>(reply.Body!);
        var (prefectureLevel, nationalLevel) = (report.Levels[0], report.Levels[1]);
        Assert.Equal((Residents, Residents), (prefectureLevel.Compared, nationalLevel.Compared));
        Assert.Equal(
            [(Code(4242), "住所", "岩手県みどり市中央九丁目９番地"), (Code(77_777), "本人確認情報", Consistency.Missing)],
            prefectureLevel.Differences.Select(d => (d.ResidentCode, d.Item, d.Right)).OrderBy(d => d.ResidentCode));
        var name = Assert.Single(nationalLevel.Differences);
        Assert.Equal((Code(99_001), "氏名", "試験　太郎99001", "試験　次郎"), (name.ResidentCode, name.Item, name.Left, name.Right));
        // Japanese travels as itself, not as \uXXXX escapes (only the ideographic space is still escaped, as a space character).
        Assert.Contains("次郎", reply.Body, StringComparison.Ordinal);
    }

    private static string Code(int g) => (50_000_000_000L + g).ToString("D11", CultureInfo.InvariantCulture);

    /// <summary>The same synthetic 本人確認情報 of みどり市 in a node's store, each 個人番号 sealed and hashed with that node's keys.</summary>
    private static async Task FillAsync(JukiNetDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY identity_records (resident_code, municipality_code, name, name_kana, birth_date, sex, address, sealed_individual_number, individual_number_hash, change_reason, change_date, is_resident, version, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTime.UtcNow;
            for (var g = 1; g <= Residents; g++)
            {
                var number = IndividualNumber.FromLeadingDigits((60_000_000_000L + g).ToString("D11", CultureInfo.InvariantCulture)).Digits;
                await writer.StartRowAsync();
                await writer.WriteAsync(Code(g), NpgsqlDbType.Varchar);
                await writer.WriteAsync(TestNetwork.A.Code, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"試験　太郎{g}", NpgsqlDbType.Text);
                await writer.WriteAsync($"シケン　タロウ{g}", NpgsqlDbType.Text);
                await writer.WriteAsync($"{1940 + g % 70}年{1 + g % 12}月{1 + g % 28}日", NpgsqlDbType.Text);
                await writer.WriteAsync(1 + g % 2, NpgsqlDbType.Integer);
                await writer.WriteAsync($"岩手県みどり市中央{1 + g % 9}丁目{g % 1000}番{g % 50}号", NpgsqlDbType.Text);
                await writer.WriteAsync(database.Protector.SealText(number), NpgsqlDbType.Text);
                await writer.WriteAsync(database.Protector.LookupHash(number), NpgsqlDbType.Text);
                await writer.WriteAsync(101, NpgsqlDbType.Integer);
                await writer.WriteAsync("2020年1月1日", NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE identity_records", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
