using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Wraps an export query so that no text cell can run as a spreadsheet formula when the CSV is opened in Excel or
/// LibreOffice (OWASP "CSV injection"): a VARCHAR value starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
/// carriage return gets a leading single quote. Numeric columns stay numbers; Parquet keeps the raw values.
/// </summary>
internal static class CsvFormulaGuard
{
    private const string Triggers = "['=', '+', '-', '@', chr(9), chr(13)]";

    public static string Wrap(DuckDBConnection connection, string query)
    {
        var columns = connection.Query(
                $"DESCRIBE SELECT * FROM ({query})",
                reader => (Name: reader.GetString(0), Type: reader.GetString(1)))
            .ToList();
        var select = columns.Select(column =>
        {
            var name = Quote(column.Name);
            return column.Type == "VARCHAR"
                ? $"CASE WHEN list_contains({Triggers}, left({name}, 1)) THEN '''' || {name} ELSE {name} END AS {name}"
                : name;
        });
        return $"SELECT {string.Join(", ", select)} FROM ({query})";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
