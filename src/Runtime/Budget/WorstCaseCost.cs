using System.Text;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// An upper bound on what one attempt can be billed, for the spend reservation. Input: the prompt's UTF-8 byte count
/// (a BPE token is at least one byte, so tokens never exceed bytes — unlike the estimate's chars/4, which can
/// undercount code or non-English text) plus a per-message allowance for the chat framing; output: the cap
/// (<see cref="CostEstimator.WorstCaseUsd"/>), which bounds reasoning and thinking tokens too.
/// </summary>
public static class WorstCaseCost
{
    private const int TokensPerMessageFraming = 8;

    public static int PromptTokenBound(ModelRequest request) =>
        request.Messages.Sum(message => Encoding.UTF8.GetByteCount(message.Content) + TokensPerMessageFraming);

    public static decimal Usd(ModelPrice price, ModelRequest request) =>
        CostEstimator.WorstCaseUsd(price, request.Model, PromptTokenBound(request), request.Parameters);
}
