using NodaTime;

namespace Jumin.Domain.JukiNet;

/// <summary>カード運用状況 — where a 個人番号カード stands in the 個人番号カード管理システム's ledger (seed 004 file (3) item 96).</summary>
public enum CardStatus
{
    /// <summary>未交付: issued and sent to the municipality, not yet handed to the holder.</summary>
    NotHandedOver = 1,

    /// <summary>運用中: handed over and usable.</summary>
    InUse = 2,

    /// <summary>一時停止: use stopped after a loss or theft was reported (seed 004 §2.10).</summary>
    Suspended = 3,

    /// <summary>廃止: no longer valid (カード廃止日・廃止理由).</summary>
    Abolished = 4,
}

/// <summary>
/// A window operation on a card or its ledger (seed 004 §1.3 item 11: 交付前設定, 交付, 一時停止, 廃止, 回収; seed 001
/// 「個人番号カードの交付，廃止，回収又は一時停止解除に係る情報や個人番号カードの返還情報」; j1110).
/// </summary>
public enum CardOperation
{
    /// <summary>交付申請: the 交付申請書 is taken and the card is made (a new card replaces any earlier one).</summary>
    Application = 1,

    /// <summary>交付: the municipality hands the card to the holder after checking who they are.</summary>
    HandOver = 2,

    /// <summary>一時停止: by the municipality, or by the コールセンター after a loss or theft.</summary>
    Suspend = 3,

    /// <summary>一時停止解除: at the window only, once the card is found and the holder identified.</summary>
    Resume = 4,

    /// <summary>廃止: the card stops being valid (転出後の未継続, 死亡, 再交付, 本人の申出 …).</summary>
    Abolish = 5,

    /// <summary>回収: the municipality takes back a card that has been abolished.</summary>
    Collect = 6,

    /// <summary>返還: the holder gives the card back (返納); it is abolished and collected at once.</summary>
    Return = 7,
}

public static class CardOperations
{
    public static string JapaneseName(this CardOperation operation) => operation switch
    {
        CardOperation.Application => "交付申請",
        CardOperation.HandOver => "交付",
        CardOperation.Suspend => "一時停止",
        CardOperation.Resume => "一時停止解除",
        CardOperation.Abolish => "廃止",
        CardOperation.Collect => "回収",
        CardOperation.Return => "返還",
        _ => operation.ToString(),
    };

    public static string JapaneseName(this CardStatus status) => status switch
    {
        CardStatus.NotHandedOver => "未交付",
        CardStatus.InUse => "運用中",
        CardStatus.Suspended => "一時停止",
        CardStatus.Abolished => "廃止",
        _ => status.ToString(),
    };

    /// <summary>Parses the Japanese name of an operation (as the window and the API give it).</summary>
    public static CardOperation? FromJapanese(string? name) =>
        Enum.GetValues<CardOperation>().Cast<CardOperation?>().FirstOrDefault(o => o!.Value.JapaneseName() == name);

    /// <summary>Operations that must say why (一時停止理由, カード廃止理由; seed 004 file (3) items 99, 101).</summary>
    public static bool NeedsReason(this CardOperation operation) => operation is CardOperation.Suspend or CardOperation.Abolish;
}

/// <summary>One card's state in the ledger: its status and whether the municipality has it back (カード回収日).</summary>
public sealed record CardState(CardStatus Status, bool Collected);

/// <summary>
/// Which operation a card in a given state allows (j1110; seed 004 §2.10). A suspension is lifted only at the window,
/// never by the コールセンター, because the holder must be identified in person; a card is collected only once it is
/// abolished; nothing happens to an abolished card but its collection.
/// </summary>
public static class CardLedgerRules
{
    /// <returns>The state after the operation, or the rule it breaks (Japanese).</returns>
    public static (CardState? After, string? Refusal) Apply(CardState current, CardOperation operation, bool byCallCentre)
    {
        if (byCallCentre && operation != CardOperation.Suspend)
        {
            return (null, "コールセンターが行えるのは一時停止だけです。");
        }
        return (current.Status, operation) switch
        {
            (CardStatus.NotHandedOver, CardOperation.HandOver) => (current with { Status = CardStatus.InUse }, null),
            (CardStatus.InUse, CardOperation.Suspend) => (current with { Status = CardStatus.Suspended }, null),
            (CardStatus.Suspended, CardOperation.Resume) => (current with { Status = CardStatus.InUse }, null),
            (not CardStatus.Abolished, CardOperation.Abolish) => (current with { Status = CardStatus.Abolished }, null),
            (not CardStatus.Abolished, CardOperation.Return) => (new CardState(CardStatus.Abolished, true), null),
            (CardStatus.Abolished, CardOperation.Collect) when !current.Collected => (current with { Collected = true }, null),
            (CardStatus.Abolished, CardOperation.Collect) => (null, "このカードは既に回収されています。"),
            (CardStatus.Abolished, _) => (null, $"廃止されたカードには{operation.JapaneseName()}を行えません。"),
            (_, CardOperation.Collect) => (null, "回収できるのは廃止されたカードだけです（先に廃止してください）。"),
            (CardStatus.Suspended, CardOperation.Suspend) => (null, "このカードは既に一時停止されています。"),
            _ => (null, $"{current.Status.JapaneseName()}のカードには{operation.JapaneseName()}を行えません。"),
        };
    }

    /// <summary>
    /// カード有効期限 (番号法施行規則): the holder's 10th birthday after issue, or the 5th for someone under 18 on the
    /// day of issue. A 29 February birthday falls on 28 February in common years.
    /// </summary>
    public static LocalDate Expiry(LocalDate birthDate, LocalDate issuedOn)
    {
        var adult = birthDate.PlusYears(18) <= issuedOn;
        var years = Period.Between(birthDate, issuedOn, PeriodUnits.Years).Years;
        return birthDate.PlusYears(years + (adult ? 10 : 5));
    }
}
