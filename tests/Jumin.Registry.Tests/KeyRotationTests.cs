using System.Security.Cryptography;
using Jumin.Domain.Identifiers;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Tests;

/// <summary>鍵の更新 (issue 5): a new key seals new values while every value sealed before stays readable, without stopping.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task After_a_rotation_old_numbers_still_open_new_ones_use_the_new_key_and_a_node_not_yet_restarted_reads_them()
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseProvider.Sqlite, demoResidents: 20);
        List<IndividualNumber> before;
        await using (var db = registry.Node.Database.Open())
        {
            before = await db.ResidentHistory.Where(h => h.IndividualNumber != null).OrderBy(h => h.AtenaNumber).Select(h => h.IndividualNumber!).ToListAsync();
        }
        Assert.NotEmpty(before);
        var running = registry.Node.Keys.IndividualNumberProtector;
        var oldKey = running.CurrentKeyId;

        var rotated = registry.Node.Keys.Rotate(KeyStore.IndividualNumberRing);
        Assert.Equal(2, rotated.Count);
        Assert.NotEqual(oldKey, rotated.CurrentKeyId);

        // A node started after the rotation reads every old value and seals with the new key.
        var restarted = new RegistryNode(registry.Node.Options);
        await using (var db = restarted.Database.Open())
        {
            var after = await db.ResidentHistory.Where(h => h.IndividualNumber != null).OrderBy(h => h.AtenaNumber).Select(h => h.IndividualNumber!).ToListAsync();
            Assert.Equal(before.Select(n => n.Digits), after.Select(n => n.Digits));
        }
        var fresh = restarted.Keys.IndividualNumberProtector;
        var sealedNew = fresh.Encrypt(before[0].Digits);
        Assert.Equal(rotated.CurrentKeyId, Convert.ToHexStringLower(sealedNew.AsSpan(1, 4)));
        Assert.True(fresh.IsCurrent(sealedNew));

        // The node that has been running since before the rotation reads it too.
        Assert.Equal(before[0].Digits, running.Decrypt(sealedNew));
        Assert.Equal(running.LookupHash(before[0].Digits), fresh.LookupHash(before[0].Digits));

        sealedNew[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => running.Decrypt(sealedNew));
    }

    [Fact]
    public async Task A_rotated_account_secrets_key_seals_new_second_factors_at_once_and_old_ones_still_log_in()
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseProvider.Sqlite);
        var ring = registry.Node.Keys.Rotate(KeyStore.AccountSecretsRing);
        var admin = await registry.OperatorAsync("admin01");
        var enrolment = await registry.Node.AccountAdministration.CreateAsync(admin, new Accounts.NewAccount("new01", "新規 一郎", "a-long-password-9", "市民課", [Access.Roles.Clerk], []));
        await using (var db = registry.Node.Database.Open())
        {
            var stored = (await db.Users.SingleAsync(u => u.UserId == "new01")).SecondFactorSecret;
            Assert.Equal(ring.CurrentKeyId, Convert.ToHexStringLower(stored.AsSpan(1, 4)));
        }
        Assert.Equal(Accounts.LoginOutcome.Succeeded, (await registry.LoginAsync("clerk01")).Outcome);
        var login = await registry.Node.Accounts.LoginAsync(new Accounts.LoginAttempt("new01", "a-long-password-9", registry.OneTimePasswordClock.NextCode(registry.Node, enrolment.Secret), System.Net.IPAddress.Loopback));
        Assert.Equal(Accounts.LoginOutcome.Succeeded, login.Outcome);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_key_others_may_read_is_refused_naming_the_file_and_the_fix()
    {
        var keys = KeyStore.CreateTemporary();
        _ = keys.AuditChainKey;
        var path = Path.Combine(keys.Directory, "audit-chain.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = Assert.Throws<UnprotectedKeyException>(() => new KeyStore(keys.Directory).AuditChainKey);
        Assert.Contains($"chmod 600 {path}", refused.Message, StringComparison.Ordinal);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(32, new KeyStore(keys.Directory).AuditChainKey.Length);
        Directory.Delete(keys.Directory, recursive: true);
    }
}
