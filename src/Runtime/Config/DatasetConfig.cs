namespace ItemEval.Runtime.Config;

/// <summary>One local data file (jsonl, csv or parquet) and how its columns become items.</summary>
/// <param name="Format">jsonl, csv or parquet; inferred from the extension when absent.</param>
/// <param name="Scheme">The grading scheme for every item unless the mapping names a scheme column.</param>
/// <param name="Limit">Keep the first N items (in file order), for pilots.</param>
/// <param name="Header">CSV only: whether the first row names the columns; null lets DuckDB detect it.</param>
public sealed record DatasetConfig(
    string Name,
    string Path,
    string Format,
    ItemMapping Mapping,
    string? Scheme,
    int? Limit,
    SourceLocation Location,
    bool? Header = null);
