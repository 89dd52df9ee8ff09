namespace ItemEval.Runtime.Budget;

/// <summary>
/// What a condition's stored calls actually produced: output tokens (reasoning included) per call, mean, standard
/// deviation and 95th percentile. Once a pilot has run, the estimate uses the mean in place of the typical-answer
/// heuristics; the standard deviation says how far that mean can be from the rest's.
/// </summary>
public sealed record ObservedOutput(int Calls, double MeanTokens, double P95Tokens, double StdDevTokens = 0)
{
    /// <summary>
    /// The 95% margin of the mean as a fraction of it (1.96 standard errors), if the calls were a random sample of the
    /// rest; null with fewer than two calls. A pilot of the first items is not random, so this is a floor on the error,
    /// not a bound.
    /// </summary>
    public double? RelativeMargin => Calls >= 2 && MeanTokens > 0 ? 1.96 * StdDevTokens / Math.Sqrt(Calls) / MeanTokens : null;
}
