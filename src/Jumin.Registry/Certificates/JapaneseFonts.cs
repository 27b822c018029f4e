using Jumin.Domain;
using PdfSharp.Fonts;

namespace Jumin.Registry.Certificates;

/// <summary>
/// The IPAex fonts (Debian package fonts-ipaexfont, installed by <c>run.sh</c> and <c>test.sh</c>) for
/// every certificate. PDFsharp takes one resolver per process, so it is installed once; both faces are
/// TrueType outlines, which PDFsharp embeds as subsets (a page is tens of kilobytes, not megabytes).
/// </summary>
public sealed class JapaneseFonts : IFontResolver
{
    public const string Mincho = "IPAexMincho";

    public const string Gothic = "IPAexGothic";

    /// <summary>Where Debian puts the fonts; <c>JUMIN_FONT_DIRECTORY</c> points elsewhere (both files flat in it).</summary>
    private static readonly Dictionary<string, string[]> Files = new()
    {
        [Mincho] = ["ipaexfont-mincho/ipaexm.ttf", "ipaexm.ttf"],
        [Gothic] = ["ipaexfont-gothic/ipaexg.ttf", "ipaexg.ttf"],
    };

    private static int installed;

    private readonly Dictionary<string, Lazy<byte[]>> bytes = Files.ToDictionary(f => f.Key, f => new Lazy<byte[]>(() => File.ReadAllBytes(Locate(f.Key))));

    /// <summary>Installs the resolver for this process, or says which package is missing.</summary>
    public static void EnsureInstalled()
    {
        foreach (var face in Files.Keys)
        {
            Locate(face);
        }
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            GlobalFontSettings.FontResolver = new JapaneseFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(familyName == Gothic ? Gothic : Mincho);

    public byte[]? GetFont(string faceName) => bytes[faceName].Value;

    private static string Locate(string face)
    {
        var directories = new[] { Environment.GetEnvironmentVariable("JUMIN_FONT_DIRECTORY"), "/usr/share/fonts/opentype", "/usr/share/fonts/truetype" };
        foreach (var directory in directories.OfType<string>())
        {
            foreach (var relative in Files[face])
            {
                var path = Path.Combine(directory, relative);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        throw new CertificateFontMissingException(face);
    }
}

/// <summary>The Japanese font for certificates is not installed.</summary>
public sealed class CertificateFontMissingException(string face)
    : RefusalException($"証明書用の日本語フォント {face} が見つかりません。Debian パッケージ fonts-ipaexfont を入れるか、JUMIN_FONT_DIRECTORY を設定してください。")
{
    public override RefusalKind Kind => RefusalKind.Unavailable;
}
