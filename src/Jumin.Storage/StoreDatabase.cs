using Microsoft.EntityFrameworkCore;

namespace Jumin.Storage;

/// <summary>
/// Where one store lives and how to open it: the same context on SQLite or on PostgreSQL, each provider with a context
/// type (and migrations) of its own. A node's store, the 個人番号生成システム's and the カード管理システム's are each one.
/// </summary>
public abstract class StoreDatabase<TContext>(DatabaseProvider provider, string connectionString) where TContext : DbContext
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public abstract TContext Open();

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public virtual async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        DatabaseProviders.EnsureDirectory(Provider, ConnectionString);
        await using var db = Open();
        await StoreMigrations.ApplyAsync(db, cancellationToken);
    }

    /// <summary>Opens the provider's own context type with the project's options for that provider.</summary>
    protected TContext Open<TSqlite, TPostgres>(Func<DbContextOptions<TSqlite>, TSqlite> sqlite, Func<DbContextOptions<TPostgres>, TPostgres> postgres)
        where TSqlite : TContext
        where TPostgres : TContext
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<TPostgres>();
            DatabaseProviders.Configure(options, Provider, ConnectionString);
            return postgres(options.Options);
        }
        var sqliteOptions = new DbContextOptionsBuilder<TSqlite>();
        DatabaseProviders.Configure(sqliteOptions, Provider, ConnectionString);
        return sqlite(sqliteOptions.Options);
    }
}
