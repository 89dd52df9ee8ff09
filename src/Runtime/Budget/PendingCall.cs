using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>One call still to make, as the estimator sees it: the lane as written and the template's answer style.</summary>
/// <param name="Grader">A judge call: the grader that makes it (<see cref="ConditionId"/> is the judged condition, <see cref="Model"/> the judge model); null for a generation.</param>
/// <param name="PromptTokens">The prompt counted for this model (<see cref="TokenEstimator.Count"/>); null counts <paramref name="PromptChars"/> ÷ 4.</param>
/// <param name="Times">How many times this same call is made (a condition's epochs of one item), priced once and multiplied.</param>
public sealed record PendingCall(string ConditionId, string Model, int PromptChars, LaneParameters Parameters, AnswerStyle Style = AnswerStyle.Direct, int? PromptTokens = null, string? Grader = null, int Times = 1);
