using Jumin.Domain.Audit;
using Jumin.Registry;
using Jumin.Registry.Access;

/// <summary>The demo accounts a bench works as, on the bench's terminal, with the 処理事由 every 照会 must state (M-10).</summary>
internal static class BenchOperators
{
    public static readonly ProcessingReason Reason = ProcessingReason.Create(ProcessingReasonKind.Other, "性能測定（ベンチマーク）");

    public static async Task<Operator> FindAsync(RegistryNode node, string userId) =>
        (await node.Accounts.FindOperatorAsync(userId, "BENCH", "ベンチマーク") ?? throw new InvalidOperationException($"{userId} がありません")) with { Reason = Reason };
}
