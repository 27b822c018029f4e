using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.National.Cards;

/// <summary>
/// Seals, once, the 個人番号 a release before sealing kept in clear in the カード管理システム's store (issue 15 item 6): on
/// each card (with the keyed hash it is now found by) and each received 送付先情報. A store with nothing in clear costs
/// two queries.
/// </summary>
internal static class CardSealing
{
    private const int BatchSize = 1000;

    public static async Task RunAsync(CardDatabase database, CancellationToken cancellationToken)
    {
        var protector = database.Protector;
        int count;
        do
        {
            await using var db = database.Open();
            var cards = await db.Cards.Where(c => !c.IndividualNumber.StartsWith(IndividualNumberProtector.TextPrefix)).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var card in cards)
            {
                card.IndividualNumberHash = protector.LookupHash(card.IndividualNumber);
                card.IndividualNumber = protector.SealText(card.IndividualNumber);
            }
            var destinations = await db.Destinations.Where(d => !d.IndividualNumber.StartsWith(IndividualNumberProtector.TextPrefix)).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var destination in destinations)
            {
                destination.IndividualNumber = protector.SealText(destination.IndividualNumber);
            }
            await db.SaveChangesAsync(cancellationToken);
            count = Math.Max(cards.Count, destinations.Count);
        }
        while (count == BatchSize);
    }
}
