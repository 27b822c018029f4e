using System.Reflection;
using System.Text.Json;
using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Protocol;
using Jumin.National.NumberGeneration;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>個人番号の生成・変更 (j1130; seed 004 §2.1–2.3), requested by a registry through its CS.</summary>
public abstract class NumberGenerationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync()
    {
        net = await TestNetwork.StartAsync(provider, NetworkMode.InProcess);
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
    }

    public async Task DisposeAsync() => await net.DisposeAsync();

    private NumberGenerator Generator => net.Network[Hosting.LocalNetwork.National].Numbers!;

    [Fact]
    public async Task A_generated_number_has_a_valid_check_digit_is_kept_and_is_given_again_for_the_same_code()
    {
        var first = await RequestAsync(MessageKinds.NumberGeneration, new NumberRequestMessage(Family.Codes[2]));
        var again = await RequestAsync(MessageKinds.NumberGeneration, new NumberRequestMessage(Family.Codes[2]));
        var other = await RequestAsync(MessageKinds.NumberGeneration, new NumberRequestMessage(Family.Codes[3]));

        Assert.Null(first.Refusal);
        Assert.True(IndividualNumber.TryParse(first.IndividualNumber, out _, out _));
        Assert.Equal(first.IndividualNumber, again.IndividualNumber);
        Assert.NotEqual(first.IndividualNumber, other.IndividualNumber);
        Assert.DoesNotContain(Family.Codes[2][..10], first.IndividualNumber!);
        Assert.Equal(2, await Generator.CountAsync());
    }

    [Fact]
    public async Task A_change_needs_the_current_number_of_the_latest_code_and_never_gives_an_old_number_again()
    {
        var current = (await net.IdentitiesAsync(TestNetwork.A.Cs))[0].IndividualNumber!;
        await Generator.GenerateAsync(ResidentCode.Parse(Family.Codes[0]));
        var wrong = await RequestAsync(MessageKinds.NumberChange, new NumberRequestMessage(Family.Codes[0], IndividualNumber.FromLeadingDigits("99999999999").Digits));
        Assert.NotNull(wrong.Refusal);
        Assert.Null(wrong.IndividualNumber);

        // The family moved in with numbers from elsewhere; the generation module knows the one it made itself.
        var generated = (await Generator.GenerateAsync(ResidentCode.Parse(Family.Codes[0]))).Number!;
        var refusedAtNational = await RequestAsync(MessageKinds.NumberChange, new NumberRequestMessage(Family.Codes[0], current));
        Assert.Contains("一致しません", refusedAtNational.Refusal);

        var changed = await Generator.ChangeAsync(ResidentCode.Parse(Family.Codes[0]), generated);
        Assert.NotEqual(generated, changed.Number);
        Assert.Equal(changed.Number, (await Generator.GenerateAsync(ResidentCode.Parse(Family.Codes[0]))).Number);
        var history = await NumberStoreAsync();
        Assert.Contains(history, n => Open(n.SealedNumber) == generated.Digits);
        Assert.Equal(generated.Digits, Open(history.Single(n => Open(n.SealedNumber) == changed.Number!.Digits).Replaces!));
        // No number is kept in clear: found by its keyed hash, read only with the node's keys (issue 15 item 6).
        await using var db = OpenNumberStore();
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.IndividualNumber != null).Select(a => a.IndividualNumber!).ToListAsync();
        string[] stored = [.. history.SelectMany(n => new[] { n.NumberHash, n.SealedNumber, n.Replaces ?? "" }), .. assignments];
        Assert.All(stored, value => Assert.DoesNotContain(generated.Digits, value, StringComparison.Ordinal));
        Assert.All(stored, value => Assert.DoesNotContain(changed.Number!.Digits, value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_that_is_not_on_any_register_gets_no_number()
    {
        var result = await RequestAsync(MessageKinds.NumberGeneration, new NumberRequestMessage("99999999999"));

        Assert.Null(result.IndividualNumber);
        Assert.Contains("ありません", result.Refusal);
        Assert.Equal(0, await Generator.CountAsync());
    }

    [Fact]
    public async Task The_generation_store_refuses_every_update_and_delete()
    {
        await Generator.GenerateAsync(ResidentCode.Parse(Family.Codes[1]));
        await using var db = OpenNumberStore();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Numbers.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.Numbers.ExecuteUpdateAsync(u => u.SetProperty(n => n.ResidentCode, "00000000001")));
        Assert.Equal(1, await db.Numbers.CountAsync());
    }

    [Fact]
    public void The_generation_module_has_no_way_to_the_identity_store()
    {
        var identityStore = typeof(Persistence.JukiNetDbContext).Assembly;
        var module = typeof(NumberGenerator).Assembly.GetTypes().Where(t => t.Namespace == typeof(NumberGenerator).Namespace);
        foreach (var type in module)
        {
            var touches = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .Concat(type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).SelectMany(m => m.GetParameters()).Select(p => p.ParameterType));
            Assert.DoesNotContain(touches, t => t.Assembly == identityStore && t.Namespace == typeof(Persistence.JukiNetDbContext).Namespace);
        }
    }

    private async Task<NumberRequestResult> RequestAsync(string kind, NumberRequestMessage request)
    {
        var reply = await net.LinkA.RequestAsync(kind, request);
        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        return JsonSerializer.Deserialize<NumberRequestResult>(reply.Body!, Envelope.Json)!;
    }

    private IndividualNumberProtector Protector => net.Network[Hosting.LocalNetwork.National].Node.Database.Protector;

    private string Open(string sealedNumber) => Protector.OpenText(sealedNumber);

    private NumberGenerationDbContext OpenNumberStore() => new NumberGenerationDatabase(provider, net.NumberStoreConnectionString, Protector).Open();

    private async Task<List<GeneratedNumberRow>> NumberStoreAsync()
    {
        await using var db = OpenNumberStore();
        return await db.Numbers.AsNoTracking().ToListAsync();
    }
}

public sealed class SqliteNumberGenerationTests() : NumberGenerationTests(DatabaseProvider.Sqlite);

public sealed class PostgresNumberGenerationTests() : NumberGenerationTests(DatabaseProvider.Postgres);
