using System.Collections.Concurrent;
using Npgsql;

namespace Jumin.Testing;

/// <summary>
/// Stores built once per test process and copied for each test: a SQLite file is copied, a PostgreSQL database is
/// made with <c>CREATE DATABASE … TEMPLATE</c>. Building a store means replaying every migration (and, for a demo
/// register, generating its people); copying takes milliseconds, so each test still gets a store of its own.
/// A template is a directory (keys, demo files, the SQLite file) and, on PostgreSQL, a database beside it.
/// </summary>
public static class DatabaseTemplates
{
    private static readonly string Root = Directory.CreateTempSubdirectory("jumin-templates-").FullName;
    private static readonly ConcurrentDictionary<(DatabaseProvider, string), Lazy<Task<Template>>> Built = new();
    private static readonly ConcurrentBag<string> PostgresTemplates = [];

    static DatabaseTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Cleanup();

    /// <summary>A built template: its directory and, on PostgreSQL, its database.</summary>
    private sealed record Template(string Directory, string? PostgresDatabase);

    /// <summary>The template's SQLite file, in its directory.</summary>
    private const string SqliteFile = "template.db";

    /// <summary>
    /// Copies a template (built on first use) into a directory and returns the connection string of the copy's database.
    /// </summary>
    /// <param name="provider">SQLite or PostgreSQL; each has templates of its own.</param>
    /// <param name="key">Names the template: the same key, the same content.</param>
    /// <param name="build">Fills a template given its connection string and directory.</param>
    /// <param name="targetDirectory">Receives the template's files (keys, demo files and, on SQLite, the database).</param>
    /// <param name="fileName">The SQLite copy's file name in <paramref name="targetDirectory"/>.</param>
    /// <param name="postgresDatabase">The PostgreSQL copy's database name.</param>
    public static async Task<string> CopyAsync(DatabaseProvider provider, string key, Func<string, string, Task> build, string targetDirectory, string fileName, string postgresDatabase)
    {
        var template = await Built.GetOrAdd((provider, key), _ => new Lazy<Task<Template>>(() => BuildAsync(provider, key, build))).Value;
        CopyDirectory(template.Directory, targetDirectory, fileName);
        if (provider == DatabaseProvider.Sqlite)
        {
            return SqliteConnection(targetDirectory, fileName);
        }
        await using (var connection = new NpgsqlConnection(Postgres("postgres")))
        {
            await connection.OpenAsync();
            // FILE_COPY copies the files whole: for a database of a few MB, twice as fast as the block-by-block WAL_LOG.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase} TEMPLATE {template.PostgresDatabase} STRATEGY FILE_COPY", connection);
            await create.ExecuteNonQueryAsync();
        }
        return Postgres(postgresDatabase);
    }

    private static async Task<Template> BuildAsync(DatabaseProvider provider, string key, Func<string, string, Task> build)
    {
        var directory = Path.Combine(Root, Sanitise(key) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            var connection = SqliteConnection(directory, SqliteFile);
            await build(connection, directory);
            // The copy must see a closed, complete file.
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(connection));
            return new Template(directory, null);
        }
        await StaleTemplatesDropped.Value;
        var database = $"{TemplatePrefix}{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        PostgresTemplates.Add(database);
        var postgres = Postgres(database);
        await build(postgres, directory);
        // CREATE DATABASE … TEMPLATE refuses a template anybody is connected to, idle pooled connections included.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(postgres));
        return new Template(directory, database);
    }

    private const string TemplatePrefix = "jumin_tpl_";

    private static readonly Lazy<Task> StaleTemplatesDropped = new(DropStaleTemplatesAsync);

    /// <summary>
    /// Drops the templates of test processes that have ended (a test host may be stopped before it cleans up), so that a
    /// long-lived development server does not fill up; the template names carry their process's id.
    /// </summary>
    private static async Task DropStaleTemplatesAsync()
    {
        await using var connection = new NpgsqlConnection(Postgres("postgres"));
        await connection.OpenAsync();
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{TemplatePrefix}%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (int.TryParse(name[TemplatePrefix.Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
                {
                    stale.Add(name);
                }
            }
        }
        foreach (var name in stale)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SqliteConnection(string directory, string fileName) => $"Data Source={Path.Combine(directory, fileName)}";

    private static string Postgres(string database) => new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = database }.ConnectionString;

    private static string Sanitise(string key) => string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static void CopyDirectory(string from, string to, string sqliteFileName)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var target = Path.Combine(to, relative == SqliteFile ? sqliteFileName : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Drops the PostgreSQL templates and deletes the directories when the test process ends.</summary>
    private static void Cleanup()
    {
        if (!PostgresTemplates.IsEmpty)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                using var connection = new NpgsqlConnection(Postgres("postgres"));
                connection.Open();
                foreach (var database in PostgresTemplates)
                {
                    using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", connection);
                    drop.ExecuteNonQuery();
                }
            }
            catch (NpgsqlException)
            {
                // The throwaway server may already be gone; it takes its databases with it.
            }
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }
}
