using System.Text.Json;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// 本人確認情報照会 at the 全国サーバ (seed 004 §2.5): only registered recipients on their own legal ground, only with the
/// criteria the seed allows, every provision and refusal in the 提供記録 (7 years).
/// </summary>
public abstract class NationalQueryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;
    private long sequence;

    public async Task InitializeAsync()
    {
        net = await TestNetwork.StartAsync(provider, NetworkMode.InProcess);
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
    }

    public async Task DisposeAsync() => await net.DisposeAsync();

    [Fact]
    public async Task An_agency_gets_a_person_by_resident_code_and_the_provision_is_logged_with_ground_operator_and_subject()
    {
        var result = await AskAsync(new IdentityQueryMessage("年金太郎", TestNetwork.AgencyGround, ResidentCode: Family.Codes[0]));

        var person = Assert.Single(result.Found);
        Assert.Equal("佐藤　一郎", person.Name);
        Assert.Equal("サトウ　イチロウ", person.NameKana);
        var log = Assert.Single(await ProvisionLogAsync());
        Assert.Equal((TestNetwork.Agency.Value, TestNetwork.AgencyGround, "年金太郎", Family.Codes[0], ProvisionLog.Provided), (log.Recipient, log.LegalGround, log.Operator, log.Subjects, log.Outcome));
        Assert.Equal($"住民票コード {Family.Codes[0]}", log.Criteria);
    }

    [Fact]
    public async Task Two_of_the_four_items_other_than_sex_find_a_person_and_an_individual_number_does_too()
    {
        var byNameAndBirth = await AskAsync(new IdentityQueryMessage("年金太郎", TestNetwork.AgencyGround, Name: "佐藤　和子", BirthDate: "1980年9月9日"));
        Assert.Equal(Family.Codes[1], Assert.Single(byNameAndBirth.Found).ResidentCode);

        var number = byNameAndBirth.Found[0].IndividualNumber!;
        var byNumber = await AskAsync(new IdentityQueryMessage("年金太郎", TestNetwork.AgencyGround, IndividualNumber: number));
        Assert.Equal(Family.Codes[1], Assert.Single(byNumber.Found).ResidentCode);
        Assert.DoesNotContain(await ProvisionLogAsync(), l => l.Criteria.Contains(number, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("佐藤　一郎", null, null)]
    [InlineData(null, "1978年4月1日", 1)]
    public async Task A_name_alone_or_sex_with_birth_date_is_refused_and_the_refusal_is_logged(string? name, string? birth, int? sex)
    {
        var result = await AskAsync(new IdentityQueryMessage("年金太郎", TestNetwork.AgencyGround, Name: name, BirthDate: birth, Sex: sex));

        Assert.Empty(result.Found);
        Assert.Equal("criteria", result.Field);
        Assert.Contains("2項目以上", result.Refusal);
        var log = Assert.Single(await ProvisionLogAsync());
        Assert.Equal(ProvisionLog.Refused, log.Outcome);
        Assert.Equal("", log.Subjects);
    }

    [Fact]
    public async Task An_agency_asking_on_another_legal_ground_or_without_an_operator_is_refused()
    {
        var otherGround = await AskAsync(new IdentityQueryMessage("年金太郎", "住基法30条の9 別表第一 第1号", ResidentCode: Family.Codes[0]));
        var noOperator = await AskAsync(new IdentityQueryMessage(" ", TestNetwork.AgencyGround, ResidentCode: Family.Codes[0]));

        Assert.Equal("legalGround", otherGround.Field);
        Assert.Equal("operator", noOperator.Field);
        Assert.All(await ProvisionLogAsync(), l => Assert.Equal(ProvisionLog.Refused, l.Outcome));
        Assert.Equal(2, (await ProvisionLogAsync()).Count);
    }

    [Fact]
    public async Task Provision_records_are_deleted_only_after_seven_years()
    {
        await AskAsync(new IdentityQueryMessage("年金太郎", TestNetwork.AgencyGround, ResidentCode: Family.Codes[0]));
        await using var db = net.Store(LocalNetwork.National);
        db.ProvisionLog.Add(new Persistence.ProvisionLogRow { At = DateTime.UtcNow.AddYears(-7).AddDays(-1), Recipient = "agency-old", LegalGround = "g", Operator = "o", Criteria = "c", Subjects = "", Outcome = ProvisionLog.Provided });
        await db.SaveChangesAsync();

        Assert.Equal(1, await ProvisionLog.PurgeExpiredAsync(db, DateTime.UtcNow));

        Assert.Equal(TestNetwork.Agency.Value, Assert.Single(await db.ProvisionLog.AsNoTracking().ToListAsync()).Recipient);
        await Assert.ThrowsAnyAsync<Exception>(() => db.ProvisionLog.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.ProvisionLog.ExecuteUpdateAsync(u => u.SetProperty(p => p.Operator, "改ざん")));
    }

    [Fact]
    public async Task A_node_that_is_not_in_the_directory_gets_nothing_and_is_logged()
    {
        var stranger = net.Network.Authority.Issue(Protocol.NodeId.Parse("agency-unknown"));
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(stranger)!;
        var envelope = Envelope(new IdentityQueryMessage("x", "y", ResidentCode: Family.Codes[0])) with { From = "agency-unknown" };

        var reply = await net.Network.InProcess!.SendAsync(net.Network.Directory.National, envelope.SignedWith(key));

        Assert.Equal(ReplyOutcome.Refused, reply.Outcome);
        await using var db = net.Store(LocalNetwork.National);
        Assert.Contains(await db.MessageLog.Where(m => m.Outcome == JukiNetNode.Refused).Select(m => m.Reason).ToListAsync(), r => r!.Contains("登録されていません", StringComparison.Ordinal));
    }

    private Envelope Envelope(IdentityQueryMessage query) => new()
    {
        From = TestNetwork.Agency.Value,
        To = LocalNetwork.National.Value,
        Stream = Streams.Request,
        Sequence = ++sequence,
        Kind = MessageKinds.IdentityQuery,
        Body = JsonSerializer.Serialize(query, Protocol.Envelope.Json),
        SentAt = "2026-11-30T00:00:00Z",
    };

    private async Task<IdentityQueryResult> AskAsync(IdentityQueryMessage query)
    {
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(net.Network.CredentialsOf(TestNetwork.Agency))!;
        var reply = await net.Network.InProcess!.SendAsync(net.Network.Directory.National, Envelope(query).SignedWith(key));
        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        return JsonSerializer.Deserialize<IdentityQueryResult>(reply.Body!, Protocol.Envelope.Json)!;
    }

    private async Task<List<Persistence.ProvisionLogRow>> ProvisionLogAsync()
    {
        await using var db = net.Store(LocalNetwork.National);
        return await db.ProvisionLog.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }
}

public sealed class SqliteNationalQueryTests() : NationalQueryTests(DatabaseProvider.Sqlite);

public sealed class PostgresNationalQueryTests() : NationalQueryTests(DatabaseProvider.Postgres);
