namespace ItemEval.Runtime.Datasets;

/// <summary>One dataset's pinned state in datasets.lock.json.</summary>
public sealed record LockedDataset(string Path, string Sha256, long Bytes, int Items);
