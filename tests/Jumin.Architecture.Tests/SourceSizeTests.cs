namespace Jumin.Architecture.Tests;

/// <summary>
/// Issue 14: no source file outside the migrations grows past 350 lines: a file that does has more than one concern
/// and is split by concern (a partial class per use case or message family where the state is shared).
/// </summary>
public sealed class SourceSizeTests
{
    private const int Limit = 350;

    [Fact]
    public void No_source_file_grows_past_350_lines()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);

        var tooLong = files
            .Select(f => (File: f, Lines: File.ReadLines(Path.Combine(root, f)).Count()))
            .Where(f => f.Lines > Limit)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        Assert.Empty(tooLong);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jumin.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Jumin.slnx not found above the test's directory.");
    }
}
