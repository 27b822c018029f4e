using Jumin.Domain.Identifiers;

namespace Jumin.Registry.Demo;

/// <summary>One 町字 of the demo 住所辞書 (j250): its name, 大字・小字 code and 郵便番号.</summary>
public sealed record DemoTown(string Name, string TownCode, string PostalCode, bool ResidenceIndication);

/// <summary>
/// The demo municipality: a fictional 岩手県みどり市. Its 地方公共団体コード (03299 + check digit) is
/// not assigned to any real municipality, and every 町字, 郵便番号 and person in it is synthetic.
/// </summary>
public static class DemoMunicipality
{
    public const string Prefecture = "岩手県";

    public const string Name = "みどり市";

    public static LocalGovernmentCode Code { get; } = LocalGovernmentCode.Parse("03299");

    public static IReadOnlyList<DemoTown> Towns { get; } =
    [
        new("中央一丁目", "001001", "0299901", true),
        new("中央二丁目", "001002", "0299901", true),
        new("中央三丁目", "001003", "0299901", true),
        new("本町", "002000", "0299902", true),
        new("緑町", "003000", "0299903", true),
        new("桜台一丁目", "004001", "0299904", true),
        new("桜台二丁目", "004002", "0299904", true),
        new("若葉町", "005000", "0299905", true),
        new("旭町", "006000", "0299906", true),
        new("栄町", "007000", "0299907", true),
        new("青葉台", "008000", "0299908", true),
        new("東町", "009000", "0299909", true),
        new("西町", "010000", "0299910", true),
        new("南町", "011000", "0299911", true),
        new("北町", "012000", "0299912", true),
        new("川原町", "013000", "0299913", false),
        new("大字上野", "014000", "0299914", false),
        new("大字上野字沢田", "014001", "0299914", false),
        new("大字下田", "015000", "0299915", false),
        new("大字山口", "016000", "0299916", false),
    ];

    /// <summary>住所 as written on the 住民票: 都道府県 + 市区町村 + 町字.</summary>
    public static string AddressOf(DemoTown town) => Prefecture + Name + town.Name;

    public static AddressCode AddressCodeOf(DemoTown town) => AddressCode.Parse(Code.FiveDigits + town.TownCode);
}
