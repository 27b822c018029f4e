using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore.Design;

namespace Jumin.JukiNet.Persistence;

/// <summary>
/// Where one 住基ネット node keeps its store, and how to open it. <paramref name="protector"/> seals every 個人番号 and
/// every message body the store keeps, with keys kept outside the database (seed 004: 暗号化して保管).
/// </summary>
public sealed class JukiNetDatabase(DatabaseProvider provider, string connectionString, IndividualNumberProtector protector) : StoreDatabase<JukiNetDbContext>(provider, connectionString)
{
    public IndividualNumberProtector Protector { get; } = protector;

    public override JukiNetDbContext Open() => Open<SqliteJukiNetDbContext, PostgresJukiNetDbContext>(options => new SqliteJukiNetDbContext(options, Protector), options => new PostgresJukiNetDbContext(options, Protector));

    /// <summary>Migrates the store, then seals what an earlier release kept in clear (<see cref="PlaintextSealing"/>).</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await base.MigrateAsync(cancellationToken);
        await PlaintextSealing.RunAsync(this, cancellationToken);
    }

    /// <summary>Zero keys: only to build the model for <c>dotnet ef</c>, which never reads or writes a row.</summary>
    internal static IndividualNumberProtector DesignTimeProtector() => new(() => new KeyRing([new byte[32]]), new byte[32]);
}

internal sealed class SqliteJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJukiNetDbContext>
{
    public SqliteJukiNetDbContext CreateDbContext(string[] args) => (SqliteJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Sqlite, "Data Source=design.db", JukiNetDatabase.DesignTimeProtector()).Open();
}

internal sealed class PostgresJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJukiNetDbContext>
{
    public PostgresJukiNetDbContext CreateDbContext(string[] args) => (PostgresJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design", JukiNetDatabase.DesignTimeProtector()).Open();
}
