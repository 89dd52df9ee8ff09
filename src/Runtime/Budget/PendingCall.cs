using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>One call still to make, as the estimator sees it: the lane as written and the template's answer style.</summary>
public sealed record PendingCall(string ConditionId, string Model, int PromptChars, LaneParameters Parameters, AnswerStyle Style = AnswerStyle.Direct);
