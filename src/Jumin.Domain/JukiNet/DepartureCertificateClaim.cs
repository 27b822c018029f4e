namespace Jumin.Domain.JukiNet;

/// <summary>
/// Who may take a 転出証明書情報 (特例転入, j670; 住基法24条の2): it can be taken once, so a claim by the wrong
/// municipality would use it up and leave the real destination without it. Only the municipality the 転出 named takes it;
/// where the 転出先 names no municipality of the network, any municipality but the one the person left.
/// </summary>
public static class DepartureCertificateClaim
{
    /// <param name="origin">地方公共団体コード of the municipality the person left.</param>
    /// <param name="requester">地方公共団体コード of the municipality asking for it, as the 全国サーバ vouches for it.</param>
    /// <param name="plannedDestination">The 転出先（予定） of the 転出 as entered.</param>
    /// <param name="municipalities">Every municipality of the network: its code and its place name (都道府県名 + 市区町村名).</param>
    /// <returns>Why the claim is refused, or null when it may be handed over.</returns>
    public static string? Refusal(string origin, string? requester, string? plannedDestination, IReadOnlyCollection<(string Code, string PlaceName)> municipalities)
    {
        if (string.IsNullOrEmpty(requester))
        {
            return "要求元の市町村が分からないため、転出証明書情報は渡せません。";
        }
        if (requester == origin)
        {
            return "転出元の市町村は自らの転出証明書情報を取得できません（取得できるのは転入先の市町村だけです）。";
        }
        var named = string.IsNullOrEmpty(plannedDestination)
            ? []
            : municipalities.Where(m => m.Code != origin && m.PlaceName.Length > 0 && plannedDestination.Contains(m.PlaceName, StringComparison.Ordinal)).Select(m => m.Code).ToList();
        return named.Count > 0 && !named.Contains(requester)
            ? $"転出証明書情報は転出先（{plannedDestination}）の市町村だけが取得できます。"
            : null;
    }
}
