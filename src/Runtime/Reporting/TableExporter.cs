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
    /// <param name="sorted">
    /// The query ends in its own ORDER BY, so DuckDB need not also keep the order its scans produced while writing the
    /// Parquet file (<c>preserve_insertion_order</c> off: 18% less CPU for the long table at 1,000,000 rows, the same
    /// rows in the same order). The CSV is always written in the Parquet file's order.
    /// </param>
    public static ExportedTable Write(StudyStore store, string directory, string name, string query, bool sorted = false)
    {
        var parquet = ParquetPath(directory, name);
        var csv = Path.Combine(directory, name + ".csv");
        // zstd rather than the default snappy: half the size on these tables (hex keys, repeated text) and no slower to
        // write (docs/BENCHMARKS.md, Scale); pyarrow, R's arrow and every DuckDB read it.
        var copy = $"COPY ({query}) TO '{Escape(parquet)}' (FORMAT parquet, COMPRESSION zstd)";
        if (sorted)
        {
            store.Connection.Execute("SET preserve_insertion_order = false");
            try
            {
                store.Connection.Execute(copy);
            }
            finally
            {
                store.Connection.Execute("RESET preserve_insertion_order");
            }
        }
        else
        {
            store.Connection.Execute(copy);
        }

        store.Connection.Execute($"COPY ({CsvFormulaGuard.Wrap(store, Rows(directory, name))}) TO '{Escape(csv)}' (FORMAT csv, HEADER true)");
        var rows = Convert.ToInt64(store.Connection.Scalar($"SELECT count(*) FROM ({Rows(directory, name)})"), CultureInfo.InvariantCulture);
        return new ExportedTable(name, rows, [Path.GetFileName(parquet), Path.GetFileName(csv)]);
    }

    /// <summary>A query over an exported table as written, for what is derived from it (the summary).</summary>
    public static string Rows(string directory, string name) => $"SELECT * FROM read_parquet('{Escape(ParquetPath(directory, name))}')";

    private static string ParquetPath(string directory, string name) => Path.Combine(directory, name + ".parquet");

    private static string Escape(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
