namespace ItemEval.Runtime.Datasets;

/// <summary>The DuckDB table function that reads a data file of each supported format.</summary>
internal static class DataFileQuery
{
    public static string For(string format, string fullPath, bool? header = null)
    {
        var path = fullPath.Replace("'", "''", StringComparison.Ordinal);
        return format switch
        {
            "jsonl" => $"SELECT * FROM read_json_auto('{path}', format = 'newline_delimited')",
            "csv" => header is { } hasHeader ? $"SELECT * FROM read_csv_auto('{path}', header = {(hasHeader ? "true" : "false")})" : $"SELECT * FROM read_csv_auto('{path}')",
            "parquet" => $"SELECT * FROM read_parquet('{path}')",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported data format"),
        };
    }
}
