using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jumin.JukiNet.Persistence;

/// <summary>Where one 住基ネット node keeps its store, and how to open it.</summary>
public sealed class JukiNetDatabase(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public JukiNetDbContext Open()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresJukiNetDbContext>();
            DatabaseProviders.Configure(options, Provider, ConnectionString);
            return new PostgresJukiNetDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteJukiNetDbContext>();
        DatabaseProviders.Configure(sqlite, Provider, ConnectionString);
        return new SqliteJukiNetDbContext(sqlite.Options);
    }

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        DatabaseProviders.EnsureDirectory(Provider, ConnectionString);
        await using var db = Open();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

internal sealed class SqliteJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJukiNetDbContext>
{
    public SqliteJukiNetDbContext CreateDbContext(string[] args) => (SqliteJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Sqlite, "Data Source=design.db").Open();
}

internal sealed class PostgresJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJukiNetDbContext>
{
    public PostgresJukiNetDbContext CreateDbContext(string[] args) => (PostgresJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design").Open();
}
