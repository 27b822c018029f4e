using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Jumin.Registry.Persistence;

/// <summary>
/// Where the register is stored, and how to open it. Configured by <c>Database:Provider</c>
/// (Sqlite or Postgres) and <c>ConnectionStrings:Registry</c>.
/// </summary>
public sealed class RegistryDatabase(DatabaseProvider provider, string connectionString, IndividualNumberProtector protector)
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public IndividualNumberProtector Protector { get; } = protector;

    public RegistryDbContext Open()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresRegistryDbContext>();
            Configure(options, Provider, ConnectionString);
            return new PostgresRegistryDbContext(options.Options, Protector);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteRegistryDbContext>();
        Configure(sqlite, Provider, ConnectionString);
        return new SqliteRegistryDbContext(sqlite.Options, Protector);
    }

    /// <summary>Creates the database if needed and applies every pending migration, keeping the data.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        DatabaseProviders.EnsureDirectory(Provider, ConnectionString);
        await using var db = Open();
        await StoreMigrations.ApplyAsync(db, cancellationToken);
    }

    internal static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        DatabaseProviders.Configure(options, provider, connectionString);
        options.ReplaceService<IModelCacheKeyFactory, ProtectorAwareModelCacheKeyFactory>();
    }
}

/// <summary>Lets <c>dotnet ef migrations add --context SqliteRegistryDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRegistryDbContext>
{
    public SqliteRegistryDbContext CreateDbContext(string[] args) =>
        (SqliteRegistryDbContext)new RegistryDatabase(DatabaseProvider.Sqlite, "Data Source=design.db", DesignTimeProtector()).Open();

    internal static IndividualNumberProtector DesignTimeProtector() => new(() => new KeyRing([new byte[32]]), new byte[32]);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresRegistryDbContext</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        (PostgresRegistryDbContext)new RegistryDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design", SqliteDesignTimeFactory.DesignTimeProtector()).Open();
}
