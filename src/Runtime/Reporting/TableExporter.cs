using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Writes a query's rows as Parquet and CSV with DuckDB's COPY, readable from DuckDB, pandas or R. The CSV's text
/// cells are guarded against formula injection (<see cref="CsvFormulaGuard"/>); Parquet keeps the raw values.
/// The query runs once, streaming from the store into the Parquet file; the CSV is then streamed from that file
/// (a scan, not the joins and sort again), and the row count is read from the Parquet file's footer.
/// </summary>
internal static class TableExporter
{
    /// <summary>Both files of a table, one after the other on <paramref name="connection"/>.</summary>
    public static ExportedTable Write(DuckDBConnection connection, string directory, string name, string query)
    {
        WriteParquet(connection, directory, name, query);
        WriteCsv(connection, directory, name);
        return Table(connection, directory, name);
    }

    /// <summary>
    /// zstd at level 1 rather than the default snappy (or zstd's default level 3): on these tables (hex keys, repeated
    /// text) half snappy's size, no bigger than level 3 and cheaper to write (docs/BENCHMARKS.md); pyarrow, R's arrow
    /// and every DuckDB read it. A query that ends in ORDER BY is written in that order whatever DuckDB's
    /// <c>preserve_insertion_order</c> (a database-wide setting, so Export leaves it alone while another lane's CSV
    /// relies on it).
    /// </summary>
    public static void WriteParquet(DuckDBConnection connection, string directory, string name, string query) =>
        connection.Execute($"COPY ({query}) TO '{Escape(ParquetPath(directory, name))}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)");

    /// <summary>The CSV, streamed from the table's Parquet file in that file's order, text cells guarded.</summary>
    public static void WriteCsv(DuckDBConnection connection, string directory, string name) =>
        connection.Execute($"COPY ({CsvFormulaGuard.Wrap(connection, Rows(directory, name))}) TO '{Escape(CsvPath(directory, name))}' (FORMAT csv, HEADER true)");

    /// <summary>The written table as the manifest records it: its files and its row count (from the Parquet footer).</summary>
    public static ExportedTable Table(DuckDBConnection connection, string directory, string name)
    {
        var rows = Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM ({Rows(directory, name)})"), CultureInfo.InvariantCulture);
        return new ExportedTable(name, rows, [Path.GetFileName(ParquetPath(directory, name)), Path.GetFileName(CsvPath(directory, name))]);
    }

    /// <summary>A query over an exported table as written, for what is derived from it (the summary).</summary>
    public static string Rows(string directory, string name) => $"SELECT * FROM read_parquet('{Escape(ParquetPath(directory, name))}')";

    private static string ParquetPath(string directory, string name) => Path.Combine(directory, name + ".parquet");

    private static string CsvPath(string directory, string name) => Path.Combine(directory, name + ".csv");

    private static string Escape(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
