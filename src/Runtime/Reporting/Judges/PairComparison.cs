namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Two conditions' answers to one item and epoch, judged in both orders and combined. <see cref="Winner"/> is the
/// condition both orders agreed on, or null for a tie (both said tie, or they disagreed: <see cref="Inconsistent"/>).
/// </summary>
public sealed record PairComparison(string Grader, string ItemUid, int Epoch, string First, string Second, string? Winner, bool Inconsistent);
