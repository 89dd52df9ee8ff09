using ItemEval.Runtime.Stages.Generate;

namespace ItemEval.Runtime.Batches;

/// <summary>A written batch input file: the cells it holds, by custom_id, and what they can cost at most at the batch rate.</summary>
internal sealed record BatchFile(string Path, IReadOnlyList<BatchEntry> Entries, decimal WorstCaseUsd, long Bytes);

/// <summary>One request of a batch: its custom_id and the cell it is for.</summary>
internal sealed record BatchEntry(string CustomId, PlannedCell Cell);
