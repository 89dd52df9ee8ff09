namespace ItemEval.Runtime.Store;

/// <summary>One ordered pairwise judgment as stored: null status when not yet judged, null score when it gave no verdict.</summary>
public sealed record PairwiseJudgment(string Grader, string ItemUid, int Epoch, string FirstCondition, string SecondCondition, string? Status, double? FirstScore);
