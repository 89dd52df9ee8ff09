namespace ItemEval.Runtime.Providers.Caching;

/// <summary>Where one cached response lives: a pack file, the offset of its record and its length (a value, not an object per entry).</summary>
internal readonly record struct CachePackEntry(string PackPath, long Offset, int Length);
