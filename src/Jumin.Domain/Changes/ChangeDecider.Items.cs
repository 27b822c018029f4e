using Jumin.Domain.Dates;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>Items that parse but cannot be true of this register: a birth after today, a 住所 of another municipality (j1440).</summary>
public sealed partial class ChangeDecider
{
    private void CheckBirthDate(ResidentRecord? before, ResidentRecord after)
    {
        if (before is not null && before.BirthDate == after.BirthDate)
        {
            return;
        }
        if (after.BirthDate.SortKey > RecordedDate.FromLocalDate(context.Today).SortKey)
        {
            Error(FindingCatalogue.FutureBirthDate, "birthDate", "生年月日", $"生年月日（{after.BirthDate}）が処理日（{context.Today:yyyy-MM-dd}）より後です。", after.AtenaNumber);
        }
    }

    /// <summary>The new 住所 is in this municipality (転入, 転居, 世帯 changes …), so its 住所コード begins with this municipality's code (j250).</summary>
    private void CheckLocalAddressCode()
    {
        if (request.NewAddress is { } address && address.AddressCode.MunicipalityCode != context.Municipality.FiveDigits)
        {
            Error(FindingCatalogue.AddressOfAnotherMunicipality, "newAddress.addressCode", "住所コード",
                $"住所コード {address.AddressCode} は他の市区町村（{address.AddressCode.MunicipalityCode}）のものです。この市区町村（{context.Municipality.FiveDigits}）の住所コードを住所辞書から選んでください。");
        }
    }
}
