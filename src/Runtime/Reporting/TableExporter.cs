using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Writes a query's rows as Parquet and CSV with DuckDB's COPY, readable from DuckDB, pandas or R. The CSV's text
/// cells are guarded against formula injection (<see cref="CsvFormulaGuard"/>); Parquet keeps the raw values.
/// </summary>
internal static class TableExporter
{
    public static ExportedTable Write(StudyStore store, string directory, string name, string query)
    {
        var parquet = Path.Combine(directory, name + ".parquet");
        var csv = Path.Combine(directory, name + ".csv");
        store.Connection.Execute($"COPY ({query}) TO '{Escape(parquet)}' (FORMAT parquet)");
        store.Connection.Execute($"COPY ({CsvFormulaGuard.Wrap(store, query)}) TO '{Escape(csv)}' (FORMAT csv, HEADER true)");
        var rows = Convert.ToInt64(store.Connection.Scalar($"SELECT count(*) FROM ({query})"), CultureInfo.InvariantCulture);
        return new ExportedTable(name, rows, [Path.GetFileName(parquet), Path.GetFileName(csv)]);
    }

    private static string Escape(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
