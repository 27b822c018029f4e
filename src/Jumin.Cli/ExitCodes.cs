using System.Net.Sockets;
using Jumin.Storage.Security;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Jumin.Cli;

/// <summary>
/// What <c>jumin</c> exits with, so that a script or a service unit can tell a refusal from a database that is down
/// (listed in the README).
/// </summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command or its arguments are wrong, or there is nothing to act on (e.g. no demo accounts).</summary>
    public const int Usage = 1;

    /// <summary>Refused or found wrong: bad input, no right, a broken audit chain, a peer that said no.</summary>
    public const int Refused = 2;

    /// <summary>The database could not be reached or opened.</summary>
    public const int DatabaseUnreachable = 3;

    /// <summary>A key file others may read or write (<see cref="UnprotectedKeyException"/>).</summary>
    public const int UnprotectedKey = 4;

    /// <summary>Anything else: a fault, shown with its stack trace for the report.</summary>
    public const int Fault = 70;

    /// <summary>Says in Japanese what went wrong and what to check, and picks the exit code.</summary>
    public static int Report(Exception exception)
    {
        var causes = Causes(exception).ToList();
        if (causes.OfType<CommandAppException>().FirstOrDefault() is { } usage)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(usage.Message)}[/]");
            return Usage;
        }
        if (causes.OfType<UnprotectedKeyException>().FirstOrDefault() is { } key)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(key.Message)}[/]");
            return UnprotectedKey;
        }
        if (Unreachable(causes) is { } database)
        {
            AnsiConsole.MarkupLine($"[red]データベースに接続できません[/]（{Markup.Escape(database.Message)}）。接続文字列（--connection または ConnectionStrings__Registry）と、データベースが起動していて、このサーバから届くことを確認してください。");
            return DatabaseUnreachable;
        }
        AnsiConsole.WriteException(exception);
        return Fault;
    }

    /// <summary>
    /// The failure that says the database is not there: no connection to PostgreSQL, or a SQLite file that cannot be
    /// opened. A socket error alone is not one: a node command that cannot reach a peer fails on a socket too.
    /// </summary>
    private static Exception? Unreachable(List<Exception> causes) =>
        causes.FirstOrDefault(e => e is DatabaseUnavailableException or NpgsqlException { InnerException: SocketException or TimeoutException or IOException }
            || (e is PostgresException p && p.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.CannotConnectNow)
            || e is SqliteException { SqliteErrorCode: 14 });

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }
}
