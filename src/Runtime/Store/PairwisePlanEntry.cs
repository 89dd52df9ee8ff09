namespace ItemEval.Runtime.Store;

/// <summary>One ordered judgment of the current pairwise plan: which grading holds the verdict on which two conditions' answers.</summary>
public sealed record PairwisePlanEntry(string GradingKey, string Grader, string ItemUid, int Epoch, string FirstCondition, string SecondCondition);
