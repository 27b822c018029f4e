using Microsoft.EntityFrameworkCore;

namespace Jumin.Storage;

/// <summary>Which database engine holds a node's store.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default.</summary>
    Sqlite,

    /// <summary>Production.</summary>
    Postgres,
}

public static class DatabaseProviders
{
    /// <summary>Reads <c>Database:Provider</c> (Sqlite, Postgres); empty means the embedded default.</summary>
    public static DatabaseProvider Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"Database:Provider「{name}」は使えません。Sqlite または Postgres を指定してください。", nameof(name)),
    };

    /// <summary>The EF Core options every node uses: the provider, snake_case names, one migrations table name.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
        }
        else
        {
            options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
        }
        options.UseSnakeCaseNamingConvention();
    }

    /// <summary>SQLite creates the file but not its directory.</summary>
    public static void EnsureDirectory(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (directory is null)
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException($"SQLite のデータベース {builder.DataSource} のディレクトリ {directory} を作れません: {e.Message}", e);
        }
    }
}

/// <summary>The database cannot be reached or opened (as opposed to refusing what was asked of it).</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
