using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Persistence;

/// <summary>Numberings kept in <c>number_sequences</c> (宛名番号, 世帯番号, 発行番号 …).</summary>
public static class NumberSequences
{
    /// <summary>
    /// The tracked row of a numbering, write-locked until the caller's transaction ends (so that two
    /// processes never issue the same number); created at 1 on first use.
    /// </summary>
    public static async Task<NumberSequence> LockAsync(RegistryDbContext db, string name, CancellationToken cancellationToken = default)
    {
        await db.Database.ExecuteSqlRawAsync("UPDATE number_sequences SET next_value = next_value WHERE name = {0}", [name], cancellationToken);
        var sequence = await db.NumberSequences.AsTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (sequence is null)
        {
            sequence = new NumberSequence { Name = name, NextValue = 1 };
            db.NumberSequences.Add(sequence);
        }
        return sequence;
    }
}
