using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>A pending cell with what it needs to become a request: its condition and its item.</summary>
public sealed record PlannedCell(Cell Cell, Condition Condition, Item Item);
