using System.Text.Json;
using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Protocol;

namespace Jumin.JukiNet.Identity;

/// <summary>The kinds of message 住基ネット carries (<see cref="Envelope.Kind"/>).</summary>
public static class MessageKinds
{
    /// <summary>本人確認情報の更新 (j1090): registry → CS → 都道府県サーバ → 全国サーバ, update stream.</summary>
    public const string IdentityUpdate = "identity-update";

    /// <summary>本人確認情報の検索 (CS) or 照会 (全国サーバ), request stream.</summary>
    public const string IdentityQuery = "identity-query";

    /// <summary>個人番号生成要求 (j1130): CS → 全国サーバ → 個人番号生成システム.</summary>
    public const string NumberGeneration = "number-generation";

    /// <summary>個人番号変更要求 (j1130): with the current number, which must belong to the latest 住民票コード.</summary>
    public const string NumberChange = "number-change";

    /// <summary>
    /// 転出証明書情報の要求 (特例転入, j610/j670): the new municipality's registry → its CS → 全国サーバ → the CS of the
    /// municipality the person left, which hands the 転出証明書情報 over once. Request stream.
    /// </summary>
    public const string DepartureCertificate = "departure-certificate";

    /// <summary>転入通知 (j680): the new municipality's CS → 全国サーバ → the old municipality's CS. Update stream.</summary>
    public const string MoveInNotice = "move-in-notice";

    /// <summary>A registry asks its CS for the 転入通知 it has not taken in yet (j700). Request stream.</summary>
    public const string MoveInNoticesPending = "move-in-notices";

    /// <summary>
    /// 整合性確認 (j1100), first step: a digest per bucket of 住民票コード; the receiver names the buckets that differ.
    /// Registry → CS, CS → 都道府県サーバ, CS → 全国サーバ. Request stream.
    /// </summary>
    public const string ConsistencyDigest = "consistency-digest";

    /// <summary>整合性確認, second step: the records of the differing buckets, compared item by item. Request stream.</summary>
    public const string ConsistencyCheck = "consistency-check";

    /// <summary>整合性確認, registry → CS: the CS compares its own file with the 都道府県サーバ and the 全国サーバ. Request stream.</summary>
    public const string ConsistencyLevels = "consistency-levels";

    /// <summary>
    /// 住民票コードの取得 (j870): a registry asks its CS for codes for new numbering; the CS hands them out at random from
    /// its pool and refills the pool from the 全国サーバ. Request stream.
    /// </summary>
    public const string ResidentCodes = "resident-codes";

    /// <summary>A registry tells its CS which 転入通知 it has taken in. Request stream.</summary>
    public const string MoveInNoticesTaken = "move-in-notices-taken";

    /// <summary>
    /// 送付先情報 (j1120; seed 004 §2.9 1-①): registry → CS (request stream; the CS checks the 個人番号 against the latest
    /// 住民票コード and keeps it in its 送付先情報ファイル) → 全国サーバ → 個人番号カード管理システム (update stream).
    /// </summary>
    public const string CardDestination = "card-destination";

    /// <summary>
    /// A window operation on a 個人番号カード (j1110: 交付申請, 交付, 一時停止, 一時停止解除, 廃止, 回収, 返還): registry → CS
    /// → 全国サーバ → カード管理システム; or a 一時停止 from the コールセンター straight to the 全国サーバ. Request stream.
    /// </summary>
    public const string CardOperation = "card-operation";

    /// <summary>カード管理情報の照会 (j1110: whether and which card a person holds). Request stream.</summary>
    public const string CardStatus = "card-status";

    /// <summary>
    /// 一時停止の通知 (seed 004 §2.10 item 3): the カード管理システム tells the municipality a card was suspended at the
    /// コールセンター. 全国サーバ → CS, update stream.
    /// </summary>
    public const string CardSuspended = "card-suspended";

    /// <summary>A registry asks its CS for the card notices it has not taken in. Request stream.</summary>
    public const string CardNoticesPending = "card-notices";

