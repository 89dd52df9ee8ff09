using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// What a judge's call judges, for mock judges only (like <see cref="ModelRequest.Reference"/>): the judge kind, the
/// answer(s) and the reference, and the verdict format its template asks for.
/// </summary>
/// <param name="Kind">rubric, pairwise or compliance.</param>
/// <param name="SecondOutput">Pairwise: the answer in the second position.</param>
/// <param name="RatingFormat">True when the template asks for <c>[[…]]</c> verdicts, false for a JSON object.</param>
public sealed record JudgeCue(string Kind, string Output, string? SecondOutput, string? Reference, JudgeScale Scale, bool RatingFormat);
