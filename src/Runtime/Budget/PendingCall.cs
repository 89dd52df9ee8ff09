namespace ItemEval.Runtime.Budget;

/// <summary>One call still to make, as the estimator sees it.</summary>
public sealed record PendingCall(string ConditionId, string Model, int PromptChars, int? MaxTokens);
