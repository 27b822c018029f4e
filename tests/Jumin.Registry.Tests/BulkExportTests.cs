using System.Text;
using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Exports;
using Jumin.Registry.Protection;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Registry.Tests;

/// <summary>データ抽出 (seed 001 M-17, R1-19/20/46/49): prior approval, one run, counted and hashed in the log, no 個人番号.</summary>
public abstract class BulkExportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 30, 1, 0));

    private TestRegistry registry = null!;

    private BulkExportService Exports => registry.Node.Exports;

    public async Task InitializeAsync() => registry = await TestRegistry.CreateAsync(provider, demoResidents: 40, clock: clock);

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private static BulkExportRequest Request(params ExportItem[] items) => new("令和9年 選挙人名簿の照合", "庁内ファイルサーバ（選挙管理委員会）", "", items);

    [Fact]
    public async Task An_export_runs_only_after_a_managers_approval_once_and_leaves_out_protected_people_and_the_individual_number()
    {
        var clerk = await registry.OperatorAsync("clerk02");
        var manager = await registry.OperatorAsync("approver01");
        var id = await Exports.RequestAsync(clerk, Request(ExportItem.ResidentCode));

        var early = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.RunAsync(clerk, id));
        Assert.Contains("承認を得ていない", early.Message, StringComparison.Ordinal);
        var own = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.DecideAsync(clerk with { Permissions = new HashSet<Permission>(clerk.Permissions) { Permission.BulkExportApproval } }, id, approve: true, null));
        Assert.Contains("自分の申請", own.Message, StringComparison.Ordinal);

        string protectedAtena;
        await using (var db = registry.Node.Database.Open())
        {
            protectedAtena = (await db.Residents.Where(r => r.Status == 1).OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;
        }
        await registry.Node.SupportMeasures.RegisterAsync(manager, new SupportMeasureInput { AtenaNumber = Domain.Identifiers.AtenaNumber.Parse(protectedAtena), StartsOn = JapanTime.Today(clock) });
        await Exports.DecideAsync(manager, id, approve: true, null);
        var file = await Exports.RunAsync(clerk, id);
        byte[] content;
        await using (file)
        {
            using var read = new MemoryStream();
            await file.Content.CopyToAsync(read);
            content = read.ToArray();
        }

        var text = Encoding.UTF8.GetString(content);
        Assert.StartsWith("\uFEFF\"宛名番号\",\"世帯番号\",\"氏名\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\"住民票コード\"", text.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("個人番号", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Split("\r\n"), line => line.StartsWith($"\"{protectedAtena}\",", StringComparison.Ordinal));
        Assert.Equal(1, file.Excluded);
        await using (var db = registry.Node.Database.Open())
        {
            var residents = await db.Residents.CountAsync(r => r.Status == 1);
            Assert.Equal(residents - 1, file.Rows);
            Assert.Equal(file.Rows + 2, text.Split("\r\n").Length);
            var numbers = await db.ResidentHistory.Where(h => h.IndividualNumber != null).Select(h => h.IndividualNumber!).Take(5).ToListAsync();
            Assert.All(numbers, n => Assert.DoesNotContain(n.Digits, text, StringComparison.Ordinal));
            var logged = await db.AuditLog.Where(a => a.Screen == "データ抽出の出力" && a.Outcome == (int)AuditOutcome.Succeeded).SingleAsync();
            Assert.Contains($"{file.Rows}件を出力（支援措置の対象 1件を除外）", logged.Detail, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), logged.Detail, StringComparison.Ordinal);
        }

        var again = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.RunAsync(clerk, id));
        Assert.Contains("既に出力済み", again.Message, StringComparison.Ordinal);
        Assert.Equal(BulkExportStatus.Executed, (await Exports.ListAsync(manager)).Single().Status);
    }

    [Fact]
    public async Task Items_the_requester_may_not_see_cannot_be_asked_for_and_an_approval_lapses_after_its_day()
    {
        var clerk01 = await registry.OperatorAsync("clerk01");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exports.RequestAsync(clerk01, Request()));
        var extractor = clerk01 with { Permissions = new HashSet<Permission>(clerk01.Permissions) { Permission.Euc } };
        var hidden = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.RequestAsync(extractor, Request(ExportItem.ResidentCode)));
        Assert.Equal("items", hidden.Field);
        var empty = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.RequestAsync(extractor, Request() with { Purpose = " " }));
        Assert.Equal("purpose", empty.Field);

        var id = await Exports.RequestAsync(extractor, Request(ExportItem.FamilyRegister));
        var manager = await registry.OperatorAsync("approver01");
        await Assert.ThrowsAsync<FieldValidationException>(() => Exports.DecideAsync(manager, id, approve: false, " "));
        await Exports.DecideAsync(manager, id, approve: true, "選挙事務のため");
        clock.Advance(Duration.FromDays(1));
        var lapsed = await Assert.ThrowsAsync<FieldValidationException>(() => Exports.RunAsync(extractor, id));
        Assert.Contains("承認の当日を過ぎた", lapsed.Message, StringComparison.Ordinal);

        await using var db = registry.Node.Database.Open();
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Function == BulkExportService.Function && a.Outcome == (int)AuditOutcome.Refused));
        Assert.Equal(BulkExportStatus.Approved, (await Exports.ListAsync(extractor)).Single().Status);
    }
}

public sealed class SqliteBulkExportTests() : BulkExportTests(DatabaseProvider.Sqlite);

public sealed class PostgresBulkExportTests() : BulkExportTests(DatabaseProvider.Postgres);
