using ItemEval.Runtime.Stages.Grade;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// Judge calls the response cache will answer: a judge's request is its model, lane and prompt, and the prompt is the
/// grader's template filled with the item and the judged answer(s), so two gradings of identical stored answers to the
/// same item (two lanes that answered alike, both orders of a pair whose answers are equal) send one request and
/// re-serve it for the other at $0. Answers not generated yet are unknown, so each of their gradings counts as a call.
/// </summary>
internal static class JudgeCacheHits
{
    /// <summary>The gradings that reach the provider: every one but those asking what an earlier one already asks.</summary>
    /// <param name="coming">Cell keys of answers still to be generated (their text is not known).</param>
    public static IEnumerable<PendingGrading> Sent(IEnumerable<PendingGrading> gradings, IReadOnlySet<string> coming)
    {
        var asked = new HashSet<(string Grader, string Item, string First, string? Second)>();
        foreach (var grading in gradings)
        {
            var unknown = coming.Contains(grading.Solution.CellKey) || (grading.Second is { } second && coming.Contains(second.CellKey));
            if (unknown || asked.Add((grading.Grader.Name, grading.Item.Uid, grading.Solution.Output, grading.Second?.Output)))
            {
                yield return grading;
            }
        }
    }
}
