namespace ItemEval.Runtime.Budget;

/// <summary>
/// What a condition's stored calls actually produced: output tokens (reasoning included) per call, mean and 95th
/// percentile. Once a pilot has run, the estimate uses these in place of the typical-answer heuristics.
/// </summary>
public sealed record ObservedOutput(int Calls, double MeanTokens, double P95Tokens);
