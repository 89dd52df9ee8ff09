using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>A judge model's answer, what it cost (null for a judge model without a price), and where its transcript is.</summary>
public sealed record JudgeAnswer(ModelResponse Response, decimal? Usd, string Transcript)
{
    /// <summary>
    /// The grading this answer gives: the verdict's grade, or a <c>parse_failure</c> with its code. Either way the raw
    /// text, cost, tokens and transcript are kept.
    /// </summary>
    public GradeOutcome Outcome(Verdict verdict, double? score, bool? passed, string? detail)
    {
        var usage = Response.Usage;
        return new GradeOutcome(
            verdict.Parsed ? GradingStatus.Done : GradingStatus.ParseFailure,
            verdict.Parsed ? score : null,
            verdict.Parsed ? passed : null,
            verdict.Label,
            verdict.Parsed ? detail ?? verdict.Reasoning : $"judge answer not usable: {verdict.Code}",
            null,
            Usd,
            usage.InputTokens,
            usage.OutputTokens + usage.ReasoningTokens,
            Transcript)
        {
            VerdictCode = verdict.Code,
            RawText = Response.Text,
            CacheReadTokens = usage.CacheReadTokens,
            CacheWriteTokens = usage.CacheWriteTokens,
        };
    }
}
