using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Jumin.Domain;
using Jumin.Domain.Identifiers;

namespace Jumin.JukiNet.Protocol;

/// <summary>
/// A node's name on 住基ネット, e.g. <c>registry-032999</c>, <c>cs-032999</c>, <c>prefecture-03</c>, <c>national</c>,
/// <c>agency-nenkin</c>. It is the subject of the node's certificate and the sender of every message it signs.
/// </summary>
public readonly partial record struct NodeId
{
    private NodeId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out NodeId? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        if (input is null || !Shape().IsMatch(input))
        {
            error = new ValidationError("format", "ノード名は registry-／cs-／prefecture-／agency-／callcentre- に英小文字・数字が続く形、または national です。");
            return false;
        }
        value = new NodeId(input);
        error = null;
        return true;
    }

    public static NodeId Parse(string input) => TryParse(input, out var value, out var error) ? value.Value : throw new InvalidValueException(error);

    public override string ToString() => Value;

    /// <summary>What the node is, read from its name (<c>cs-…</c> is a 市町村CS, <c>national</c> the 全国サーバ, …).</summary>
    public NodeRole Role => Value == "national" ? NodeRole.National : Enum.Parse<NodeRole>(Value[..Value.IndexOf('-', StringComparison.Ordinal)], ignoreCase: true);

    /// <summary>
    /// Whether <paramref name="code"/> is this node's 地方公共団体コード: a municipality's node (registry, CS) has its six
    /// digits with the check digit, a 都道府県サーバ its two-digit prefecture code (01–47), each equal to the digits in the
    /// node's name where the name carries them; the 全国サーバ and the コールセンター have none; an agency may have one.
    /// </summary>
    public ValidationError? CheckCode(string? code)
    {
        var suffix = Value[(Value.IndexOf('-', StringComparison.Ordinal) + 1)..];
        switch (Role)
        {
            case NodeRole.Registry or NodeRole.Cs:
                if (string.IsNullOrEmpty(code))
                {
                    return new ValidationError("required", $"{Value} には市町村の{LocalGovernmentCode.Label}（6桁）が必要です。");
                }
                if (code.Length != 6 || !code.All(char.IsAsciiDigit))
                {
                    return new ValidationError("format", $"{LocalGovernmentCode.Label}は検査数字を含む6桁の数字です（{code}）。");
                }
                if (!LocalGovernmentCode.TryParse(code, out var municipality, out var error))
                {
                    return error;
                }
                return suffix.All(char.IsAsciiDigit) && suffix != municipality.Value
                    ? new ValidationError("mismatch", $"{LocalGovernmentCode.Label} {code} がノード名 {Value} の {suffix} と一致しません。")
                    : null;
            case NodeRole.Prefecture:
                if (code is null || code.Length != 2 || !code.All(char.IsAsciiDigit) || int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 47)
                {
                    return new ValidationError("format", $"都道府県サーバの{LocalGovernmentCode.Label}は都道府県コード（01～47の2桁）です（{code}）。");
                }
                return suffix.All(char.IsAsciiDigit) && suffix != code
                    ? new ValidationError("mismatch", $"都道府県コード {code} がノード名 {Value} の {suffix} と一致しません。")
                    : null;
            case NodeRole.Agency:
                return code is null || (code.Length == 6 && LocalGovernmentCode.TryParse(code, out _, out _))
                    ? null
                    : new ValidationError("format", $"{LocalGovernmentCode.Label}は検査数字を含む6桁の数字です（{code}）。");
            default:
                return code is null ? null : new ValidationError("not-applicable", $"{Value} に{LocalGovernmentCode.Label}はありません。");
        }
    }

    [GeneratedRegex("^((registry|cs|prefecture|agency|callcentre)-[0-9a-z]{1,32}|national)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>What a node is on 住基ネット (ARCHITECTURE.md, node roles).</summary>
public enum NodeRole
{
    /// <summary>既存住基システム — the municipality's register; talks only to its own CS.</summary>
    Registry = 1,

    /// <summary>市町村CS (コミュニケーションサーバ).</summary>
    Cs = 2,

    /// <summary>都道府県サーバ.</summary>
    Prefecture = 3,

    /// <summary>全国サーバ (機構).</summary>
    National = 4,

    /// <summary>国の機関等 — an agency 住基法 allows to receive 機構保存本人確認情報 (30条の9; 別表).</summary>
    Agency = 5,

    /// <summary>
    /// 個人番号カード向けコールセンター (機構's contractor; seed 004 §2.10): files 一時停止 for lost or stolen cards after
    /// checking the caller's identity; may do nothing else.
    /// </summary>
    CallCentre = 6,
}