    /// <summary>A registry tells its CS which card notices it has taken in. Request stream.</summary>
    public const string CardNoticesTaken = "card-notices-taken";
}

/// <summary>
/// 転出証明書情報 (住基法24条の2; j650, j670): what a 転出証明書 says, sent through the network instead of on paper when
/// the person moves with a 個人番号カード (特例転出). It travels only between the two municipalities' CS, never up to
/// the 都道府県サーバ or the 全国サーバ's stores.
/// </summary>
public sealed record DepartureCertificateMessage(
    string ResidentCode,
    string? MunicipalityCode,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string? BirthDate,
    int Sex,
    string Address,
    string? IndividualNumber,
    string? HouseholdHeadName,
    string? Relationship,
    string? Domicile,
    string? HeadOfFamilyRegister,
    string? PlannedMoveOutDate,
    string? PlannedDestination);

/// <summary>The request for one person's 転出証明書情報, and its answer.</summary>
public sealed record DepartureCertificateRequest(string ResidentCode, string? RequestingMunicipality = null);

public sealed record DepartureCertificateResult(DepartureCertificateMessage? Certificate, string? Refusal = null);

/// <summary>転入通知 (住基法9条1項; j680): who moved in where, and when.</summary>
public sealed record MoveInNoticeMessage(string ResidentCode, string FromMunicipality, string ToMunicipality, string MoveInDate, string NewAddress, string? NewHouseholdHeadName);

/// <summary>A 転入通知 waiting at the old municipality's CS for its registry.</summary>
public sealed record PendingMoveInNotice(long Id, MoveInNoticeMessage Notice, DateTime ReceivedAt);

public sealed record PendingMoveInNotices(IReadOnlyList<PendingMoveInNotice> Notices);

public sealed record MoveInNoticesTaken(IReadOnlyList<long> Ids);

/// <summary>
/// 本人確認情報 on the wire (<see cref="MessageKinds.IdentityUpdate"/>). A registry leaves
/// <see cref="MunicipalityCode"/> empty: its CS fills in its own.
/// </summary>
public sealed record IdentityUpdateMessage(
    string ResidentCode,
    string? MunicipalityCode,
    string Name,
    string NameKana,
    string BirthDate,
    int Sex,
    string Address,
    string? IndividualNumber,
    int ChangeReason,
    string ChangeDate,
    bool IsResident,
    string? PreviousResidentCode = null,
    DepartureCertificateMessage? Departure = null,
    bool IsInitialLoad = false)
{
    public static IdentityUpdateMessage From(IdentityInformation info) => new(
        info.ResidentCode.Value, info.Municipality.Value, info.Name, info.NameKana, info.BirthDate, (int)info.Sex, info.Address,
        info.IndividualNumber?.Digits, (int)info.ChangeReason, info.ChangeDate, info.IsResident, info.PreviousResidentCode?.Value, null, info.IsInitialLoad);

    public static IdentityUpdateMessage Parse(string body) => MessageBodies.Parse<IdentityUpdateMessage>(body);

    /// <summary>
    /// The CS's answer to a row without a 住民票コード: the message keeps the registry's order, nothing is stored, and the
    /// person reaches the network with the 住民票コードの職権記載 (j870).
    /// </summary>
    public const string WithoutResidentCode = "住民票コードが記載されていないため本人確認情報として記録しません（住民票コードの記載後に送信されます）。";

    /// <summary>The 本人確認情報 it carries, or a refusal naming the item that is wrong.</summary>
    /// <exception cref="MalformedMessageException">An item is missing or not valid.</exception>
    public IdentityInformation ToDomain()
    {
        var code = MessageBodies.Valid<ResidentCode>("residentCode", Domain.Identifiers.ResidentCode.TryParse(ResidentCode, out var c, out var e1) ? c : null, e1);
        var municipality = MessageBodies.Valid<LocalGovernmentCode>("municipalityCode", LocalGovernmentCode.TryParse(MunicipalityCode, out var m, out var e2) ? m : null, e2);
        IndividualNumber? number = null;
        if (!string.IsNullOrEmpty(IndividualNumber))
        {
            number = MessageBodies.Valid<IndividualNumber>("individualNumber", Domain.Identifiers.IndividualNumber.TryParse(IndividualNumber, out var n, out var e3) ? n : null, e3);
        }
        ResidentCode? previous = null;
        if (!string.IsNullOrEmpty(PreviousResidentCode))
        {
            previous = MessageBodies.Valid<ResidentCode>("previousResidentCode", Domain.Identifiers.ResidentCode.TryParse(PreviousResidentCode, out var p, out var e4) ? p : null, e4);
        }
        if (!ChangeReasons.IsDefined(ChangeReason))
        {
            throw new MalformedMessageException($"電文の項目 changeReason: 異動事由コード {ChangeReason} はありません（j210）。");
        }
        if (!Enum.IsDefined((Sex)Sex))
        {
            throw new MalformedMessageException($"電文の項目 sex: 性別コード {Sex} はありません（1 男・2 女）。");
        }
        return new IdentityInformation
        {
            ResidentCode = code,
            Municipality = municipality,
            Name = MessageBodies.Required("name", Name),
            NameKana = MessageBodies.Required("nameKana", NameKana),
            BirthDate = MessageBodies.Required("birthDate", BirthDate),
            Sex = (Sex)Sex,
            Address = MessageBodies.Required("address", Address),
            IndividualNumber = number,
            ChangeReason = (ChangeReason)ChangeReason,
            ChangeDate = MessageBodies.Required("changeDate", ChangeDate),
            IsResident = IsResident,
            PreviousResidentCode = previous,
            IsInitialLoad = IsInitialLoad,
        };
    }
}

