using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Tests;

/// <summary>メモ (j150): who wrote what and when, every edit and deletion kept.</summary>
public abstract class MemoTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Memos_keep_every_version_with_writer_and_time()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 10);
        await using var db = registry.Node.Database.Open();
        var atena = (await db.Residents.OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber;
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");

        var first = await registry.Node.Memos.AddAsync(clerk, atena, "窓口で転居予定と申出あり");
        await registry.Node.Memos.EditAsync(approver, atena, first.MemoId, "窓口で転居予定と申出あり（4月中）");
        await registry.Node.Memos.DeleteAsync(clerk, atena, first.MemoId);

        var versions = await db.ResidentMemos.Where(m => m.AtenaNumber == atena.Value).OrderBy(m => m.Version).ToListAsync();
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(["clerk01", "approver01", "clerk01"], versions.Select(v => v.WrittenBy));
        Assert.Equal("窓口で転居予定と申出あり", versions[0].Text);
        Assert.True(versions[2].Deleted);
        var dossier = await registry.Node.Query.GetAsync(clerk, atena);
        Assert.Equal(3, dossier!.Memos.Count);
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Function == "メモ入力" && a.TargetAtenaNumber == atena.Value));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    public async Task An_empty_memo_is_refused_and_nothing_is_written(string text, string rule)
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 5);
        await using var db = registry.Node.Database.Open();
        var atena = (await db.Residents.FirstAsync()).AtenaNumber;
        var e = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.Memos.AddAsync(Access.Operator.Batch("t"), atena, text));
        Assert.Equal(rule, e.Error.Rule);
        Assert.Equal("text", e.Field);
        Assert.Equal(0, await db.ResidentMemos.CountAsync());
    }

    [Fact]
    public async Task A_memo_holding_an_individual_number_is_refused_in_any_spelling_and_nothing_is_stored()
    {
        await using var registry = await TestRegistry.CreateAsync(provider, demoResidents: 5);
        await using var db = registry.Node.Database.Open();
        var atena = (await db.Residents.FirstAsync()).AtenaNumber;
        var clerk = await registry.OperatorAsync("clerk01");
        var number = IndividualNumber.FromLeadingDigits("12345678901").Digits;
        var fullWidth = new string([.. number.Select(c => (char)(c - '0' + '０'))]);
        foreach (var text in new[] { $"番号 {number} を確認", $"番号 {number[..4]} {number[4..8]} {number[8..]}", $"{number[..4]}-{number[4..8]}-{number[8..]}", fullWidth })
        {
            var e = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.Memos.AddAsync(clerk, atena, text));
            Assert.Equal(("text", "individual-number"), (e.Field, e.Error.Rule));
        }
        Assert.Equal(0, await db.ResidentMemos.CountAsync());

        // Twelve digits that are no 個人番号 (a wrong check digit), a phone number and a date are fine.
        var wrong = number[..11] + (char)('0' + (number[11] - '0' + 1) % 10);
        await registry.Node.Memos.AddAsync(clerk, atena, $"受付番号 {wrong}、連絡先 019-123-4567、令和8年11月30日");
        Assert.Equal(1, await db.ResidentMemos.CountAsync());
    }

    [Fact]
    public async Task A_memo_on_an_unknown_person_is_refused()
    {
        await using var registry = await TestRegistry.CreateAsync(provider);
        var e = await Assert.ThrowsAsync<FieldValidationException>(async () => await registry.Node.Memos.AddAsync(await registry.OperatorAsync("clerk01"), AtenaNumber.FromSerial(5), "x"));
        Assert.Equal("unknown", e.Error.Rule);
    }
}

public sealed class SqliteMemoTests() : MemoTests(DatabaseProvider.Sqlite);

public sealed class PostgresMemoTests() : MemoTests(DatabaseProvider.Postgres);
