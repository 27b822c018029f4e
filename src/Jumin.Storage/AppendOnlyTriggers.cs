namespace Jumin.Storage;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on append-only tables, so that not even a bug
/// or a hand-typed SQL statement in the application's role rewrites history (j200, j1370
/// 書き込み禁止等の改ざん防止措置). Migrations name their tables explicitly, so that an applied
/// migration never changes meaning.
/// </summary>
public static class AppendOnlyTriggers
{
    private const string PostgresFunction = """
        CREATE OR REPLACE FUNCTION jumin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$;
        """;

    public static IEnumerable<string> Sqlite(params string[] tables) =>
        tables.SelectMany(table => (string[])
        [
            $"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
            $"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        ]);

    public static IEnumerable<string> SqliteDrop(params string[] tables) =>
        tables.SelectMany(table => (string[])
        [
            $"DROP TRIGGER IF EXISTS {table}_no_update;",
            $"DROP TRIGGER IF EXISTS {table}_no_delete;",
        ]);

    public static IEnumerable<string> Postgres(params string[] tables) =>
        tables.SelectMany(table => (string[])
        [
            $"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION jumin_refuse_change();",
            $"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION jumin_refuse_change();",
        ]).Prepend(PostgresFunction);

    public static IEnumerable<string> PostgresDrop(params string[] tables) =>
        tables.SelectMany(table => (string[])
        [
            $"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
            $"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
        ]).Append("DROP FUNCTION IF EXISTS jumin_refuse_change();");

    /// <summary>
    /// Lifts the guard of one append-only table inside the caller's transaction, for a one-time rewrite by a new release
    /// (sealing values an earlier one kept in clear); <see cref="Restore"/> puts it back in the same transaction, so no
    /// other session ever sees the table unguarded (PostgreSQL locks the table until the commit).
    /// </summary>
    public static IEnumerable<string> Suspend(DatabaseProvider provider, string table) =>
        provider == DatabaseProvider.Postgres ? PostgresDrop(table).SkipLast(1) : SqliteDrop(table);

    /// <summary>Puts back what <see cref="Suspend"/> lifted.</summary>
    public static IEnumerable<string> Restore(DatabaseProvider provider, string table) =>
        provider == DatabaseProvider.Postgres ? Postgres(table) : Sqlite(table);

    /// <summary>
    /// A log kept for a fixed number of years: rows are never changed, and deleted only once older than the retention
    /// (e.g. 提供記録, 7 years). The column holds the row's time in UTC.
    /// </summary>
    public static IEnumerable<string> SqliteRetention(string table, string column, int years) =>
    [
        $"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        $"CREATE TRIGGER {table}_retention BEFORE DELETE ON {table} WHEN OLD.{column} > datetime('now', '-{years} years') BEGIN SELECT RAISE(ABORT, '{table} rows are kept {years} years'); END;",
    ];

    public static IEnumerable<string> SqliteRetentionDrop(string table) =>
    [
        $"DROP TRIGGER IF EXISTS {table}_no_update;",
        $"DROP TRIGGER IF EXISTS {table}_retention;",
    ];

    public static IEnumerable<string> PostgresRetention(string table, string column, int years) =>
    [
        $"""
        CREATE OR REPLACE FUNCTION {table}_retention() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR OLD.{column} > now() - interval '{years} years' THEN
            RAISE EXCEPTION '{table} rows are kept {years} years and never changed' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END $$;
        """,
        $"CREATE TRIGGER {table}_retention BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_retention();",
        $"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION jumin_refuse_change();",
    ];

    public static IEnumerable<string> PostgresRetentionDrop(string table) =>
    [
        $"DROP TRIGGER IF EXISTS {table}_retention ON {table};",
        $"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
        $"DROP FUNCTION IF EXISTS {table}_retention();",
    ];
}
