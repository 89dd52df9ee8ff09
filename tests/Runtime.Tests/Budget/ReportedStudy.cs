using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Budget;

/// <summary>
/// A study from issue 8, reconstructed: its shape (model, calls, prompt length, lane, template style) and the output
/// tokens a call was billed for, which the reported bill implies. <see cref="BillUsd"/> is what the provider
/// charges when every call gets such a typical answer.
/// </summary>
internal sealed record ReportedStudy(string Model, int Calls, int PromptTokens, LaneParameters Lane, AnswerStyle Style, int BilledOutputTokensPerCall)
{
    public IReadOnlyList<PendingCall> PendingCalls =>
        Enumerable.Repeat(new PendingCall("c1", Model, PromptTokens * 4, Lane, Style), Calls).ToList();

    public decimal BillUsd(PriceTable prices)
    {
        Assert.True(prices.TryGet(Model, out var price));
        return Calls * PriceTable.Cost(price, new TokenUsage(PromptTokens, BilledOutputTokensPerCall));
    }
}
