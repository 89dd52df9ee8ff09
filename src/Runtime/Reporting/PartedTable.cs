using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// A table exported as one Parquet file per condition (<c>export/&lt;name&gt;/&lt;condition_id&gt;.parquet</c>, read as one
/// table by DuckDB <c>'export/long/*.parquet'</c>, pandas <c>read_parquet('export/long')</c>, R
/// <c>arrow::open_dataset('export/long')</c>) and one CSV, the conditions' cached CSV parts end to end under one header.
/// Only the parts of <paramref name="Query"/>'s changed conditions are written (<see cref="ExportParts"/> decides which):
/// a Parquet file cannot be appended to or patched, so rewriting in proportion to a change needs one file per part.
/// </summary>
/// <param name="Name">The table's name: its folder and its CSV's.</param>
/// <param name="Query">Its rows for the given conditions (null: all), ordered by condition first.</param>
internal sealed record PartedTable(string Name, Func<IReadOnlyCollection<string>?, string> Query)
{
    private const string Parquet = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1";

    /// <summary>
    /// The changed conditions' Parquet parts, from one query over all of them split by DuckDB's <c>PARTITION_BY</c>
    /// (one query per condition joined the store once per condition: ~4 × the CPU from clean, docs/BENCHMARKS.md). Each
    /// partition keeps the query's order (Export runs DuckDB at one thread per query, <see cref="ExportLanes"/>) and,
    /// with <c>WRITE_PARTITION_COLUMNS</c>, its <c>condition_id</c> column; a changed condition without rows gets a file
    /// with the columns and no row, so every table has one file per condition.
    /// </summary>
    public void WriteParquet(DuckDBConnection connection, ExportParts parts)
    {
        if (parts.Changed.Count == 0)
        {
            return;
        }

        var split = Path.Combine(parts.Staging, "." + Name + ".partitioned");
        connection.Execute($"COPY ({Query(parts.Changed)}) TO '{Sql(split)}' ({Parquet}, PARTITION_BY (condition_id), WRITE_PARTITION_COLUMNS true)");
        Directory.CreateDirectory(Path.GetDirectoryName(parts.StagedPart(Name, ".parquet", "x"))!);
        foreach (var condition in parts.Changed)
        {
            var partition = Path.Combine(split, "condition_id=" + condition);
            var target = parts.StagedPart(Name, ".parquet", condition);
            if (!Directory.Exists(partition))
            {
                connection.Execute($"COPY ({Query([])}) TO '{Sql(target)}' ({Parquet})");
                continue;
            }

            var files = Directory.GetFiles(partition);
            if (files.Length != 1)
            {
                throw new InvalidOperationException($"export: expected one Parquet file for condition {condition} of {Name}, DuckDB wrote {files.Length}");
            }

            File.Move(files[0], target);
        }

        Directory.Delete(split, recursive: true);
    }

    /// <summary>
    /// The changed conditions' CSV parts (no header, text cells guarded, streamed from their Parquet parts), then the
    /// table's CSV: the header, then every condition's part in condition order, byte for byte — the bytes one COPY of the
    /// whole table would write, since the table is ordered by condition first.
    /// </summary>
    public void WriteCsv(DuckDBConnection connection, ExportParts parts)
    {
        foreach (var condition in parts.Changed)
        {
            var rows = $"SELECT * FROM read_parquet('{Sql(parts.StagedPart(Name, ".parquet", condition))}')";
            connection.Execute($"COPY ({CsvFormulaGuard.Wrap(connection, rows)}) TO '{Sql(parts.StagedCsvPart(Name, condition))}' (FORMAT csv, HEADER false)");
        }

        var header = Path.Combine(parts.Staging, "." + Name + ".header.csv");
        connection.Execute($"COPY ({CsvFormulaGuard.Wrap(connection, Query([]))}) TO '{Sql(header)}' (FORMAT csv, HEADER true)");
        using (var csv = File.Create(Path.Combine(parts.Staging, Name + ".csv")))
        {
            foreach (var piece in parts.All.Select(condition => parts.CurrentCsvPart(Name, condition)).Prepend(header))
            {
                using var input = File.OpenRead(piece);
                input.CopyTo(csv);
            }
        }

        File.Delete(header);
    }

    /// <summary>The table as the manifest records it: its files and its row count (from the Parquet parts' footers).</summary>
    public ExportedTable Exported(DuckDBConnection connection, ExportParts parts) =>
        new(Name, Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM ({Rows(parts)})"), System.Globalization.CultureInfo.InvariantCulture),
            [Name + "/*.parquet", Name + ".csv"]);

    /// <summary>A query over the table as this export leaves it (its changed parts staged, the others published).</summary>
    public string Rows(ExportParts parts) =>
        parts.All.Count == 0
            ? $"SELECT * FROM ({Query([])})"
            : $"SELECT * FROM read_parquet([{string.Join(", ", parts.All.Select(condition => "'" + Sql(parts.CurrentPart(Name, condition)) + "'"))}])";

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
