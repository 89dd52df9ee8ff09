using DuckDB.NET.Data;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// One piece of Export's work on a connection of its own (a table's Parquet file, its CSV, the books' reconciliation);
/// it starts once the job named <paramref name="After"/> has finished (a CSV is streamed from its Parquet file).
/// </summary>
internal sealed record ExportJob(string Name, Action<DuckDBConnection> Work, string? After = null);
