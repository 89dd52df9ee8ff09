using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Writes a query's rows as Parquet and CSV with DuckDB's COPY, readable from DuckDB, pandas or R. The CSV's text
/// cells are guarded against formula injection (<see cref="CsvFormulaGuard"/>); Parquet keeps the raw values.
/// </summary>
internal static class TableExporter
{
    /// <summary>
    /// The query runs once, streaming from the store into the Parquet file; the CSV is then streamed from that file
    /// (a scan, not the joins and sort again), and the row count is read from the Parquet file's footer.
    /// </summary>
    public static ExportedTable Write(StudyStore store, string directory, string name, string query)
    {
        var parquet = ParquetPath(directory, name);
        var csv = Path.Combine(directory, name + ".csv");
        // zstd rather than the default snappy: half the size on these tables (hex keys, repeated text) and no slower to
        // write (docs/BENCHMARKS.md, Scale); pyarrow, R's arrow and every DuckDB read it.
        store.Connection.Execute($"COPY ({query}) TO '{Escape(parquet)}' (FORMAT parquet, COMPRESSION zstd)");
        store.Connection.Execute($"COPY ({CsvFormulaGuard.Wrap(store, Rows(directory, name))}) TO '{Escape(csv)}' (FORMAT csv, HEADER true)");
        var rows = Convert.ToInt64(store.Connection.Scalar($"SELECT count(*) FROM ({Rows(directory, name)})"), CultureInfo.InvariantCulture);
        return new ExportedTable(name, rows, [Path.GetFileName(parquet), Path.GetFileName(csv)]);
    }

    /// <summary>A query over an exported table as written, for what is derived from it (the summary).</summary>
    public static string Rows(string directory, string name) => $"SELECT * FROM read_parquet('{Escape(ParquetPath(directory, name))}')";

    private static string ParquetPath(string directory, string name) => Path.Combine(directory, name + ".parquet");

    private static string Escape(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
