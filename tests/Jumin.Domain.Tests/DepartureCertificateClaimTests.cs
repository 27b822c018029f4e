using Jumin.Domain.JukiNet;

namespace Jumin.Domain.Tests;

/// <summary>Issue 15 item 4: the one-time 転出証明書情報 (j670) goes only to the municipality the person moves to.</summary>
public class DepartureCertificateClaimTests
{
    private static readonly (string Code, string PlaceName)[] Network = [("032999", "岩手県みどり市"), ("131016", "東京都あおば区"), ("041009", "宮城県仙台市")];

    [Fact]
    public void The_destination_the_departure_named_takes_it()
    {
        Assert.Null(DepartureCertificateClaim.Refusal("032999", "131016", "東京都あおば区中央一丁目５番６号", Network));
    }

    [Fact]
    public void The_municipality_the_person_left_may_not_take_it()
    {
        Assert.Contains("転出元の市町村", DepartureCertificateClaim.Refusal("032999", "032999", "東京都あおば区中央一丁目５番６号", Network));
        Assert.Contains("転出元の市町村", DepartureCertificateClaim.Refusal("032999", "032999", null, Network));
    }

    [Fact]
    public void Another_municipality_than_the_named_destination_may_not_take_it()
    {
        Assert.Contains("東京都あおば区中央一丁目５番６号", DepartureCertificateClaim.Refusal("032999", "041009", "東京都あおば区中央一丁目５番６号", Network));
    }

    [Fact]
    public void Where_the_destination_names_no_municipality_of_the_network_any_but_the_origin_may_take_it()
    {
        Assert.Null(DepartureCertificateClaim.Refusal("032999", "041009", "北海道札幌市中央区", Network));
        Assert.Null(DepartureCertificateClaim.Refusal("032999", "041009", null, Network));
        Assert.NotNull(DepartureCertificateClaim.Refusal("032999", null, null, Network));
    }
}
