using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Protection;

/// <summary>What protects a group of people: the 抑止 on them or their 世帯, and their 支援措置.</summary>
public sealed record ProtectionState(IReadOnlyList<Restriction> Restrictions, IReadOnlyList<SupportMeasure> SupportMeasures)
{
    public static ProtectionState None { get; } = new([], []);

    /// <summary>The 抑止 that apply to one person (their own and their 世帯's).</summary>
    public IEnumerable<Restriction> On(AtenaNumber atena, HouseholdNumber household) =>
        Restrictions.Where(r => r.Scope == RestrictionScope.Person ? r.Target == atena.Value : r.Target == household.Value);

    public SupportMeasure? MeasureOf(AtenaNumber atena) =>
        SupportMeasures.Where(m => m.AtenaNumber == atena.Value && m.IsProtecting).OrderByDescending(m => m.EndsOn).FirstOrDefault();
}

/// <summary>Reads 抑止 and 支援措置 for the people a use case touches, inside its transaction.</summary>
public static class ProtectionReader
{
    public static async Task<ProtectionState> ForAsync(RegistryDbContext db, IReadOnlyCollection<AtenaNumber> people, IReadOnlyCollection<HouseholdNumber> households, CancellationToken cancellationToken)
    {
        var personKeys = people.Select(p => p.Value).Distinct().ToList();
        var householdKeys = households.Select(h => h.Value).Distinct().ToList();
        var restrictions = await db.Restrictions.AsNoTracking()
            .Where(r => r.LiftedAt == null && ((r.Scope == (int)RestrictionScope.Person && personKeys.Contains(r.Target)) || (r.Scope == (int)RestrictionScope.Household && householdKeys.Contains(r.Target))))
            .ToListAsync(cancellationToken);
        var measures = await db.SupportMeasures.AsNoTracking()
            .Where(m => m.EndedOn == null && personKeys.Contains(m.AtenaNumber))
            .ToListAsync(cancellationToken);
        return new([.. restrictions.Select(ToDomain)], [.. measures.Select(ToDomain)]);
    }

    public static Restriction ToDomain(RestrictionRow r) => new()
    {
        Id = r.Id,
        Scope = (RestrictionScope)r.Scope,
        Target = r.Target,
        Processes = (RestrictedProcess)r.Processes,
        Level = (RestrictionLevel)r.Level,
        StartsOn = r.StartsOn,
        EndsOn = r.EndsOn,
        Reason = r.Reason,
        LiftedAt = r.LiftedAt is { } lifted ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(lifted, DateTimeKind.Utc)) : null,
        TemporarilyReleasedUntil = r.TemporarilyReleasedUntil is { } until ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null,
    };

    public static SupportMeasure ToDomain(SupportMeasureRow m) => new()
    {
        Id = m.Id,
        AtenaNumber = m.AtenaNumber,
        ApplicantAtenaNumber = m.ApplicantAtenaNumber,
        RelationToApplicant = m.RelationToApplicant,
        Provisional = m.Provisional,
        StartsOn = m.StartsOn,
        EndsOn = m.EndsOn,
        Offender = m.Offender,
        Services = m.Services,
        Contact = m.Contact,
        EndedOn = m.EndedOn,
        EndReason = m.EndReason,
    };
}
