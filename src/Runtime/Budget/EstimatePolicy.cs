using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// How many output tokens the estimate assumes per call: <c>expected</c> (min(max_tokens, 400)) or
/// <c>worst-case</c> (max_tokens, 4096 when unset).
/// </summary>
public sealed record EstimatePolicy(string Name, Func<int?, int> OutputTokens)
{
    public static readonly EstimatePolicy Expected = new("expected", maxTokens => Math.Min(maxTokens ?? 1024, 400));
    public static readonly EstimatePolicy WorstCase = new("worst-case", maxTokens => maxTokens ?? 4096);

    public static EstimatePolicy Parse(string text) => text.ToLowerInvariant() switch
    {
        "expected" => Expected,
        "worst-case" or "worstcase" or "worst" => WorstCase,
        _ => throw new StudyException(Diagnostic.Error(DiagnosticCodes.InvalidValue, $"unknown --policy '{text}': use expected or worst-case")),
    };
}
