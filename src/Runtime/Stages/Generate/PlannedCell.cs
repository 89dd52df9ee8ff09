using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>A pending cell with what it needs to become a request: its condition and its item.</summary>
public sealed record PlannedCell(Cell Cell, Condition Condition, Item Item) : IBatchRequest
{
    string IBatchRequest.Key => Cell.Key;

    ModelConfig IBatchRequest.Model => Condition.Model;

    ModelRequest IBatchRequest.Request() => CellRunner.RequestFor(Cell, Condition, Item);
}
