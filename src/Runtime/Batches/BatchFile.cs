namespace ItemEval.Runtime.Batches;

/// <summary>A written batch input file: the requests it holds, by custom_id, and what they can cost at most at the batch rate.</summary>
internal sealed record BatchFile(string Path, IReadOnlyList<BatchEntry> Entries, decimal WorstCaseUsd, long Bytes);

/// <summary>One request of a batch: its custom_id and the key its result is stored under (a cell key, a grading key).</summary>
internal sealed record BatchEntry(string CustomId, string Key);
