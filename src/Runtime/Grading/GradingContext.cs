using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Grading;

/// <summary>What a grader sees of one grading: the solution's cell and output, its item, and the grader's configuration.</summary>
public sealed record GradingContext(string CellKey, string Output, Item Item, GraderConfig Grader);
