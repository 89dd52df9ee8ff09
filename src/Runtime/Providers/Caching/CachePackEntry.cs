namespace ItemEval.Runtime.Providers.Caching;

/// <summary>Where one cached response lives: a pack file, the offset of its compressed record and its length.</summary>
internal sealed record CachePackEntry(string PackPath, long Offset, int Length);
