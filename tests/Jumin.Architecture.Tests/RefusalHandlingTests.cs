using System.Text.RegularExpressions;

namespace Jumin.Architecture.Tests;

/// <summary>
/// Issue 14 item 4: refusals reach HTTP through one mapping for the API (RefusalMapping) and one for the screens
/// (RefusalPageFilter), not through a try/catch in each endpoint and page. The Web project keeps at most five catch
/// blocks: those two, and the few that are not about refusals.
/// </summary>
public sealed partial class RefusalHandlingTests
{
    private const int MostCatchBlocksInWeb = 5;

    [Fact]
    public void The_web_project_answers_refusals_in_one_place_not_in_each_endpoint_and_page()
    {
        var web = Path.Combine(SourceSizeTests.RepositoryRoot(), "src", "Jumin.Web");
        var catches = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CatchClause().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(web, f)}: {m.Value.Trim()}"))
            .ToList();

        Assert.True(catches.Count <= MostCatchBlocksInWeb, $"{catches.Count} catch blocks in Jumin.Web (at most {MostCatchBlocksInWeb}):\n{string.Join("\n", catches)}");
        Assert.Contains(catches, c => c.Contains("RefusalMapping.cs: catch (RefusalException", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\bcatch\b\s*(\([^)]*\))?")]
    private static partial Regex CatchClause();
}
