using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>What a grader sees of one grading: the solution's cell and output, its item, and the grader's configuration.</summary>
/// <param name="Judges">The run's judge calls (model-call pipeline, prices, transcripts); null when no grader is a judge.</param>
/// <param name="SecondOutput">Pairwise: the answer in the second position (<see cref="Output"/> is in the first).</param>
public sealed record GradingContext(string CellKey, string Output, Item Item, GraderConfig Grader, Judges.JudgeSession? Judges = null, string? SecondOutput = null);