/// <summary>更新結果 — what a node did with one 本人確認情報 update (the 全国サーバ's 本人確認情報更新結果).</summary>
public sealed record UpdateResult(string ResidentCode, bool Applied, string? Rule = null, string? Message = null);

/// <summary>A 本人確認情報 search or 照会: criteria, and who asks on what ground (for the 提供記録).</summary>
public sealed record IdentityQueryMessage(
    string Operator,
    string LegalGround,
    string? ResidentCode = null,
    string? IndividualNumber = null,
    string? Name = null,
    string? NameKana = null,
    string? BirthDate = null,
    int? Sex = null,
    string? Address = null)
{
    public IdentitySearchCriteria Criteria() => IdentitySearchCriteria.Create(ResidentCode, IndividualNumber, Name, NameKana, BirthDate, Sex is { } s && Enum.IsDefined((Sex)s) ? (Sex)s : null, Address);
}

/// <summary>The answer to a search: the people found, or why the search was refused.</summary>
public sealed record IdentityQueryResult(IReadOnlyList<IdentityUpdateMessage> Found, string? Refusal = null, string? Field = null);

/// <summary>個人番号生成要求 / 変更要求 and their answer.</summary>
public sealed record NumberRequestMessage(string ResidentCode, string? CurrentIndividualNumber = null);

public sealed record NumberRequestResult(string ResidentCode, string? IndividualNumber, string? Refusal = null);

public static class MessageBodies
{
    public static T Parse<T>(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Envelope.Json) ?? throw new MalformedMessageException("電文の本文が空です。");
        }
        catch (JsonException e)
        {
            throw new MalformedMessageException($"電文の本文を読めません（{typeof(T).Name}）: {e.Message}");
        }
    }

    public static T Valid<T>(string field, T? value, ValidationError? error) where T : class =>
        value ?? throw new MalformedMessageException($"電文の項目 {field}: {error?.Message ?? "値がありません。"}");

    public static string Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw new MalformedMessageException($"電文の項目 {field}: 値がありません。") : value;
}

/// <summary>住民票コードの取得 (j870): how many codes.</summary>
public sealed record ResidentCodeRequest(int Count);

/// <summary>The codes handed out, and how many are left in the pool (for the low-stock alert).</summary>
public sealed record ResidentCodeResult(IReadOnlyList<string> Codes, int Remaining, string? Refusal = null);
