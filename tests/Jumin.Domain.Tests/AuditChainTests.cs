using System.Security.Cryptography;
using Jumin.Domain.Audit;
using NodaTime;

namespace Jumin.Domain.Tests;

public sealed class AuditChainTests
{
    private readonly AuditChain chain = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var entries = Build(5);
        var result = chain.Verify(entries, 5);
        Assert.True(result.IsIntact);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public void An_altered_entry_is_named()
    {
        var entries = Build(5);
        entries[2] = entries[2] with { Event = entries[2].Event with { TargetAtenaNumber = "0000000116" } };
        var result = chain.Verify(entries, 5);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.AtSequence);
        Assert.Contains("改ざん", result.Problem);
    }

    [Fact]
    public void A_removed_entry_is_named()
    {
        var entries = Build(5);
        entries.RemoveAt(1);
        var result = chain.Verify(entries, 5);
        Assert.Equal(2, result.AtSequence);
        Assert.Contains("欠落", result.Problem);
    }

    [Fact]
    public void A_removed_and_renumbered_entry_is_named()
    {
        var entries = Build(5);
        entries.RemoveAt(1);
        for (var i = 1; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { Sequence = i + 1 };
        }
        var result = chain.Verify(entries, 4);
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.AtSequence);
    }

    [Fact]
    public void An_inserted_entry_is_named()
    {
        var entries = Build(5);
        var forged = new AuditChain(RandomNumberGenerator.GetBytes(32)).Append(3, Event("intruder"), entries[1].Hash);
        entries.Insert(2, forged);
        for (var i = 3; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { Sequence = i + 1 };
        }
        var result = chain.Verify(entries, 6);
        Assert.Equal(3, result.AtSequence);
        Assert.Contains("挿入", result.Problem);
    }

    [Fact]
    public void Entries_cut_off_the_end_are_named()
    {
        var entries = Build(5);
        entries.RemoveRange(3, 2);
        var result = chain.Verify(entries, 5);
        Assert.Equal(4, result.AtSequence);
        Assert.Contains("欠落", result.Problem);
    }

    [Fact]
    public void Without_the_key_a_consistent_forgery_is_impossible()
    {
        var entries = Build(3);
        var otherKey = new AuditChain(RandomNumberGenerator.GetBytes(32));
        entries[2] = otherKey.Append(3, entries[2].Event with { OperatorId = "someone-else" }, entries[1].Hash);
        Assert.Equal(3, chain.Verify(entries, 3).AtSequence);
    }

    private List<AuditEntry> Build(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = chain.Append(i, Event($"user{i}"), previous);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    private static AuditEvent Event(string user) =>
        new(Instant.FromUtc(2026, 11, 29, 9, 0), user, "T1", "照会", "住民検索", "0000000019", false, AuditOutcome.Succeeded, "カナ氏名=ヤマダ");
}
