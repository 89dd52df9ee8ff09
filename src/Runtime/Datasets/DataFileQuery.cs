namespace ItemEval.Runtime.Datasets;

/// <summary>
/// The formats ItemEval reads and the DuckDB table function for each: the one list study.yaml's <c>format</c> is
/// checked against (<see cref="Config.StudySchema.Formats"/>) and the format inferred from a file's extension.
/// </summary>
internal static class DataFileQuery
{
    public static readonly IReadOnlyList<DataFormat> Formats =
    [
        new("jsonl", [".jsonl", ".ndjson", ".json"]),
        new("csv", [".csv"]),
        new("parquet", [".parquet"]),
    ];

    /// <summary>The format a file's extension implies, or null.</summary>
    public static string? FormatOf(string path)
    {
        var extension = Path.GetExtension(path);
        return Formats.FirstOrDefault(format => format.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))?.Name;
    }

    public static string For(string format, string fullPath, bool? header = null)
    {
        var path = fullPath.Replace("'", "''", StringComparison.Ordinal);
        return format switch
        {
            // A .json file may also be one JSON array of records (LLMBar, many Hugging Face exports): DuckDB tells which.
            "jsonl" => $"SELECT * FROM read_json_auto('{path}', format = '{(path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "auto" : "newline_delimited")}')",
            "csv" => header is { } hasHeader ? $"SELECT * FROM read_csv_auto('{path}', header = {(hasHeader ? "true" : "false")})" : $"SELECT * FROM read_csv_auto('{path}')",
            "parquet" => $"SELECT * FROM read_parquet('{path}')",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported data format"),
        };
    }
}
