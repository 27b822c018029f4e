using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jumin.JukiNet.Persistence;

/// <summary>Where one 住基ネット node keeps its store, and how to open it.</summary>
public sealed class JukiNetDatabase(DatabaseProvider provider, string connectionString) : StoreDatabase<JukiNetDbContext>(provider, connectionString)
{
    public override JukiNetDbContext Open() => Open<SqliteJukiNetDbContext, PostgresJukiNetDbContext>(options => new SqliteJukiNetDbContext(options), options => new PostgresJukiNetDbContext(options));
}

internal sealed class SqliteJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<SqliteJukiNetDbContext>
{
    public SqliteJukiNetDbContext CreateDbContext(string[] args) => (SqliteJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Sqlite, "Data Source=design.db").Open();
}

internal sealed class PostgresJukiNetDesignTimeFactory : IDesignTimeDbContextFactory<PostgresJukiNetDbContext>
{
    public PostgresJukiNetDbContext CreateDbContext(string[] args) => (PostgresJukiNetDbContext)new JukiNetDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design").Open();
}
