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

    /// <summary>The CSV's concatenation copies in 1 MiB reads and writes rather than .NET's 80 KiB default (~700 MB at 1,000,000 rows).</summary>
    private const int CopyBuffer = 1 << 20;

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

        Split(connection, Query(parts.Changed), Parquet, parts, condition => parts.StagedPart(Name, ".parquet", condition),
            target => connection.Execute($"COPY ({Query([])}) TO '{Sql(target)}' ({Parquet})"));
    }

    /// <summary>
    /// The changed conditions' CSV parts (no header, text cells guarded, streamed from their Parquet parts in one COPY
    /// split as <see cref="WriteParquet"/> splits, where one COPY per part cost ~10 ms each of fixed work), then the
    /// table's CSV: the header, then every condition's part in condition order, byte for byte — the bytes one COPY of the
    /// whole table would write, since the table is ordered by condition first.
    /// </summary>
    public void WriteCsv(DuckDBConnection connection, ExportParts parts)
    {
        if (parts.Changed.Count > 0)
        {
            var rows = $"SELECT * FROM read_parquet([{string.Join(", ", parts.Changed.Select(condition => "'" + Sql(parts.StagedPart(Name, ".parquet", condition)) + "'"))}])";
            Split(connection, CsvFormulaGuard.Wrap(connection, rows), "FORMAT csv, HEADER false", parts, condition => parts.StagedCsvPart(Name, condition),
                target => File.WriteAllText(target, ""));
        }

        var header = Path.Combine(parts.Staging, "." + Name + ".header.csv");
        connection.Execute($"COPY ({CsvFormulaGuard.Wrap(connection, Query([]))}) TO '{Sql(header)}' (FORMAT csv, HEADER true)");
        var pieces = parts.All.Select(condition => parts.CurrentCsvPart(Name, condition)).Prepend(header).ToList();
        if (!IsPublished(parts, pieces))
        {
            using var csv = File.Create(Path.Combine(parts.Staging, Name + ".csv"));
            foreach (var piece in pieces)
            {
                using var input = File.OpenRead(piece);
                input.CopyTo(csv, CopyBuffer);
            }
        }

        File.Delete(header);
    }

    /// <summary>
    /// Whether the published CSV already is <paramref name="pieces"/> end to end, so that it is left as it is (an Export
    /// with no condition changed rewrote ~680 MB for nothing at 1,000,000 rows): no part changed, and the file is as long
    /// as the pieces together. Publishing moves the CSV in with its parts, and a publish killed half way leaves no
    /// fingerprint, so every part is rewritten next time: an unchanged part set with a CSV of another Export is only
    /// possible by hand, and a hand edit of a part is not detected anyway (<see cref="ExportParts"/>).
    /// </summary>
    private bool IsPublished(ExportParts parts, IReadOnlyList<string> pieces)
    {
        var published = new FileInfo(parts.Published(Name + ".csv"));
        return parts.Changed.Count == 0 && published.Exists && published.Length == pieces.Sum(piece => new FileInfo(piece).Length);
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

    /// <summary>
    /// Writes <paramref name="query"/> (rows of the changed conditions, in order) once with <c>PARTITION_BY
    /// (condition_id)</c> and moves each condition's file to <paramref name="target"/>; a condition without rows gets
    /// <paramref name="writeEmpty"/>'s file.
    /// </summary>
    private void Split(DuckDBConnection connection, string query, string options, ExportParts parts, Func<string, string> target, Action<string> writeEmpty)
    {
        var split = Path.Combine(parts.Staging, "." + Name + ".partitioned");
        connection.Execute($"COPY ({query}) TO '{Sql(split)}' ({options}, PARTITION_BY (condition_id), WRITE_PARTITION_COLUMNS true)");
        foreach (var condition in parts.Changed)
        {
            var partition = Path.Combine(split, "condition_id=" + condition);
            var file = target(condition);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!Directory.Exists(partition))
            {
                writeEmpty(file);
                continue;
            }

            var files = Directory.GetFiles(partition);
            if (files.Length != 1)
            {
                throw new InvalidOperationException($"export: expected one file for condition {condition} of {Name}, DuckDB wrote {files.Length}");
            }

            File.Move(files[0], file);
        }

        if (Directory.Exists(split)) // DuckDB creates it only when some condition has rows
        {
            Directory.Delete(split, recursive: true);
        }
    }

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
