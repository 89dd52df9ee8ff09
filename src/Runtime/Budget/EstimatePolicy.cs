using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Which total the budget gate compares with <c>max_usd</c>: <c>expected</c> (typical answers and reasoning, see
/// <see cref="OutputEstimate"/>) or <c>worst-case</c> (every call uses its whole output cap). Both are always shown.
/// </summary>
public sealed record EstimatePolicy(string Name, bool UsesWorstCase)
{
    public static readonly EstimatePolicy Expected = new("expected", false);
    public static readonly EstimatePolicy WorstCase = new("worst-case", true);

    public static EstimatePolicy Parse(string text) => text.ToLowerInvariant() switch
    {
        "expected" => Expected,
        "worst-case" or "worstcase" or "worst" => WorstCase,
        _ => throw new StudyException(Diagnostic.Error(DiagnosticCodes.InvalidValue, $"unknown --estimate '{text}': use expected or worst-case")),
    };
}
